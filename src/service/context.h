// What a use case runs with (ARCHITECTURE.md "Layout"): the database, the caller with the unit
// scope computed once for the whole request, and the clock every time of the use case comes from.
// Routes and CLI commands make one per call (`Context::of`); tests give it a fixed clock.
#pragma once
#include <string>

#include "core/access.h"
#include "core/clock.h"
#include "core/scope.h"
#include "store/database.h"

namespace servq::service {

struct Context {
  store::Database& db;
  Actor actor;
  UnitScope scope;
  const Clock& clock;

  // The caller's context at the service layer's clock (service::clock(): the system clock unless
  // the process runs at a fixed instant).
  static Context of(store::Database& db, const Actor& actor);
  // The same at another clock (tests, replays).
  static Context of(store::Database& db, const Actor& actor, const Clock& clock);

  std::string now() const { return clock.now_iso(); }
};

}  // namespace servq::service
