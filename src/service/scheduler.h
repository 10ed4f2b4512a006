// The server's background jobs (F3: the deadline sweep; S4: the survey folder), each on its own
// thread, run at start and then every interval until the scheduler stops — started and stopped
// in one place instead of by hand in main().
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.h"

namespace servq::service {

class Scheduler {
 public:
  // A job's work; `stopping` turns true when the scheduler stops, for work that loops.
  using Work = std::function<void(const std::atomic<bool>& stopping)>;

  Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  ~Scheduler() { stop(); }

  // Starts `work` on a thread of its own: once now, then every `interval_seconds`. An exception
  // from a run is logged as `{"event":"<name>_failed"}` and the job goes on.
  void every(std::string name, double interval_seconds, Work work);
  // Wakes every job and waits for the runs in progress to end.
  void stop();

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
};

// The jobs of `servq serve`: the deadline sweep (flags and escalates overdue cases) every
// `sla_interval` seconds, and the survey folder (opens pending follow-up cases, folds new
// responses into the statistics cells, checkpoints the WAL) every `fold_interval` seconds.
void start_server_jobs(Scheduler& s, store::Database& db, double sla_interval, double fold_interval);

}  // namespace servq::service
