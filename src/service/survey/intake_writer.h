// The survey intake's writer (PRODUCT.md S3): public answers are queued by the request threads
// and committed in groups by one thread; on SQLite the group's WAL frames are made durable by
// syncer threads (store/wal_sync) before anybody is answered.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "service/survey_service.h"

namespace servq::service {

// One writer thread that commits everything queued since its last commit in one transaction,
// so many concurrent submissions share one fsync. `per_response` = a transaction per response
// (for the benchmark's comparison).
class IntakeWriter {
 public:
  using Done = std::function<void(IntakeResult)>;
  IntakeWriter(store::Database& db, bool per_response = false, size_t max_batch = 2000);
  ~IntakeWriter();
  void submit(PublicSubmission p, Done done);

 private:
  struct Synced {  // a committed batch waiting for the disk
    std::vector<IntakeResult> results;
    std::vector<Done> done;
    std::string wal;
    std::vector<PublicSubmission> spent;
  };
  void run();
  void sync_loop();
  store::Database& db_;
  bool per_response_;
  size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<PublicSubmission, Done>> queue_;
  bool stop_ = false;
  int64_t followups_waiting_ = 0;  // stored responses whose F5 case this writer has not opened
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::deque<Synced> to_sync_;
  bool sync_stop_ = false;
  std::unique_ptr<store::Connection> conn_;  // the writer's, outside the pool
  std::thread thread_;
  std::vector<std::thread> syncers_;
};

}  // namespace servq::service
