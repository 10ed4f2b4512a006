#include "service/import_line.h"

#include "core/phone.h"
#include "core/text.h"

namespace servq::service {

std::string ImportLine::get(const std::string& column) const {
  auto it = cols_.find(column);
  if (it == cols_.end() || it->second >= rec_.fields.size()) return "";
  return text::trim(rec_.fields[it->second]);
}

void ImportLine::err(const std::string& field, const std::string& code, const std::string& message) {
  errors_.push_back({rec_.line, field, code, message});
}

void ImportLine::check_field_count(size_t header_size) {
  if (rec_.fields.size() != header_size)
    err("", "import.field_count",
        "has " + std::to_string(rec_.fields.size()) + " fields, the header has " + std::to_string(header_size));
}

std::optional<int64_t> ImportLine::code_id(const std::string& column, const std::map<std::string, int64_t>& ids) {
  auto code = get(column);
  if (code.empty()) return std::nullopt;
  auto it = ids.find(code);
  if (it != ids.end()) return it->second;
  err(column, "import." + column + "_unknown", column + " '" + code + "' does not exist");
  return std::nullopt;
}

std::optional<std::string> ImportLine::phone(const std::string& column, const std::string& region) {
  auto typed = get(column);
  if (typed.empty()) return std::nullopt;
  phone::Refusal why;
  auto number = phone::to_e164(typed, region, &why);
  if (!number) err(column, "import." + column + "_invalid", phone::invalid_number("", column, typed, region, why).message);
  return number;
}

}  // namespace servq::service
