#include "core/html_sanitizer.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace servq::html {
namespace {

// Elements kept with their tag (and then their allowed attributes).
const std::set<std::string>& kept_elements() {
  static const std::set<std::string> s = {
      "p",    "br", "b",     "strong",  "i",     "em",    "u",     "s",  "sub",  "sup", "small",      "ul",
      "ol",   "li", "h1",    "h2",      "h3",    "h4",    "h5",    "h6", "span", "div", "blockquote", "pre",
      "code", "hr", "table", "caption", "thead", "tbody", "tfoot", "tr", "td",   "th",  "a",          "img"};
  return s;
}

// Elements dropped together with everything inside them: active content, forms, document-level
// elements, foreign content (SVG and MathML carry their own script and event attributes).
const std::set<std::string>& dropped_elements() {
  static const std::set<std::string> s = {"script", "style",  "iframe",   "frameset",  "object",   "applet",   "form",
                                          "button", "select", "option",   "optgroup",  "textarea", "datalist", "output",
                                          "svg",    "math",   "template", "noscript",  "noembed",  "noframes", "title",
                                          "head",   "xml",    "xmp",      "plaintext", "audio",    "video",    "canvas",
                                          "dialog", "portal", "slot",     "marquee"};
  return s;
}

// Empty elements that are dropped, but whose "children" are kept (filtered like any content):
// the parser may hang the content that follows them under them (libxml2 does so for embed).
const std::set<std::string>& dropped_empty_elements() {
  static const std::set<std::string> s = {"embed",  "meta",    "link",  "base",    "input", "param", "source", "track",
                                          "keygen", "isindex", "image", "bgsound", "frame", "col",   "wbr",    "area"};
  return s;
}

bool is_void(const std::string& name) {
  return name == "br" || name == "img" || name == "hr";
}

// Nesting deeper than this is unwrapped (text kept): bounds the output and the browser's work.
constexpr int kMaxDepth = 64;

const std::set<std::string>& allowed_attributes(const std::string& element) {
  static const std::set<std::string> none;
  static const std::set<std::string> common = {"title", "dir", "lang", "align", "style"};
  static const std::set<std::string> a = {"title", "dir", "lang", "style", "href", "target", "rel"};
  static const std::set<std::string> img = {"title", "dir", "lang", "align", "style", "src", "alt", "width", "height"};
  static const std::set<std::string> cell = {"title", "dir", "lang", "align", "style", "colspan", "rowspan", "valign"};
  static const std::set<std::string> table = {"title",  "dir",         "lang",        "align", "style",
                                              "border", "cellpadding", "cellspacing", "width"};
  static const std::set<std::string> ol = {"title", "dir", "lang", "style", "start", "type"};
  static const std::set<std::string> li = {"title", "dir", "lang", "style", "value"};
  if (element == "a") return a;
  if (element == "img") return img;
  if (element == "td" || element == "th") return cell;
  if (element == "table") return table;
  if (element == "ol") return ol;
  if (element == "li") return li;
  if (element == "br" || element == "hr") return none;
  return common;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The URL as a browser reads its scheme: ASCII whitespace and control characters removed
// anywhere (browsers drop tabs and newlines inside URLs, "java\tscript:" runs), lower case.
std::string url_key(const std::string& v) {
  std::string out;
  for (unsigned char c : v)
    if (c > 0x20 && c != 0x7f) out += static_cast<char>(c);
  return lower(out);
}

bool starts_with(const std::string& s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0;
}

bool safe_href(const std::string& v) {
  std::string k = url_key(v);
  return starts_with(k, "http://") || starts_with(k, "https://") || starts_with(k, "mailto:") ||
         (starts_with(k, "#") && k.find(':') == std::string::npos);
}

bool safe_src(const std::string& v) {
  std::string k = url_key(v);
  if (starts_with(k, "http://") || starts_with(k, "https://")) return true;
  for (std::string_view t :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"})
    if (starts_with(k, t) && k.size() > t.size() && (k[t.size()] == ';' || k[t.size()] == ',')) return true;
  return false;
}

// A style attribute is kept only when it cannot load or run anything: no url(), no IE
// expression(), no script schemes, no bindings, no imports, and no CSS escapes or comments that
// could hide one of those.
bool safe_style(const std::string& v) {
  std::string k = url_key(v);
  for (std::string_view bad : {"url(", "expression", "javascript:", "vbscript:", "behavior", "binding", "@import", "\\",
                               "/*", "image(", "image-set(", "src(", "<", "&"})
    if (k.find(bad) != std::string::npos) return false;
  return true;
}

bool safe_number(const std::string& v) {
  if (v.empty() || v.size() > 8) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '%'; });
}

void escape_text(std::string& out, const char* s) {
  for (; *s; ++s) {
    switch (*s) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += *s;
    }
  }
}

void escape_attr(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

std::string attr_value(xmlAttrPtr attr) {
  xmlChar* v = xmlNodeGetContent(reinterpret_cast<xmlNodePtr>(attr));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  if (v) xmlFree(v);
  return out;
}

void open_tag(std::string& out, xmlNodePtr n, const std::string& name) {
  out += '<';
  out += name;
  const auto& allowed = allowed_attributes(name);
  bool blank = false;
  std::set<std::string> seen;
  for (xmlAttrPtr at = n->properties; at; at = at->next) {
    std::string an = lower(reinterpret_cast<const char*>(at->name));
    if (!allowed.count(an) || !seen.insert(an).second) continue;
    std::string v = attr_value(at);
    if (an == "href" && !safe_href(v)) continue;
    if (an == "src" && !safe_src(v)) continue;
    if (an == "style" && !safe_style(v)) continue;
    if ((an == "colspan" || an == "rowspan" || an == "width" || an == "height" || an == "border" ||
         an == "cellpadding" || an == "cellspacing" || an == "start" || an == "value") &&
        !safe_number(v))
      continue;
    if (an == "rel") continue;  // written below for target=_blank, never taken from the input
    if (an == "target") {
      if (lower(v) != "_blank") continue;
      blank = true;
    }
    out += ' ';
    out += an;
    out += "=\"";
    escape_attr(out, v);
    out += '"';
  }
  if (blank) out += " rel=\"noopener noreferrer\"";
  out += '>';
}

enum class Action { keep, unwrap, drop };

Action action_of(xmlNodePtr n, int depth) {
  if (n->type == XML_TEXT_NODE) return Action::keep;
  if (n->type != XML_ELEMENT_NODE) return Action::drop;  // comments, CDATA, processing instructions
  std::string name = lower(reinterpret_cast<const char*>(n->name));
  if (dropped_elements().count(name)) return Action::drop;
  if (dropped_empty_elements().count(name)) return Action::unwrap;
  if (kept_elements().count(name) && depth < kMaxDepth) return Action::keep;
  return Action::unwrap;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

}  // namespace

std::string sanitize(std::string_view input) {
  if (input.find('<') == std::string_view::npos) return std::string(input);
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  // An explicit <html><body> keeps the parser from wrapping leading text in an implied <p>.
  std::string doc_text = "<html><body>";
  doc_text.append(input);
  if (doc_text.size() > INT_MAX) return "";
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(doc_text.data(), static_cast<int>(doc_text.size()), nullptr,
                                                      "UTF-8",
                                                      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!doc) return "";
  std::string out;
  // Iterative walk over the tree (no recursion, whatever the nesting): on the way down an
  // element is opened, unwrapped or skipped; on the way up a kept element is closed.
  xmlNodePtr root = reinterpret_cast<xmlNodePtr>(doc.get());
  xmlNodePtr n = root->children;
  int depth = 0;             // number of kept elements open around n
  std::vector<char> opened;  // per element descended into: was its tag written?
  while (n) {
    Action act = action_of(n, depth);
    bool descend = false;
    if (n->type == XML_TEXT_NODE) {
      if (n->content) escape_text(out, reinterpret_cast<const char*>(n->content));
    } else if (act == Action::keep) {
      std::string name = lower(reinterpret_cast<const char*>(n->name));
      open_tag(out, n, name);
      if (!is_void(name)) {
        descend = n->children != nullptr;
        if (descend) {
          ++depth;
          opened.push_back(1);
        } else {
          out += "</" + name + ">";
        }
      }
    } else if (act == Action::unwrap) {
      descend = n->children != nullptr;
      if (descend) opened.push_back(0);
    }
    if (descend) {
      n = n->children;
      continue;
    }
    // Next sibling, or climb up closing kept elements until one has a next sibling.
    while (n && !n->next) {
      n = n->parent;
      if (!n || n == root) {
        n = nullptr;
        break;
      }
      // Its children were visited: close it if its tag was written.
      bool was_opened = !opened.empty() && opened.back();
      if (!opened.empty()) opened.pop_back();
      if (was_opened) {
        --depth;
        out += "</" + lower(reinterpret_cast<const char*>(n->name)) + ">";
      }
    }
    if (n) n = n->next;
  }
  return out;
}

}  // namespace servq::html
