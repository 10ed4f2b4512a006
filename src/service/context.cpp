#include "service/context.h"

#include "service/common.h"

namespace servq::service {

Context Context::of(store::Database& db, const Actor& actor) { return of(db, actor, service::clock()); }

Context Context::of(store::Database& db, const Actor& actor, const Clock& clock) {
  return Context{db, actor, UnitScope::of(actor), clock};
}

}  // namespace servq::service
