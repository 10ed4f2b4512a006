// The org lists' paging: a filter's parameters followed by LIMIT and OFFSET.
#pragma once
#include "store/database.h"
#include "store/page.h"

namespace servq::store::org {

// `where` then page_size and offset, for "... LIMIT ? OFFSET ?".
Params with_page(const Params& where, const PageRequest& page);

}  // namespace servq::store::org
