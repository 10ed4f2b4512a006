// The current time, read through an interface so that the server, the demo and the tests can run
// at a fixed instant (ARCHITECTURE.md "Time"): SystemClock is the real one, FixedClock stands
// still until it is set or moved. Pure apart from SystemClock's reading of the system time.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace servq {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z.
  virtual int64_t now_unix() const = 0;
  // The same instant as "YYYY-MM-DDTHH:MM:SSZ".
  std::string now_iso() const;
};

class SystemClock final : public Clock {
 public:
  int64_t now_unix() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t unix_seconds) : t_(unix_seconds) {}
  int64_t now_unix() const override { return t_.load(); }
  void set(int64_t unix_seconds) { t_.store(unix_seconds); }
  void advance(int64_t seconds) { t_.fetch_add(seconds); }

 private:
  std::atomic<int64_t> t_;
};

// A clock for the instant written in `spec` (ISO 8601 with "Z" or an offset, e.g.
// "2026-12-01T09:00:00+07:00"): a FixedClock; nothing when `spec` is not such a time.
std::optional<std::shared_ptr<FixedClock>> fixed_clock_at(std::string_view spec);

}  // namespace servq
