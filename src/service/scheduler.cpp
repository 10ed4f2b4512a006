#include "service/scheduler.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "service/common.h"
#include "service/feedback_service.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"

namespace servq::service {

void Scheduler::every(std::string name, double interval_seconds, Work work) {
  auto interval = std::chrono::milliseconds(static_cast<int64_t>(interval_seconds * 1000));
  threads_.emplace_back([this, name = std::move(name), interval, work = std::move(work)] {
    std::unique_lock lock(m_);
    while (!stopping_) {
      lock.unlock();
      try {
        work(stopping_);
      } catch (const std::exception&) {
        spdlog::warn("{{\"event\":\"{}_failed\"}}", name);
      }
      lock.lock();
      cv_.wait_for(lock, interval, [this] { return stopping_.load(); });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(m_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void start_server_jobs(Scheduler& s, store::Database& db, double sla_interval, double fold_interval) {
  // The deadline job (F3): flags and escalates overdue cases without anyone opening them.
  s.every("sla_sweep", sla_interval, [&db](const std::atomic<bool>&) {
    auto n = sweep_overdue(db, now_iso());
    if (n > 0) spdlog::info("{{\"event\":\"sla_sweep\",\"escalated\":{}}}", n);
  });
  // The survey folder (S4): adds new responses to the statistics cells the analysis reads, and
  // opens the F5 cases the intake writer has not opened yet (few responses, or after a restart),
  // a few hundred per transaction so that intake commits interleave.
  s.every("fold", fold_interval, [&db](const std::atomic<bool>& stopping) {
    while (open_followup_cases(db, 200) == 200 && !stopping) {
    }
    fold_responses(db, 20000);
    checkpoint(db);
  });
}

}  // namespace servq::service
