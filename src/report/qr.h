// QR codes for kiosk links and after-service letters (PRODUCT.md S2), drawn by libqrencode.
#pragma once
#include <optional>
#include <string>

namespace servq::report {

// An SVG image of a QR code (error correction level M, 4-module quiet zone) encoding `data`;
// nullopt when the data does not fit a QR code.
std::optional<std::string> qr_svg(const std::string& data);

}  // namespace servq::report
