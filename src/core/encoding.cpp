#include "core/encoding.h"

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "core/text.h"

namespace servq::encoding {
namespace {

// ICU's names for servq's canonical ones.
const char* icu_name(std::string_view canonical) {
  if (canonical == "utf-8") return "UTF-8";
  if (canonical == "utf-16") return "UTF-16";  // BOM decides, big-endian without one
  if (canonical == "utf-16le") return "UTF-16LE";
  if (canonical == "utf-16be") return "UTF-16BE";
  if (canonical == "gb18030") return "GB18030";
  if (canonical == "windows-1258") return "windows-1258";
  return nullptr;
}

struct Converted {
  std::u16string text;
  bool ok = false;
  size_t bad_offset = 0;  // byte offset of the first invalid sequence when !ok
};

Converted convert(std::string_view bytes, const char* name) {
  Converted out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cnv(ucnv_open(name, &err), ucnv_close);
  if (U_FAILURE(err)) return out;
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  // One byte never yields more than one UTF-16 unit in these encodings (GB18030's four-byte
  // sequences give at most two).
  out.text.resize(bytes.size() + 8);
  const char* src = bytes.data();
  UChar* tgt = out.text.data();
  ucnv_toUnicode(cnv.get(), &tgt, out.text.data() + out.text.size(), &src, bytes.data() + bytes.size(), nullptr,
                 true, &err);
  if (U_FAILURE(err)) {
    char bad[32];
    int8_t len = sizeof bad;
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv.get(), bad, &len, &e2);
    size_t consumed = static_cast<size_t>(src - bytes.data());
    out.bad_offset = U_SUCCESS(e2) && consumed >= static_cast<size_t>(len) ? consumed - static_cast<size_t>(len) : consumed;
    out.text.clear();
    return out;
  }
  out.text.resize(static_cast<size_t>(tgt - out.text.data()));
  out.ok = true;
  return out;
}

std::string nfc_utf8(const std::u16string& s) {
  icu::UnicodeString us(s.data(), static_cast<int32_t>(s.size()));
  if (us.length() && us.charAt(0) == 0xFEFF) us.remove(0, 1);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err) && !nfc->isNormalized(us, err)) {
    err = U_ZERO_ERROR;
    icu::UnicodeString n = nfc->normalize(us, err);
    if (U_SUCCESS(err)) us = n;
  }
  std::string out;
  us.toUTF8String(out);
  return out;
}

// Of the multi-byte GB18030 characters in `b`, how many are GB2312 ones (both bytes A1..FE, the
// common hanzi of names and addresses) — GBK's extension pairs (a trail byte below A1) are rare
// characters, and Windows-1258 Vietnamese misread as GBK makes many of them.
std::pair<size_t, size_t> gb2312_share(std::string_view b) {
  size_t common = 0, all = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80 || i + 1 >= b.size()) continue;
    auto d = static_cast<unsigned char>(b[i + 1]);
    ++all;
    if (d >= 0x30 && d <= 0x39) {
      i += 3;
      continue;
    }
    if (c >= 0xA1 && d >= 0xA1) ++common;
    ++i;
  }
  return {common, all};
}

bool ascii_only(std::string_view b) {
  return std::all_of(b.begin(), b.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_cjk_or_punct(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || c == 0xB7 || c == 0xD7 || c == 0xF7;
}

bool is_vietnamese_or_punct(char32_t c) {
  static const std::u32string latin1 = U"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";
  static const std::u32string extra = U"ĂăĐđĨĩŨũƠơƯư\u00A0°–—‘’“”…₫«»";
  return (c >= 0x1EA0 && c <= 0x1EF9) || latin1.find(c) != std::u32string::npos ||
         extra.find(c) != std::u32string::npos;
}

bool vietnamese_letter(char32_t c) { return c >= 0x80 && is_vietnamese_or_punct(c) && c != 0xA0 && c != 0xB0 && !(c >= 0x2000 && c <= 0x20FF) && c != 0xAB && c != 0xBB; }

// The UTF-8 reading is decisive when it is Vietnamese text: every non-ASCII character a
// Vietnamese letter (or common punctuation) inside a word that also has an ASCII letter
// ("Khám", "Lê"). Hanzi misread from GB2312 bytes give accented letters standing alone
// ("áé") or letters of other scripts, so such a file stays uncertain.
bool vietnamese_words(const std::u16string& s) {
  icu::UnicodeString us(s.data(), static_cast<int32_t>(s.size()));
  bool ascii_letter = false, other = false;
  for (int32_t i = 0; i <= us.length();) {
    UChar32 c = i < us.length() ? us.char32At(i) : U' ';
    i += i < us.length() ? U16_LENGTH(c) : 1;
    bool al = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool vl = vietnamese_letter(static_cast<char32_t>(c));
    if (c >= 0x80 && c != 0xFEFF && !vl && !is_vietnamese_or_punct(static_cast<char32_t>(c))) return false;
    if (al || vl) {
      ascii_letter |= al;
      other |= vl;
      continue;
    }
    if (other && !ascii_letter) return false;
    ascii_letter = other = false;
  }
  return true;
}

template <typename Pred>
bool all_non_ascii(const std::u16string& s, Pred pred) {
  icu::UnicodeString us(s.data(), static_cast<int32_t>(s.size()));
  for (int32_t i = 0; i < us.length();) {
    UChar32 c = us.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80 || c == 0xFEFF) continue;
    if (!pred(static_cast<char32_t>(c))) return false;
  }
  return true;
}

size_t line_of(std::string_view bytes, size_t offset, const char* name) {
  auto prefix = convert(bytes.substr(0, offset), name);
  return 1 + static_cast<size_t>(std::count(prefix.text.begin(), prefix.text.end(), u'\n'));
}

Error uncertain(const std::vector<std::string>& candidates) {
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return Error{"import.encoding_uncertain",
               "the file's encoding is uncertain (it reads as " + list +
                   "); choose the encoding it was saved in",
               "encoding", 422}
      .with("candidates", list);
}

}  // namespace

std::optional<std::string> canonical_name(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != ' ' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n.empty() || n == "auto") return "auto";
  if (n == "utf-8" || n == "utf8") return "utf-8";
  if (n == "utf-16" || n == "utf16" || n == "unicode") return "utf-16";
  if (n == "utf-16le" || n == "utf16le") return "utf-16le";
  if (n == "utf-16be" || n == "utf16be") return "utf-16be";
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return "gb18030";
  if (n == "windows-1258" || n == "cp1258" || n == "windows1258") return "windows-1258";
  return std::nullopt;
}

bool gb2312_plausible(std::string_view b) {
  bool any = false;
  for (size_t i = 0; i < b.size(); ++i) {
    auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) continue;
    if (c < 0xA1 || c > 0xFE || i + 1 >= b.size()) return false;
    auto d = static_cast<unsigned char>(b[i + 1]);
    if (d < 0xA1 || d > 0xFE) return false;
    ++i;
    any = true;
  }
  return any;
}

bool vietnamese_plausible(std::string_view utf8) {
  auto us = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::u16string s(us.getBuffer(), static_cast<size_t>(us.length()));
  return all_non_ascii(s, is_vietnamese_or_punct);
}

std::vector<std::string> icu_candidates(std::string_view bytes) {
  std::vector<std::string> out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&err), ucsdet_close);
  if (U_FAILURE(err)) return out;
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)), &err);
  int32_t n = 0;
  const UCharsetMatch** all = ucsdet_detectAll(det.get(), &n, &err);
  if (U_FAILURE(err)) return out;
  for (int32_t i = 0; i < n && out.size() < 3; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    if (ucsdet_getConfidence(all[i], &e) < 10) continue;
    std::string name = ucsdet_getName(all[i], &e);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (U_SUCCESS(e) && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<Decoded> to_utf8(std::string_view bytes, std::string_view declared) {
  auto name = canonical_name(declared);
  if (!name) {
    std::string expected;
    for (auto n : kNames) expected += (expected.empty() ? "" : ", ") + std::string(n);
    return Error{"import.encoding_unknown", "encoding '" + std::string(declared) + "' is not one of " + expected,
                 "encoding", 422}
        .with("value", std::string(declared))
        .with("expected", expected);
  }
  std::string enc = *name;
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  if (enc == "auto") {
    if (starts("\xEF\xBB\xBF")) {
      enc = "utf-8";
    } else if (starts("\xFF\xFE")) {
      enc = "utf-16le";
    } else if (starts("\xFE\xFF")) {
      enc = "utf-16be";
    } else if (ascii_only(bytes)) {
      enc = "utf-8";
    } else if (text::valid_utf8(bytes)) {
      if (gb2312_plausible(bytes) && !vietnamese_words(convert(bytes, "UTF-8").text))
        return uncertain({"utf-8", "gb18030"});
      enc = "utf-8";
    } else {
      auto gb = convert(bytes, "GB18030");
      auto [common, all] = gb2312_share(bytes);
      bool gb_ok = gb.ok && all_non_ascii(gb.text, is_cjk_or_punct) && common * 5 >= all * 4;
      auto vn = convert(bytes, "windows-1258");
      bool vn_ok = vn.ok && vietnamese_plausible(nfc_utf8(vn.text));
      if (gb_ok && vn_ok) return uncertain({"gb18030", "windows-1258"});
      if (gb_ok) {
        enc = "gb18030";
      } else if (vn_ok) {
        enc = "windows-1258";
      } else {
        auto c = icu_candidates(bytes);
        if (c.empty()) c = {"utf-8"};
        return uncertain(c);
      }
    }
  }
  // Strip a BOM that matches the encoding; ICU's UTF-16 converter reads its own.
  std::string_view body = bytes;
  if (enc == "utf-8" && starts("\xEF\xBB\xBF")) body.remove_prefix(3);
  if (enc == "utf-16le" && starts("\xFF\xFE")) body.remove_prefix(2);
  if (enc == "utf-16be" && starts("\xFE\xFF")) body.remove_prefix(2);
  // The common case without a copy through UTF-16: valid UTF-8, normalised in place if needed.
  if (enc == "utf-8" && text::valid_utf8(body)) {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
    icu::StringPiece piece(body.data(), static_cast<int32_t>(body.size()));
    if (U_SUCCESS(err) && body.size() < (1u << 31) && nfc->isNormalizedUTF8(piece, err) && U_SUCCESS(err))
      return Decoded{std::string(body), enc};
    if (U_SUCCESS(err)) {
      std::string out;
      icu::StringByteSink<std::string> sink(&out);
      err = U_ZERO_ERROR;
      nfc->normalizeUTF8(0, piece, sink, nullptr, err);
      if (U_SUCCESS(err)) return Decoded{std::move(out), enc};
    }
  }
  const char* icu = icu_name(enc);
  // Excel's "Unicode text" is little-endian; a declared utf-16 without a BOM is read that way.
  if (enc == "utf-16" && !starts("\xFF\xFE") && !starts("\xFE\xFF")) icu = "UTF-16LE";
  auto conv = convert(body, icu);
  if (!conv.ok) {
    size_t line = line_of(body, conv.bad_offset, icu);
    return Error{"import.encoding_invalid",
                 "line " + std::to_string(line) + " holds bytes that are not valid " + enc +
                     "; save the file in one encoding or choose the right one",
                 "encoding", 422}
        .with("encoding", enc)
        .with("line", std::to_string(line));
  }
  return Decoded{nfc_utf8(conv.text), enc};
}

}  // namespace servq::encoding
