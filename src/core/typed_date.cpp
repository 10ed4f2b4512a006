#include "core/typed_date.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace servq::typed_date {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}
bool valid_date(int y, int m, int d) { return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in(y, m); }

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool end() const { return i >= s.size(); }
  bool digit() const { return !end() && std::isdigit(static_cast<unsigned char>(s[i])); }
  // A run of digits; its length in *len.
  std::optional<int> number(size_t* len) {
    size_t start = i;
    int v = 0;
    while (digit() && i - start < 6) v = v * 10 + (s[i++] - '0');
    *len = i - start;
    if (*len == 0 || digit()) return std::nullopt;
    return v;
  }
  bool eat(std::string_view t) {
    if (s.substr(i, t.size()) == t) {
      i += t.size();
      return true;
    }
    return false;
  }
  void spaces() {
    while (!end() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
};

std::string two(int v) {  // 0..99
  return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
}

}  // namespace

std::optional<Order> parse_order(std::string_view s) {
  if (s == "dmy") return Order::dmy;
  if (s == "mdy") return Order::mdy;
  if (s == "ymd") return Order::ymd;
  return std::nullopt;
}

std::string_view order_name(Order o) { return o == Order::dmy ? "dmy" : o == Order::mdy ? "mdy" : "ymd"; }

std::string expected(Order o) {
  const char* date = o == Order::dmy ? "DD/MM/YYYY" : o == Order::mdy ? "MM/DD/YYYY" : "YYYY-MM-DD";
  return std::string(date) + " [HH:MM[:SS]]";
}

Outcome read(std::string_view text, Order order) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  const Outcome invalid{"", "import.date_invalid"};
  const Outcome ambiguous{"", "import.date_ambiguous"};
  const Outcome impossible{"", "import.date_impossible"};
  Cursor c{text};
  int y = 0, m = 0, d = 0;
  size_t l1 = 0, l2 = 0, l3 = 0;
  bool cjk = false;
  auto a = c.number(&l1);
  if (!a) return invalid;
  if (c.eat("年")) {  // 2026年10月1日
    auto mo = c.number(&l2);
    if (!mo || !c.eat("月")) return invalid;
    auto da = c.number(&l3);
    if (!da || !c.eat("日")) return invalid;
    if (l1 != 4) return l1 <= 2 ? ambiguous : invalid;
    y = *a, m = *mo, d = *da;
    cjk = true;
    if (l2 > 2 || l3 > 2) return invalid;
  } else {
    if (c.end()) return invalid;
    char sep = c.s[c.i];
    if (sep != '/' && sep != '-' && sep != '.') return invalid;
    ++c.i;
    auto b = c.number(&l2);
    if (!b || c.end() || c.s[c.i] != sep) return invalid;
    ++c.i;
    auto z = c.number(&l3);
    if (!z) return invalid;
    if (l1 == 4) {  // year first, whatever the order: nobody writes y/d/m
      if (l2 > 2 || l3 > 2) return invalid;
      y = *a, m = *b, d = *z;
    } else {
      if (l1 > 2 || l2 > 2) return invalid;
      if (l3 != 4) return l3 <= 2 ? ambiguous : invalid;  // two-digit year: never guessed
      y = *z;
      if (order == Order::dmy) {
        d = *a, m = *b;
      } else if (order == Order::mdy) {
        m = *a, d = *b;
      } else {
        bool dm = valid_date(y, *b, *a), md = valid_date(y, *a, *b);
        if (dm && md && *a != *b) return ambiguous;
        if (!dm && !md) return impossible;
        if (dm) d = *a, m = *b;
        else m = *a, d = *b;
      }
    }
  }
  if (!valid_date(y, m, d)) return impossible;
  int hh = 0, mi = 0, ss = 0;
  std::string offset;
  if (!c.end()) {
    if (c.s[c.i] == 'T') ++c.i;
    else if (c.s[c.i] == ' ') c.spaces();
    else if (!cjk) return invalid;  // 2026年10月1日06:30
    size_t lh = 0, lm = 0, ls = 0;
    auto h = c.number(&lh);
    if (!h || lh > 2 || !c.eat(":")) return invalid;
    auto mm = c.number(&lm);
    if (!mm || lm != 2) return invalid;
    hh = *h, mi = *mm;
    if (c.eat(":")) {
      auto s2 = c.number(&ls);
      if (!s2 || ls != 2) return invalid;
      ss = *s2;
      if (c.eat(".")) {  // fractions of a second are dropped
        size_t lf = 0;
        if (!c.number(&lf)) return invalid;
      }
    }
    if (hh > 23 || mi > 59 || ss > 59) return impossible;
    c.spaces();
    if (c.eat("Z") || c.eat("z")) {
      offset.push_back('Z');
    } else if (!c.end() && (c.s[c.i] == '+' || c.s[c.i] == '-')) {
      char sign = c.s[c.i++];
      size_t lo = 0, lo2 = 0;
      auto oh = c.number(&lo);
      if (!oh) return invalid;
      int om = 0;
      if (lo == 4) {
        om = *oh % 100, *oh /= 100;
      } else if (lo == 2) {
        if (c.eat(":")) {
          auto o2 = c.number(&lo2);
          if (!o2 || lo2 != 2) return invalid;
          om = *o2;
        }
      } else {
        return invalid;
      }
      if (*oh > 14 || om > 59) return impossible;
      offset = std::string(1, sign) + two(*oh) + ":" + two(om);
    }
    if (!c.end()) return invalid;
  }
  std::string year = std::to_string(y);
  while (year.size() < 4) year.insert(year.begin(), '0');
  return {year + "-" + two(m) + "-" + two(d) + "T" + two(hh) + ":" + two(mi) + ":" + two(ss) + offset, ""};
}

}  // namespace servq::typed_date
