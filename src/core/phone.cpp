#include "core/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace servq::phone {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& util() { return *PhoneNumberUtil::GetInstance(); }

bool is_e164(std::string_view s) {
  if (s.size() < 3 || s.size() > 16 || s[0] != '+') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

}  // namespace

bool known_region(std::string_view region) {
  if (region.size() != 2 || !std::isupper(static_cast<unsigned char>(region[0])) ||
      !std::isupper(static_cast<unsigned char>(region[1])))
    return false;
  static const std::set<std::string> regions = [] {
    std::set<std::string> r;
    util().GetSupportedRegions(&r);
    return r;
  }();
  return regions.count(std::string(region)) > 0;
}

std::optional<std::string> to_e164(std::string_view input, std::string_view region, Refusal* why) {
  auto refuse = [&](const char* reason) -> std::optional<std::string> {
    if (why) why->reason = reason;
    return std::nullopt;
  };
  // Longer than any number written with spaces and punctuation: refuse before parsing.
  if (input.size() > 64) return refuse("phone.invalid");
  for (unsigned char c : input)
    if (std::isalpha(c) && c != 'x' && c != 'X' && c != 'e' && c != 't' && c != '.')  // "ext." / "x12"
      return refuse("phone.not_a_number");
  PhoneNumber n;
  if (util().Parse(std::string(input), std::string(region), &n) != PhoneNumberUtil::NO_PARSING_ERROR)
    return refuse("phone.not_a_number");
  if (n.has_extension()) return refuse("phone.extension");
  if (!util().IsValidNumber(n)) return refuse("phone.invalid");
  std::string out;
  util().Format(n, PhoneNumberUtil::E164, &out);
  return out;
}

std::optional<std::string> from_stored(std::string_view stored, std::string_view region) {
  if (auto p = to_e164(stored, region)) return p;
  if (stored.empty() || stored[0] == '0' || stored[0] == '+') return std::nullopt;
  std::string international(1, '+');  // (not "+" + s: GCC 12's -Wrestrict false positive, bug 105651)
  international.append(stored);
  return to_e164(international, region);
  return std::nullopt;
}

Error invalid_number(const std::string& code, const std::string& field, std::string_view input,
                     std::string_view region, const Refusal& why) {
  std::string msg = field + " '" + std::string(input.substr(0, 64)) + "' ";
  if (why.reason == "phone.extension")
    msg += "has an extension; give the number without it";
  else if (why.reason == "phone.not_a_number")
    msg += "is not a phone number";
  else
    msg += "is not a valid phone number (numbers without a country code are read as " + std::string(region) + ")";
  Error e = invalid(code, field, msg);
  e.with("value", std::string(input.substr(0, 64))).with("region", std::string(region)).with("reason", why.reason);
  return e;
}

std::string display(std::string_view e164, std::string_view region) {
  if (!is_e164(e164)) return std::string(e164);
  PhoneNumber n;
  if (util().Parse(std::string(e164), "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR) return std::string(e164);
  std::string out, own;
  util().GetRegionCodeForNumber(n, &own);
  util().Format(n, own == region ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL, &out);
  return out;
}

std::string search_text(std::string_view e164, std::string_view region) {
  if (!is_e164(e164)) return digits_of(e164);
  std::string national = digits_of(display(e164, region));
  std::string all = std::string(e164.substr(1));
  if (!national.empty() && national != all) all += " " + national;
  return all;
}

std::string search_key(std::string_view e164, std::string_view region) {
  std::string text = search_text(e164, region);
  auto space = text.find(' ');
  return space == std::string::npos ? text : text.substr(space + 1);
}

std::optional<std::string> query_number(std::string_view q, std::string_view region) {
  if (digits_of(q).size() < 6) return std::nullopt;
  return to_e164(q, region);
}

std::optional<std::string> partial_digits(std::string_view q) {
  std::string d;
  for (char c : q) {
    if (c >= '0' && c <= '9')
      d += c;
    else if (c != ' ' && c != '+' && c != '-' && c != '.' && c != '(' && c != ')')
      return std::nullopt;
  }
  if (d.size() < 3) return std::nullopt;
  return d;
}

}  // namespace servq::phone
