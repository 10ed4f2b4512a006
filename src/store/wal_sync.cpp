#include "store/wal_sync.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace servq::store {

WalSync::~WalSync() {
  if (fd_ >= 0) ::close(fd_);
}

bool WalSync::sync(const std::string& path) {
  struct stat named {}, held {};
  if (fd_ >= 0 && (::stat(path.c_str(), &named) != 0 || ::fstat(fd_, &held) != 0 || named.st_ino != held.st_ino ||
                   named.st_dev != held.st_dev)) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0 || ::fdatasync(fd_) != 0) {
    int err = errno;
    spdlog::error(R"({{"errno":{},"event":"intake_sync_failed","what":"{}"}})", err, std::strerror(err));
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return false;
  }
  return true;
}

}  // namespace servq::store
