// One page of a list: the repositories' answer to a paged query.
#pragma once
#include <cstdint>
#include <vector>

namespace servq::store {

struct PageRequest {
  int64_t page = 1;  // from 1
  int64_t page_size = 50;
  int64_t offset() const { return (page - 1) * page_size; }
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // rows matching the filter, over all pages
};

}  // namespace servq::store
