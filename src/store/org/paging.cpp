#include "store/org/paging.h"

namespace servq::store::org {

Params with_page(const Params& where, const PageRequest& page) {
  Params p;
  p.reserve(where.size() + 2);
  for (const auto& v : where) p.push_back(v);
  p.emplace_back(page.page_size);
  p.emplace_back(page.offset());
  return p;
}

}  // namespace servq::store::org
