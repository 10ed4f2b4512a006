// Shared by the libFuzzer targets that go through the real request handler (http_api_fuzz,
// query_fuzz, json_body_fuzz): a scratch SQLite database with a small clinic in it, one signed-in
// session per role, a helper that hands a request to servq::http::Api the way the server does,
// and the invariants every answer must keep. Header-only: each target is one translation unit.
#pragma once
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/access.h"
#include "http/api.h"
#include "http/message.h"
#include "service/auth_service.h"
#include "service/common.h"
#include "store/database.h"

namespace servq::fuzz {

using nlohmann::json;

struct Session {
  std::string cookie;  // "servq_session=..."; empty = anonymous
  std::string csrf;
};

[[noreturn]] inline void finding(const std::string& what, const http::Request& req, const http::Response* res) {
  std::fprintf(stderr, "\n==== servq fuzz finding: %s\n  %s %s\n  body (%zu bytes): %.400s\n", what.c_str(),
               req.method.c_str(), req.target.c_str(), req.body.size(), req.body.c_str());
  if (res) std::fprintf(stderr, "  answer %d %s: %.600s\n", res->status, res->content_type.c_str(), res->body.c_str());
  std::abort();
}

// Every answer of the API: a status the server can send, a problem document for every refusal,
// no unexpected 500. Answers with a JSON content type carry JSON.
inline void check_response(const http::Request& req, const http::Response& res) {
  if (res.status < 200 || res.status > 599) finding("status outside 200..599", req, &res);
  if (res.status >= 400) {
    if (res.content_type != "application/problem+json") finding("a refusal that is not a problem", req, &res);
    auto p = json::parse(res.body, nullptr, false);
    if (p.is_discarded() || !p.is_object()) finding("a problem body that is not a JSON object", req, &res);
    if (!p.contains("status") || !p["status"].is_number_integer() || p["status"].get<int>() != res.status)
      finding("a problem whose status differs from the answer's", req, &res);
    if (!p.contains("code") || !p["code"].is_string() || p["code"].get<std::string>().empty())
      finding("a problem without a string code", req, &res);
    std::string code = p["code"].get<std::string>();
    if (res.status == 500 || code == "server.internal") finding("an internal error (500)", req, &res);
    if (res.status > 500 && code != "server.db_unavailable") finding("an unexpected 5xx", req, &res);
  } else if (res.content_type == "application/json" && !res.body.empty()) {
    if (json::parse(res.body, nullptr, false).is_discarded()) finding("a JSON answer that does not parse", req, &res);
  }
}

// Runs the admission step when the Api has one (body limits, authentication before the body),
// then the handler, as the server does; a body above the admitted limit is answered 413 there.
template <typename A>
http::Response admit_and_handle(A& api, http::Request& req) {
  if constexpr (requires(A & a, http::Request & r) { a.admit(r); }) {
    std::string body = std::move(req.body);
    req.body.clear();
    auto adm = api.admit(req);
    if (adm.reject) return std::move(*adm.reject);
    if (body.size() > adm.body_limit) {
      http::Response r = http::problem(413, "http.payload_too_large", "the request body is too large");
      return r;
    }
    req.body = std::move(body);
  }
  return api.handle(req);
}

class Fixture {
 public:
  std::unique_ptr<store::Database> db;
  std::unique_ptr<http::Api> api;
  std::filesystem::path dir;
  Session admin, head, auditor, staff;
  std::vector<std::string> own_user_ids;  // the sessions' users: never patched by a fuzz input
  std::string spare_user_id;              // patched instead
  std::string token, kiosk;               // a personal link and a kiosk code of the open campaign

  // Builds a request the way the server does (percent-decoded path, parsed query, lower-case
  // headers) with the session's cookie and CSRF token, and answers it, waiting for a deferred
  // answer (the survey intake) up to 20 s. Checks the invariants unless `check` is false.
  http::Response call(const Session* s, const std::string& method, const std::string& target, const std::string& body,
                      const std::string& content_type = "application/json", bool check = true,
                      bool run_deferred = true) {
    http::Request req;
    req.method = method;
    req.target = target;
    auto qpos = target.find('?');
    req.path = http::percent_decode(target.substr(0, qpos), false);
    if (qpos != std::string::npos) req.query = http::parse_query(target.substr(qpos + 1));
    req.headers["host"] = "127.0.0.1:8080";
    req.headers["user-agent"] = "servq-fuzz";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      req.headers["content-length"] = std::to_string(body.size());
      if (!content_type.empty()) req.headers["content-type"] = content_type;
    }
    if (s && !s->cookie.empty()) {
      req.headers["cookie"] = s->cookie;
      req.headers["x-csrf-token"] = s->csrf;
    }
    req.body = body;
    req.remote = "127.0.0.1";
    http::Response res;
    try {
      res = admit_and_handle(*api, req);
    } catch (const std::exception& e) {
      finding(std::string("exception out of Api::handle: ") + e.what(), req, nullptr);
    } catch (...) {
      finding("non-standard exception out of Api::handle", req, nullptr);
    }
    if (res.deferred) {
      if (!run_deferred) return http::Response{};
      struct Wait {
        std::mutex mu;
        std::condition_variable cv;
        bool done = false;
        http::Response res;
      };
      auto w = std::make_shared<Wait>();
      auto deferred = std::move(res.deferred);
      deferred([w](http::Response r) {
        std::lock_guard lk(w->mu);
        w->res = std::move(r);
        w->done = true;
        w->cv.notify_all();
      });
      std::unique_lock lk(w->mu);
      if (!w->cv.wait_for(lk, std::chrono::seconds(20), [&] { return w->done; }))
        finding("a deferred answer did not complete within 20 s", req, nullptr);
      res = std::move(w->res);
    }
    static const bool trace = std::getenv("SERVQ_FUZZ_TRACE") != nullptr;
    if (trace)
      std::fprintf(stderr, "servq-fuzz: %d %s %s -> %.160s\n", res.status, req.method.c_str(), req.target.c_str(),
                   res.body.c_str());
    if (check) check_response(req, res);
    return res;
  }

  static Fixture& get() {
    static Fixture* f = [] {
      auto* fx = new Fixture();  // never destroyed: the intake writer thread runs until exit
      fx->build();
      return fx;
    }();
    return *f;
  }

 private:
  json must(const Session* s, const std::string& method, const std::string& target, const json& body, int expect) {
    auto r = call(s, method, target, body.is_null() ? std::string() : body.dump());
    if (r.status != expect) {
      std::fprintf(stderr, "fuzz fixture: %s %s answered %d, expected %d: %s\n", method.c_str(), target.c_str(),
                   r.status, expect, r.body.c_str());
      std::abort();
    }
    return r.body.empty() ? json() : json::parse(r.body);
  }

  Session login(const std::string& user, const std::string& password) {
    auto r = call(nullptr, "POST", "/api/v1/auth/login", json{{"login", user}, {"password", password}}.dump());
    if (r.status != 200) {
      std::fprintf(stderr, "fuzz fixture: login %s answered %d: %s\n", user.c_str(), r.status, r.body.c_str());
      std::abort();
    }
    Session s;
    for (auto& [k, v] : r.headers)
      if (k == "Set-Cookie") s.cookie = v.substr(0, v.find(';'));
    s.csrf = json::parse(r.body)["csrf_token"].get<std::string>();
    return s;
  }

  void build() {
    spdlog::set_level(std::getenv("SERVQ_FUZZ_LOG") ? spdlog::level::info : spdlog::level::err);
    // A RAM file system when there is one: the intake writer syncs its log on every batch.
    std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    // Scratch folders of runs that crashed (abort skips the clean-up) are removed here.
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(base, ec)) {
      std::string name = e.path().filename().string();
      if (name.rfind("servq-fuzz-", 0) != 0) continue;
      long pid = std::strtol(name.c_str() + 11, nullptr, 10);
      if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) std::filesystem::remove_all(e.path(), ec);
    }
    std::string tmpl = (base / ("servq-fuzz-" + std::to_string(getpid()) + "-XXXXXX")).string();
    if (!mkdtemp(tmpl.data())) std::abort();
    dir = tmpl;
    static std::string cleanup;
    cleanup = dir.string();
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(cleanup, ec);
    });
    db = store::Database::open((dir / "servq.sqlite").string(), 2);
    http::ApiConfig cfg;
    cfg.kiosk_per_minute = 0;  // the same answer for the same input, whatever came before
    cfg.throttle.per_login = 1 << 30;
    cfg.throttle.per_address = 1 << 30;
    api = std::make_unique<http::Api>(*db, cfg);

    const std::string pw = "fuzz-password-123";
    auto boot =
        service::create_user(*db, service::system_actor("fuzz"),
                             json{{"login", "admin"}, {"role", "admin"}, {"password", pw}, {"name", "Quản trị"}});
    if (!boot) std::abort();
    admin = login("admin", pw);
    const Session* a = &admin;
    must(a, "POST", "/api/v1/units", {{"code", "BV"}, {"name", "Bệnh viện Đa khoa An Khang"}}, 201);
    must(a, "POST", "/api/v1/units", {{"code", "KHOA-NOI"}, {"name", "Khoa Nội"}, {"parent", "BV"}}, 201);
    must(a, "POST", "/api/v1/units", {{"code", "KHOA-NGOAI"}, {"name", "Khoa Ngoại 外科"}, {"parent", "BV"}}, 201);
    must(a, "POST", "/api/v1/staff",
         {{"employee_code", "NV001"}, {"name", "Nguyễn Văn An"}, {"unit", "KHOA-NOI"}, {"title", "Bác sĩ"}}, 201);
    must(a, "POST", "/api/v1/staff",
         {{"employee_code", "NV002"}, {"name", "王芳"}, {"unit", "KHOA-NGOAI"}, {"title", "护士"}}, 201);
    must(a, "POST", "/api/v1/customers",
         {{"external_id", "KH001"},
          {"name", "Trần Thị Bích"},
          {"phone", "0912345678"},
          {"category", "first_time"},
          {"consent_survey", true}},
         201);
    must(a, "POST", "/api/v1/customers",
         {{"external_id", "KH002"},
          {"name", "李明"},
          {"phone", "+84 933 111 222"},
          {"category", "first_time"},
          {"consent_survey", true}},
         201);
    must(a, "POST", "/api/v1/encounters",
         {{"external_id", "EN001"},
          {"customer_phone", "0912345678"},
          {"unit", "KHOA-NOI"},
          {"staff", "NV001"},
          {"service", "Khám tổng quát"},
          {"started_at", "2026-02-03T08:15:00Z"},
          {"amount", 250000},
          {"converted", true}},
         201);
    must(a, "POST", "/api/v1/feedback",
         {{"channel", "hotline"},
          {"kind", "complaint"},
          {"category", "attitude"},
          {"severity", "high"},
          {"unit", "KHOA-NOI"},
          {"staff", "NV001"},
          {"customer", {{"name", "Trần Thị Bích"}, {"phone", "0912345678"}}},
          {"content", "Bác sĩ nói chuyện thiếu tôn trọng"}},
         201);
    must(a, "POST", "/api/v1/feedback", {{"channel", "email"}, {"kind", "suggestion"}, {"content", "希望增加停车位"}},
         201);
    must(a, "POST", "/api/v1/surveys",
         {{"definition",
           {{"title", "Khảo sát hài lòng"},
            {"elements",
             json::array({{{"type", "rating"}, {"name", "overall"}, {"role", "overall"}},
                          {{"type", "rating"}, {"name", "nps"}, {"role", "nps"}, {"rateMin", 0}, {"rateMax", 10}},
                          {{"type", "comment"}, {"name", "comment"}}})}}}},
         201);
    must(a, "POST", "/api/v1/campaigns", {{"survey_id", 1}, {"name", "Đợt khảo sát"}, {"channel", "link"}}, 201);
    must(a, "POST", "/api/v1/campaigns/1/invitations", nullptr, 200);
    auto links = must(a, "GET", "/api/v1/campaigns/1/invitations", nullptr, 200);
    if (links.contains("items") && !links["items"].empty() && links["items"][0].contains("token"))
      token = links["items"][0]["token"].get<std::string>();
    auto k = must(a, "POST", "/api/v1/campaigns/1/kiosks", {{"unit", "KHOA-NOI"}}, 201);
    if (k.contains("code")) kiosk = k["code"].get<std::string>();
    for (auto& [login, role, unit] : std::vector<std::array<std::string, 3>>{{"head", "head", "KHOA-NOI"},
                                                                             {"auditor", "auditor", ""},
                                                                             {"staff", "staff", "KHOA-NOI"},
                                                                             {"spare", "staff", "KHOA-NGOAI"}}) {
      json u = {{"login", login}, {"role", role}, {"password", pw}};
      if (!unit.empty()) u["unit"] = unit;
      if (login == "head") u["employee_code"] = "NV001";
      auto made = must(a, "POST", "/api/v1/users", u, 201);
      std::string id = std::to_string(made["id"].get<int64_t>());
      if (login == "spare")
        spare_user_id = id;
      else
        own_user_ids.push_back(id);
    }
    own_user_ids.push_back(std::to_string(boot->at("id").get<int64_t>()));
    head = login("head", pw);
    auditor = login("auditor", pw);
    staff = login("staff", pw);
  }
};

}  // namespace servq::fuzz
