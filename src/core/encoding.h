// Text encodings of imported files (issue 11 §2): UTF-8 with or without BOM, UTF-16 LE/BE with a
// BOM (Excel's "Unicode text"), GB18030/GBK (a Chinese Windows) and Windows-1258 (a Vietnamese
// one). Converted with ICU and normalised to NFC, so a name read from a file compares equal,
// character for character, to the same name typed by a user.
//
// Detection rule when the caller gives no encoding ("auto"):
//   1. A byte-order mark decides: EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE.
//   2. Only ASCII bytes: UTF-8.
//   3. Valid UTF-8: UTF-8 — unless every non-ASCII byte also pairs up into GB2312 characters
//      (both bytes A1..FE, the code page of a Chinese Windows) and the UTF-8 reading is not
//      plainly Vietnamese (every non-ASCII character a Vietnamese letter inside a word that also
//      has an ASCII letter, as in "Khám" or "Lê"). Such a file reads as text in both encodings
//      and no detector can be trusted with it (ICU's gives UTF-8 full confidence to any valid
//      UTF-8), so it is refused: import.encoding_uncertain, candidates "utf-8, gb18030". The
//      user then says which one with `encoding`.
//   4. Not UTF-8: GB18030 is plausible when it decodes without error into CJK characters and
//      punctuation only, at least 4 in 5 of them GB2312 pairs (the common hanzi); Windows-1258 is plausible when it decodes and, after NFC, every non-ASCII
//      character is a Vietnamese letter or common punctuation. Exactly one plausible: that one.
//      Both: import.encoding_uncertain "gb18030, windows-1258". Neither: import.encoding_uncertain
//      with ICU CharsetDetector's candidates.
// Bytes invalid in the declared (or detected) encoding: import.encoding_invalid naming the line.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace servq::encoding {

// The values the `encoding` option takes; aliases (gbk, gb2312, cp1258, utf8…) map onto these.
inline constexpr std::string_view kNames[] = {"auto",     "utf-8",   "utf-16", "utf-16le",
                                              "utf-16be", "gb18030", "windows-1258"};

// "auto", "utf-8", … or nothing for a name servq does not read.
std::optional<std::string> canonical_name(std::string_view name);

struct Decoded {
  std::string text;      // UTF-8, NFC, without BOM
  std::string encoding;  // the canonical name used
};

// Errors (status 422, field "encoding", params named in brackets):
//   import.encoding_unknown   [value, expected]
//   import.encoding_uncertain [candidates]            ("utf-8, gb18030")
//   import.encoding_invalid   [encoding, line]        (1-based line of the first bad byte)
Result<Decoded> to_utf8(std::string_view bytes, std::string_view declared = "auto");

// The pieces of the rule, for tests.
bool gb2312_plausible(std::string_view bytes);        // non-ASCII present and all GB2312 pairs
bool vietnamese_plausible(std::string_view utf8_nfc);  // non-ASCII letters all Vietnamese
std::vector<std::string> icu_candidates(std::string_view bytes);

}  // namespace servq::encoding
