// http/routes/survey_routes.cpp — Questionnaires, campaigns, invitations, kiosks, analysis, and the public answer routes
// (S1–S5, F5).
#include <memory>
#include <string>
#include <vector>

#include "http/routes/route_kit.h"
#include "service/survey/intake_writer.h"
#include "service/survey_service.h"
#include "service/survey_analysis.h"
#include "report/qr.h"
#include "report/table_export.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;
namespace {

// Questionnaires, their analysis, responses and comments (S1, S4, S5).
void register_questionnaire_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  const std::vector<std::string> slice = {"from", "to", "unit", "staff", "category", "channel", "campaign"};
  auto with = [&](std::vector<std::string> extra) {
    auto v = slice;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };

  router_.add("GET", "/api/v1/survey-templates", {"Questionnaire templates (SERVQUAL, after-service letter, kiosk)", "surveys", "", "SurveyTemplates"},
              authed([](Request&, const Actor&) { return json_response(service::survey_templates()); }));
  router_.add("GET", "/api/v1/surveys", {"List questionnaires", "surveys", "", "Page<Survey>", 200, true, {"q", "page", "page_size", "status"}},
              authed(with_query([&db](const Actor& a, const ListQuery& q) {
                return service::list_surveys(db, a, q);
              })));
  router_.add("POST", "/api/v1/surveys", {"Upload a questionnaire (SurveyJS JSON)", "surveys", "SurveyInput", "Survey", 201},
              authed(with_body([&db](const Actor& a, const json& body) {
                return service::create_survey(db, a, body);
              }, 201, jsonin::kMaxDefinitionDepth)));
  router_.add("GET", "/api/v1/surveys/{id}", {"One questionnaire with its definition and scored items", "surveys", "", "Survey"},
              authed(with_id("survey", [&db](const Actor& a, int64_t id) {
                return service::get_survey(db, a, id);
              })));
  router_.add("PUT", "/api/v1/surveys/{id}",
              {"Replace a questionnaire without responses, or make a new version (201) of one with responses", "surveys",
               "SurveyInput", "Survey"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto body = json_body(req, jsonin::kMaxDefinitionDepth);
                if (!body) return from_error(body.error());
                auto r = service::update_survey(db, a, *id, *body);
                if (!r) return from_error(r.error());
                return json_response(r->survey, r->created ? 201 : 200);
              }));
  router_.add("GET", "/api/v1/surveys/{id}/analysis",
              {"Satisfaction analysis of a slice: CSAT, NPS, questions, reliability, drivers, IPA, trend, comparison", "surveys",
               "", "SurveyAnalysis", 200, true, with({"compare_from", "compare_to", "min_group"})},
              authed(with_id_query("survey", [&db](const Actor& a, int64_t id, const ListQuery& q) {
                return service::analyze_survey(db, a, id, q);
              })));
  router_.add("GET", "/api/v1/surveys/{id}/ranking", {"Units or staff ranked by CSAT", "surveys", "", "SurveyRanking", 200, true, with({"by", "min_group"})},
              authed(with_id_query("survey", [&db](const Actor& a, int64_t id, const ListQuery& q) {
                return service::survey_ranking(db, a, id, q);
              })));
  router_.add("GET", "/api/v1/surveys/{id}/responses", {"Responses of a questionnaire", "surveys", "", "Page<SurveyResponse>", 200, true, with({"page", "page_size"})},
              authed(with_id_query("survey", [&db](const Actor& a, int64_t id, const ListQuery& q) {
                return service::list_responses(db, a, id, q);
              })));
  router_.add("POST", "/api/v1/surveys/{id}/responses", {"Type in a paper form", "surveys", "PaperResponseInput", "ResponseAck", 201},
              authed(with_id_body("survey", [&db](const Actor& a, int64_t id, const json& body) {
                return service::create_paper_response(db, a, id, body);
              }, 201)));
  router_.add("GET", "/api/v1/surveys/{id}/comments", {"Verbatim comments, searchable", "surveys", "", "Page<SurveyComment>", 200, true, with({"q", "page", "page_size"})},
              authed(with_id_query("survey", [&db](const Actor& a, int64_t id, const ListQuery& q) {
                return service::list_comments(db, a, id, q);
              })));

}

// Campaigns, their invitations, kiosks and response rates, and QR codes (S2, S3).
void register_campaign_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  router_.add("GET", "/api/v1/campaigns", {"List campaigns", "surveys", "", "Page<Campaign>", 200, true, {"q", "page", "page_size", "survey", "status"}},
              authed(with_query([&db](const Actor& a, const ListQuery& q) {
                return service::list_campaigns(db, a, q);
              })));
  router_.add("POST", "/api/v1/campaigns", {"Create a campaign", "surveys", "CampaignInput", "Campaign", 201},
              authed(with_body([&db](const Actor& a, const json& body) {
                return service::create_campaign(db, a, body);
              }, 201)));
  router_.add("GET", "/api/v1/campaigns/{id}", {"One campaign with counts and response rate", "surveys", "", "Campaign"},
              authed(with_id("campaign", [&db](const Actor& a, int64_t id) {
                return service::get_campaign(db, a, id);
              })));
  router_.add("PATCH", "/api/v1/campaigns/{id}", {"Change a campaign", "surveys", "CampaignInput", "Campaign"},
              authed(with_id_body("campaign", [&db](const Actor& a, int64_t id, const json& body) {
                return service::update_campaign(db, a, id, body);
              })));
  router_.add("POST", "/api/v1/campaigns/{id}/invitations", {"Create the personal links of the campaign's segment", "surveys", "", "InvitationResult"},
              authed(with_id("campaign", [&db](const Actor& a, int64_t id) {
                return service::create_invitations(db, a, id);
              })));
  router_.add("GET", "/api/v1/campaigns/{id}/invitations", {"Personal links of a campaign", "surveys", "", "Page<Invitation>", 200, true, {"page", "page_size", "used", "unit"}},
              authed(with_id_query("campaign", [&db](const Actor& a, int64_t id, const ListQuery& q) {
                return service::list_invitations(db, a, id, q);
              })));
  router_.add("GET", "/api/v1/campaigns/{id}/invitations/export", {"Personal links as CSV for a mail-merge or SMS gateway", "surveys", "", ""},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                auto rows = service::export_invitations(db, a, *id);
                if (!rows) return from_error(rows.error());
                report::Table t;
                t.sheet_name = "links";
                t.header = {"token", "url", "customer_name", "customer_phone", "unit", "staff", "encounter_at", "used_at"};
                auto s = [](const json& v) -> report::Cell {
                  if (v.is_string()) return v.get<std::string>();
                  return std::monostate{};
                };
                for (const auto& r : *rows) {
                  json cu = r["customer"].is_object() ? r["customer"] : json::object();
                  t.rows.push_back({s(r["token"]), s(r["url"]), s(cu.value("name", json(nullptr))), s(cu.value("phone", json(nullptr))),
                                    s(r["unit"]), s(r["staff"]), s(r["encounter_at"]), s(r["used_at"])});
                }
                Response res;
                res.content_type = "text/csv; charset=utf-8";
                res.body = report::to_csv(t);
                res.headers.push_back({"Content-Disposition", "attachment; filename=\"campaign-" + std::to_string(*id) + "-links.csv\""});
                res.headers.push_back({"Cache-Control", "no-store"});
                return res;
              }));
  router_.add("GET", "/api/v1/campaigns/{id}/kiosks", {"Kiosk codes of a campaign", "surveys", "", "KioskList"},
              authed(with_id("campaign", [&db](const Actor& a, int64_t id) {
                return service::list_kiosks(db, a, id);
              })));
  router_.add("POST", "/api/v1/campaigns/{id}/kiosks", {"Create a kiosk code for a unit", "surveys", "KioskInput", "Kiosk", 201},
              authed(with_id_body("campaign", [&db](const Actor& a, int64_t id, const json& body) {
                return service::create_kiosk(db, a, id, body);
              }, 201)));
  router_.add("GET", "/api/v1/campaigns/{id}/rates", {"Response rate per unit or customer category", "surveys", "", "ResponseRates", 200, true, {"by"}},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                std::string by = req.query.count("by") ? req.query.at("by") : "unit";
                return from_result(service::campaign_rates(db, a, *id, by));
              }));
  router_.add("GET", "/api/v1/qr.svg", {"A QR code (SVG) of the given text, for kiosk links and letters", "surveys", "", "", 200, true, {"data"}},
              authed([](Request& req, const Actor&) {
                std::string data = req.query.count("data") ? req.query.at("data") : "";
                if (data.empty() || data.size() > 1000)
                  return problem(422, "qr.data_invalid", "data must hold 1 to 1000 bytes", "data");
                auto svg = report::qr_svg(data);
                if (!svg) return problem(422, "qr.data_invalid", "this text does not fit a QR code", "data");
                Response r;
                r.content_type = "image/svg+xml";
                r.body = *svg;
                r.headers.push_back({"Cache-Control", "private, max-age=3600"});
                return r;
              }));

}

// What respondents use without a login, and paper forms from CSV (S3).
void register_answer_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  for (std::string kind : {"token", "kiosk"}) {
    std::string param = kind == "token" ? "{token}" : "{code}";
    router_.add("GET", "/api/v1/public/surveys/" + kind + "/" + param,
                {"The questionnaire behind a personal link or kiosk code (no login)", "public", "", "PublicSurvey", 200, false},
                [&db, kind](Request& req) {
                  auto key = req.params.count("token") ? req.params.at("token") : req.params.count("code") ? req.params.at("code") : "";
                  return from_result(service::public_survey(db, kind, key));
                });
  }
  router_.add("POST", "/api/v1/public/responses",
              {"Submit a response (no login); 201 only once it is committed", "public", "PublicResponseInput", "ResponseAck", 201, false},
              [kiosk_allowed = rc.kiosk_allowed, intake = rc.intake](Request& req) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                if (body->contains("kiosk") && !kiosk_allowed(req.remote)) {
                  auto r = problem(429, "survey.rate_limited", "too many answers from this device; wait a minute and send again");
                  r.headers.push_back({"Retry-After", "60"});
                  return r;
                }
                auto submission = service::read_public_submission(*body);
                if (!submission) return from_error(submission.error());
                Response deferred;
                auto pending = std::make_shared<service::PublicSubmission>(std::move(*submission));
                deferred.deferred = [intake, pending](std::function<void(Response)> done) {
                  // Runs on the intake writer's thread for every response of a batch: kept small.
                  intake->submit(std::move(*pending), [done = std::move(done)](service::IntakeResult r) {
                    if (r.status == 201 || r.status == 200) {
                      Response ok;
                      ok.status = r.status;
                      ok.body = "{\"id\":" + std::to_string(r.id) + "}";
                      ok.headers.push_back({"Cache-Control", "no-store"});
                      done(std::move(ok));
                    } else {
                      done(from_error(r.error));
                    }
                  });
                };
                return deferred;
              });

  router_.add("POST", "/api/v1/imports/responses",
              {"Import paper survey forms from CSV (all or nothing)", "imports", "CsvFile", "ImportReport", 200, true,
               {"survey", "dry_run", "encoding", "date_order"}, "text/csv"},
              authed([&db](Request& req, const Actor& a) {
                int64_t survey = 0;
                try {
                  survey = std::stoll(req.query.count("survey") ? req.query.at("survey") : "");
                } catch (...) {
                  return problem(422, "import.survey_required", "give the questionnaire's id as ?survey=ID", "survey");
                }
                bool dry = req.query.count("dry_run") && (req.query.at("dry_run") == "1" || req.query.at("dry_run") == "true");
                auto opts = import_options(req);
                if (!opts) return options_problem(opts.error());
                return import_response(service::import_responses(db, a, survey, req.body_view(), dry, {}, *opts));
              }));
}

}  // namespace

void register_survey_routes(RouteContext& rc) {
  register_questionnaire_routes(rc);
  register_campaign_routes(rc);
  register_answer_routes(rc);
}

}  // namespace servq::http
