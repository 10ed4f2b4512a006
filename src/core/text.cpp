#include "core/text.h"

#include <cctype>
#include <unordered_map>

namespace servq::text {
namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t next_cp(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

void append_cp(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Every accented Latin letter used in Vietnamese (and the common Western ones), by base letter.
const std::unordered_map<char32_t, char>& fold_table() {
  static const std::unordered_map<char32_t, char> table = [] {
    std::unordered_map<char32_t, char> t;
    const std::pair<char, std::string_view> groups[] = {
        {'a', "àáảãạăằắẳẵặâầấẩẫậäåāÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀ"},
        {'e', "èéẻẽẹêềếểễệëēÈÉẺẼẸÊỀẾỂỄỆËĒ"},
        {'i', "ìíỉĩịîïīÌÍỈĨỊÎÏĪ"},
        {'o', "òóỏõọôồốổỗộơờớởỡợöøōÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ"},
        {'u', "ùúủũụưừứửữựûüūÙÚỦŨỤƯỪỨỬỮỰÛÜŪ"},
        {'y', "ỳýỷỹỵÿỲÝỶỸỴ"},
        {'d', "đĐ"},
        {'c', "çÇ"},
        {'n', "ñÑ"},
    };
    for (const auto& [base, letters] : groups) {
      for (size_t i = 0; i < letters.size();) t[next_cp(letters, i)] = base;
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto& table = fold_table();
  bool pending_space = false;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = next_cp(s, i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0) {
      pending_space = !out.empty();
      continue;
    }
    if (cp >= 0x0300 && cp <= 0x036F) continue;  // combining marks (text typed in NFD)
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (cp < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(cp)));
    } else if (auto it = table.find(cp); it != table.end()) {
      out += it->second;
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII, common in Chinese input
      out += static_cast<char>(std::tolower(static_cast<int>(cp - 0xFEE0)));
    } else {
      append_cp(out, cp);
    }
  }
  return out;
}

namespace {
bool is_cjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}
bool is_word(char32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFFEF) return false;  // full-width forms left after folding
  return cp != 0xFFFD;
}
// Splits folded text into words and CJK runs; `last_open` tells whether the text ended inside a word.
struct Pieces {
  std::vector<std::string> words;  // Latin etc.
  std::vector<std::vector<std::string>> cjk_runs;
  std::vector<int> order;  // 0 = next word, 1 = next CJK run
  bool ends_in_word = false;
};
Pieces split_pieces(const std::string& f) {
  Pieces p;
  std::string word;
  std::vector<std::string> run;
  auto flush_word = [&] {
    if (!word.empty()) {
      p.words.push_back(word);
      p.order.push_back(0);
      word.clear();
    }
  };
  auto flush_run = [&] {
    if (!run.empty()) {
      p.cjk_runs.push_back(run);
      p.order.push_back(1);
      run.clear();
    }
  };
  for (size_t i = 0; i < f.size();) {
    char32_t cp = next_cp(f, i);
    if (is_cjk(cp)) {
      flush_word();
      std::string ch;
      append_cp(ch, cp);
      run.push_back(ch);
      p.ends_in_word = false;
    } else if (is_word(cp)) {
      flush_run();
      append_cp(word, cp);
      p.ends_in_word = true;
    } else {
      flush_word();
      flush_run();
      p.ends_in_word = false;
    }
  }
  flush_word();
  flush_run();
  return p;
}
void add_run_tokens(const std::vector<std::string>& run, std::vector<std::string>& out) {
  if (run.size() == 1) {
    out.push_back(run[0]);
    return;
  }
  for (size_t i = 0; i + 1 < run.size(); ++i) out.push_back(run[i] + run[i + 1]);
}
}  // namespace

std::vector<std::string> search_tokens(std::string_view s) {
  auto p = split_pieces(fold(s));
  std::vector<std::string> out;
  size_t w = 0, r = 0;
  for (int kind : p.order) {
    if (kind == 0)
      out.push_back(p.words[w++]);
    else
      add_run_tokens(p.cjk_runs[r++], out);
  }
  return out;
}

SearchQuery prepare_query(std::string_view q) {
  SearchQuery out;
  out.folded = fold(q);
  auto p = split_pieces(out.folded);
  size_t w = 0, r = 0;
  for (int kind : p.order) {
    if (kind == 0) {
      out.tokens.push_back(p.words[w++]);
    } else {
      const auto& run = p.cjk_runs[r++];
      if (run.size() == 1) out.needs_scan = true;  // the index holds no single characters inside runs
      add_run_tokens(run, out.tokens);
    }
  }
  bool trailing_space = !q.empty() && std::isspace(static_cast<unsigned char>(q.back()));
  out.last_is_prefix = p.ends_in_word && !out.tokens.empty() && !trailing_space;
  if (out.tokens.empty()) out.needs_scan = true;
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<std::string> normalize_email(std::string_view s) {
  std::string e = trim(s);
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return {};
  auto dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= e.size()) return {};
  for (char c : e)
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';') return {};
  if (e.size() > 254) return {};
  return e;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t before = i;
    char32_t cp = next_cp(s, i);
    if (cp == 0xFFFD && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

bool valid_code(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

}  // namespace servq::text
