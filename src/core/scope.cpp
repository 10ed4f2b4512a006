#include "core/scope.h"

namespace servq {

UnitScope UnitScope::of(const Actor& a) {
  UnitScope s;
  switch (access::read_scope(a)) {
    case Scope::all: s.kind_ = Kind::all; break;
    case Scope::subtree: s.kind_ = Kind::subtree; break;
    case Scope::own: s.kind_ = Kind::own; break;
    case Scope::none: s.kind_ = Kind::none; break;
  }
  s.unit_path_ = a.unit_path;
  s.staff_id_ = a.staff_id;
  s.user_id_ = a.user_id;
  return s;
}

bool UnitScope::covers(std::string_view path) const {
  switch (kind_) {
    case Kind::all: return true;
    case Kind::subtree: return !unit_path_.empty() && path.substr(0, unit_path_.size()) == unit_path_;
    case Kind::own:
    case Kind::none: return false;
  }
  return false;
}

std::optional<std::string> UnitScope::figures_path() const {
  switch (kind_) {
    case Kind::all: return std::nullopt;
    case Kind::subtree:
    case Kind::own: return unit_path_;
    case Kind::none: return std::string();
  }
  return std::string();
}

bool UnitScope::figures_cover(std::string_view path) const {
  auto p = figures_path();
  if (!p) return true;
  return !p->empty() && path.substr(0, p->size()) == *p;
}

namespace access {
bool covers(const Actor& a, std::string_view path) { return UnitScope::of(a).covers(path); }
}  // namespace access

}  // namespace servq
