// libFuzzer target for the JSON body reader that every JSON route uses, reached through the real
// request handler (api_fixture.h). The input is the body, sent unchanged to
//   POST /api/v1/public/responses   (public; read_public_submission; the intake is not run)
//   PATCH /api/v1/units/999999      (signed-in admin; the 1 MiB JSON limit, then "not found")
//   PUT /api/v1/surveys/999999      (signed-in admin; the questionnaire limit and reader)
// "{token}" and "{kiosk}" in the input become the fixture's real link token and kiosk code.
// Nesting of any depth (a 60 000-deep "[[[[" included, see regressions/json_body/) must be
// answered with a problem, never crash; the invariants are those of api_fixture.h.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api_fixture.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  servq::fuzz::Fixture::get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& fx = servq::fuzz::Fixture::get();
  std::string body(reinterpret_cast<const char*>(data), size);
  for (auto [from, to] : {std::pair{std::string("{token}"), fx.token}, std::pair{std::string("{kiosk}"), fx.kiosk}})
    for (size_t pos = body.find(from); pos != std::string::npos; pos = body.find(from, pos + to.size()))
      body.replace(pos, from.size(), to);
  // A valid submission is not handed to the intake writer: the deferred part is dropped unrun.
  fx.call(nullptr, "POST", "/api/v1/public/responses", body, "application/json", true, false);
  fx.call(&fx.admin, "PATCH", "/api/v1/units/999999", body);
  fx.call(&fx.admin, "PUT", "/api/v1/surveys/999999", body);
  return 0;
}
