// Result<T>: expected failures (validation, not found, forbidden, conflict) as values.
// Every layer returns these; http/ maps Error::code to a status and an RFC 9457 problem body.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace servq {

struct Error {
  std::string code;     // stable, dotted: "customer.phone_invalid"
  std::string message;  // human readable, names the field
  std::string field;    // the offending field, empty if none
  int status = 422;     // HTTP status the API answers with
  int retry_after = 0;  // seconds, for 429 and 503 answers (the Retry-After header)
  // Values the message is made of ({"value": "31/02/2026", "row": "4"}): the problem body carries
  // them as `params`, so the web app can say the same thing in the user's language.
  std::vector<std::pair<std::string, std::string>> params;

  Error&& with(std::string key, std::string value) && {
    params.emplace_back(std::move(key), std::move(value));
    return std::move(*this);
  }
  Error& with(std::string key, std::string value) & {
    params.emplace_back(std::move(key), std::move(value));
    return *this;
  }
};

inline Error not_found(const std::string& resource) {
  return {resource + ".not_found", resource + " not found", "", 404};
}
inline Error forbidden(const std::string& why = "your role does not allow this") {
  return {"auth.forbidden", why, "", 403};
}
inline Error invalid(const std::string& code, const std::string& field, const std::string& msg) {
  return {code, msg, field, 422};
}
inline Error conflict(const std::string& code, const std::string& field, const std::string& msg) {
  return {code, msg, field, 409};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error e) : v_(std::move(e)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit0 {};  // the value of a Result that only signals success
using Status = Result<Unit0>;
inline Status ok_status() { return Unit0{}; }

}  // namespace servq
