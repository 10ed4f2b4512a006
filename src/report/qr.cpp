#include "report/qr.h"

#include <qrencode.h>

#include <memory>

namespace servq::report {

std::optional<std::string> qr_svg(const std::string& data) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!code) return std::nullopt;
  const int quiet = 4, w = code->width, size = w + 2 * quiet;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
                    std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (code->data[y * w + x] & 1) {
        // appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "M" + to_string(...)
        svg += 'M';
        svg += std::to_string(x + quiet);
        svg += ' ';
        svg += std::to_string(y + quiet);
        svg += "h1v1h-1z";
      }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace servq::report
