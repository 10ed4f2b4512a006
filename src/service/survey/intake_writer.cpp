#include "service/survey/intake_writer.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "store/dialect.h"
#include "store/wal_sync.h"

namespace servq::service {

using store::Tx;

IntakeWriter::IntakeWriter(store::Database& db, bool per_response, size_t max_batch)
    : db_(db), per_response_(per_response), max_batch_(max_batch) {
  thread_ = std::thread([this] { run(); });
  // Two syncers: a batch committed while one is in fdatasync starts its own at once rather
  // than waiting for the first to finish.
  for (int i = 0; i < 2; ++i) syncers_.emplace_back([this] { sync_loop(); });
}

IntakeWriter::~IntakeWriter() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();  // commits what is queued, hands it to the syncer
  {
    std::lock_guard lk(sync_mu_);
    sync_stop_ = true;
  }
  sync_cv_.notify_all();
  for (auto& t : syncers_) t.join();
  conn_.reset();  // after the last sync: closing the last connection may remove the WAL
}

void IntakeWriter::submit(PublicSubmission p, Done done) {
  {
    std::lock_guard lk(mu_);
    queue_.emplace_back(std::move(p), std::move(done));
  }
  cv_.notify_one();
}

namespace {
IntakeResult unavailable() {
  return IntakeResult{503, 0, Error{"server.db_unavailable", "the answer could not be stored; it is kept in your page and will be sent again", "", 503}};
}
}  // namespace

void IntakeWriter::run() {
  pthread_setname_np(pthread_self(), "servq-intake");
  // SQLite, group commit: a connection of its own that commits with synchronous=NORMAL — the
  // commit writes the WAL frames and returns — and the syncer thread makes the log durable with
  // fdatasync before anybody is answered. The next batch is written while the disk flushes the
  // last one. Everything else (PostgreSQL, --intake-per-response) commits and syncs in COMMIT.
  auto& own = conn_;
  bool pipelined = false;
  auto connect = [&] {
    if (own && own->healthy()) return;
    own = db_.dedicated();
    // The writer never stops to copy the WAL into the database file: the folder job
    // checkpoints in the background (checkpoint), so a commit costs one WAL append.
    pipelined = store::dialect::prepare_intake_writer(*own, !per_response_);
  };
  // F5 cases are opened when no response waits (a transaction of a few cases at a time), or a
  // few with each batch while more than force_at wait (a writer that is never idle): a case
  // costs more than a response (its ~15 indexes), and nobody's acknowledgement waits for it. No sync of their
  // own: the next intake sync or checkpoint makes them durable, and a case lost with its
  // unsynced transaction is opened again (the response keeps its reason until it has a case).
  const int64_t idle_cases = 8, forced_cases = 8, force_at = 32;
  auto open_cases_while_idle = [&] {
    try {
      connect();
      Tx tx(*own);
      int64_t n = open_followup_cases(*own, idle_cases);
      tx.commit();
      followups_waiting_ = n < idle_cases ? 0 : followups_waiting_ - n;
    } catch (const std::exception& e) {
      spdlog::error("{}", json{{"event", "followup_cases_failed"}, {"what", e.what()}}.dump(-1, ' ', false, json::error_handler_t::replace));
      own.reset();
      followups_waiting_ = 0;  // the background job finds them
    }
  };
  for (;;) {
    std::vector<std::pair<PublicSubmission, Done>> work;
    {
      std::unique_lock lk(mu_);
      if (queue_.empty() && followups_waiting_ > 0) {  // also before stopping
        lk.unlock();
        open_cases_while_idle();
        continue;
      }
      cv_.wait(lk, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty() && stop_) return;
      while (!queue_.empty() && work.size() < max_batch_) {
        work.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    auto commit = [&](size_t from, size_t to) {
      std::vector<PublicSubmission> batch;
      for (size_t i = from; i < to; ++i) batch.push_back(std::move(work[i].first));
      std::vector<IntakeResult> results;
      bool committed = false;
      try {
        connect();
        Tx tx(*own);
        results = store_public_responses(*own, batch);
        for (auto& r : results)
          if (r.status == 201 && r.followup) ++followups_waiting_;
        if (followups_waiting_ >= force_at) {
          int64_t n = open_followup_cases(*own, forced_cases);
          followups_waiting_ = n < forced_cases ? 0 : followups_waiting_ - n;
        }
        tx.commit();  // the acknowledgement follows the commit (and the sync), never precedes it
        committed = true;
      } catch (const std::exception& e) {
        spdlog::error("{}", json{{"event", "intake_commit_failed"}, {"responses", batch.size()}, {"what", e.what()}}.dump(
                                -1, ' ', false, json::error_handler_t::replace));
        own.reset();
        followups_waiting_ = 0;  // the background job finds them
        results.assign(batch.size(), unavailable());
      }
      if (committed && pipelined) {
        Synced g;
        g.results = std::move(results);
        for (size_t i = from; i < to; ++i) g.done.push_back(std::move(work[i].second));
        g.wal = own->wal_file();
        g.spent = std::move(batch);  // freed by the syncer, off the writer's path
        {
          std::lock_guard lk(sync_mu_);
          to_sync_.push_back(std::move(g));
        }
        sync_cv_.notify_one();
        return;
      }
      for (size_t i = from; i < to; ++i) work[i].second(results[i - from]);
    };
    if (per_response_) {
      for (size_t i = 0; i < work.size(); ++i) commit(i, i + 1);
    } else {
      commit(0, work.size());
    }
  }
}

// Makes the committed batches durable, then answers them. One sync covers every batch committed
// before it started (group commit at the disk too).
void IntakeWriter::sync_loop() {
  pthread_setname_np(pthread_self(), "servq-isync");
  store::WalSync wal;
  for (;;) {
    std::deque<Synced> groups;
    {
      std::unique_lock lk(sync_mu_);
      sync_cv_.wait(lk, [&] { return sync_stop_ || !to_sync_.empty(); });
      if (to_sync_.empty() && sync_stop_) return;
      groups.swap(to_sync_);
    }
    bool ok = wal.sync(groups.back().wal);
    for (auto& g : groups)
      for (size_t i = 0; i < g.done.size(); ++i) g.done[i](ok ? g.results[i] : unavailable());
  }
}

}  // namespace servq::service
