#include "store/survey/cells_repo.h"

namespace servq::store::survey {

void refold_all(Connection& c) {
  c.execute("DELETE FROM survey_cells");
  c.execute("UPDATE survey_responses SET folded = 0 WHERE folded <> 0");
}

}  // namespace servq::store::survey
