// Makes a SQLite write-ahead log durable from outside the connection that wrote it (the survey
// intake's group commit: commit with synchronous=NORMAL, then one fdatasync for every batch
// committed before it). fdatasync flushes a file's dirty pages whichever descriptor wrote them,
// so a descriptor of our own on the WAL does; it is reopened when the WAL is replaced (a new inode).
#pragma once
#include <string>

namespace servq::store {

class WalSync {
 public:
  WalSync() = default;
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;
  ~WalSync();
  // True once everything written to the WAL at `path` before the call is on the disk; false (and
  // logged) when it could not be opened or synced.
  bool sync(const std::string& path);

 private:
  int fd_ = -1;
};

}  // namespace servq::store
