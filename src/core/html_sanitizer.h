// HTML written by questionnaire authors (SurveyJS `html` questions, completedHtml ...) reduced to
// an allow-list of formatting before it is stored, so that a public survey page never runs what
// an author (or an attacker with an author's account) put there. Pure: no I/O, no clock.
#pragma once
#include <string>
#include <string_view>

namespace servq::html {

// Parses `input` (UTF-8) with libxml2's HTML parser and writes it back keeping only allowed
// elements and attributes:
// - kept: p br b strong i em u s sub sup small ul ol li h1-h6 span div blockquote pre code hr
//   table caption thead tbody tfoot tr td th, a (href http/https/mailto or #fragment), img (src
//   http/https or data:image/png|gif|jpeg|webp);
// - dropped with their content: script style iframe frame object embed applet form input button
//   select textarea meta link base svg math template noscript title head and the like;
// - any other element is unwrapped (its text kept, its tag dropped);
// - attributes: an allow-list per element; every on* handler, every URL with another scheme
//   (javascript:, vbscript:, data: other than images, also when entity-encoded or split by
//   whitespace), style attributes with url(), expression(), escapes or comments are dropped;
//   target="_blank" links get rel="noopener noreferrer".
// Text is kept exactly (Vietnamese and Chinese included); the result is idempotent:
// sanitize(sanitize(x)) == sanitize(x). Input without '<' is returned unchanged.
std::string sanitize(std::string_view input);

}  // namespace servq::html
