// Roles and what each may do (PRODUCT.md "Who uses it"). Scope is the caller's unit subtree,
// carried as the unit's materialised path "/1/4/9/"; a record is in scope when its unit's path
// starts with the caller's path. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace servq {

enum class Role { admin, quality, director, head, staff, auditor };

std::optional<Role> parse_role(std::string_view s);
std::string_view role_name(Role r);

struct Actor {
  int64_t user_id = 0;
  std::string login;
  Role role = Role::staff;
  std::optional<int64_t> unit_id;
  std::string unit_path;            // "/1/4/" of the user's unit; empty when none
  std::optional<int64_t> staff_id;  // the staff record linked to this login
  bool via_token = false;
  bool must_change_password = false;  // signed in with a one-time password
};

enum class Scope { all, subtree, own, none };

namespace access {
// How much of the organisation's records the actor may read.
Scope read_scope(const Actor& a);
bool sees_pii(const Actor& a);
bool can_manage_org(const Actor& a);        // units (create, move, rename, head)
bool can_write_staff(const Actor& a);       // admin, quality; head inside its subtree
bool can_write_customers(const Actor& a);   // admin, quality (customers mostly arrive by import)
bool can_write_encounters(const Actor& a);  // admin, quality, head in subtree
bool can_import(const Actor& a);
bool can_manage_users(const Actor& a);
bool can_read_audit(const Actor& a);
// True when a record of unit path `path` is inside the actor's subtree (or scope is all):
// UnitScope::of(a).covers(path) (core/scope.h, where it is defined).
bool covers(const Actor& a, std::string_view path);
}  // namespace access

}  // namespace servq
