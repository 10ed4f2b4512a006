#include "core/access.h"

namespace servq {

std::optional<Role> parse_role(std::string_view s) {
  if (s == "admin") return Role::admin;
  if (s == "quality") return Role::quality;
  if (s == "director") return Role::director;
  if (s == "head") return Role::head;
  if (s == "staff") return Role::staff;
  if (s == "auditor") return Role::auditor;
  return std::nullopt;
}

std::string_view role_name(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::quality: return "quality";
    case Role::director: return "director";
    case Role::head: return "head";
    case Role::staff: return "staff";
    case Role::auditor: return "auditor";
  }
  return "staff";
}

namespace access {

Scope read_scope(const Actor& a) {
  switch (a.role) {
    case Role::admin:
    case Role::quality:
    case Role::director:
    case Role::auditor: return Scope::all;
    case Role::head: return a.unit_path.empty() ? Scope::none : Scope::subtree;
    case Role::staff: return Scope::own;
  }
  return Scope::none;
}

bool sees_pii(const Actor& a) { return a.role != Role::auditor; }
bool can_manage_org(const Actor& a) { return a.role == Role::admin || a.role == Role::quality; }
bool can_write_staff(const Actor& a) {
  return can_manage_org(a) || (a.role == Role::head && !a.unit_path.empty());
}
bool can_write_customers(const Actor& a) { return can_manage_org(a); }
bool can_write_encounters(const Actor& a) { return can_write_staff(a); }
bool can_import(const Actor& a) { return can_manage_org(a); }
bool can_manage_users(const Actor& a) { return a.role == Role::admin; }
bool can_read_audit(const Actor& a) { return a.role == Role::admin || a.role == Role::quality; }

}  // namespace access
}  // namespace servq
