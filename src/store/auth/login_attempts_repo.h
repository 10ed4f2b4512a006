// Sign-in attempts, counted by the throttle (docs/operations.md "Sign-in throttle"). An attempt is
// recorded as a failure before the password is checked and marked a success afterwards.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace servq::store::auth {

// Serialises the throttle's count-then-record for the rest of the caller's write transaction, so
// attempts in parallel cannot pass the limit together.
void lock_login_attempts(Connection& c);

// Which failures to count: those of a login, of an address, or of both together.
struct AttemptKey {
  std::optional<std::string> login, address;
};
struct Failures {
  int64_t count = 0;
  std::string last_at;  // the latest failure's time, "" when none
};
// Failures matching `key` after `since` (exclusive).
Failures count_failures(Connection& c, const AttemptKey& key, const std::string& since);
// True when `login` signed in successfully from `address` after `since`.
bool succeeded_from(Connection& c, const std::string& login, const std::string& address, const std::string& since);

// Records a failed attempt; returns its id for mark_success.
int64_t record_failure(Connection& c, const std::string& login, const std::string& address, const std::string& at);
void mark_success(Connection& c, int64_t attempt_id);

}  // namespace servq::store::auth
