// servq generate feedback | responses | links: synthetic data for the benchmarks.
#include <iostream>

#include "cli/commands/common.h"
#include "service/feedback_service.h"
#include "service/survey_service.h"

namespace servq::cli {
namespace {

struct GenerateOptions {
  std::string db_url;
  int64_t count = 100000;
  int64_t survey_id = 0;
  uint64_t seed = 42;
};

void print_progress(std::string_view phase, size_t done, size_t total) {
  std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
}

int run_generate_feedback(const GenerateOptions& o) {
  auto db = open_db(o.db_url, 2);
  auto r = service::generate_feedback(*db, o.count, 42, print_progress);
  if (!r) return print_error(r.error());
  std::cout << "generated " << *r << " feedback cases\n";
  return 0;
}

int run_generate_responses(const GenerateOptions& o) {
  auto db = open_db(o.db_url, 2);
  auto r = service::generate_responses(*db, o.survey_id, o.count, o.seed, print_progress);
  if (!r) return print_error(r.error());
  std::cerr << "generated " << *r << " responses\n";
  return 0;
}

int run_generate_links(const GenerateOptions& o) {
  auto db = open_db(o.db_url, 2);
  auto r = service::generate_invitations(*db, o.survey_id, o.count, std::cout);
  if (!r) return print_error(r.error());
  return 0;
}

}  // namespace

void add_generate_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<GenerateOptions>();
  auto* generate = app.add_subcommand("generate", "Generate synthetic data for benchmarks")->require_subcommand(1);
  auto* feedback = generate->add_subcommand("feedback", "Add synthetic feedback cases");
  add_db_option(feedback, o->db_url);
  feedback->add_option("--count", o->count, "how many cases")->capture_default_str()->check(CLI::Range(1, 100000000));

  auto* responses = generate->add_subcommand("responses", "Add synthetic responses to a questionnaire");
  add_db_option(responses, o->db_url);
  responses->add_option("--survey", o->survey_id)->required();
  responses->add_option("--count", o->count)->capture_default_str()->check(CLI::Range(1, 100000000));
  responses->add_option("--seed", o->seed)->capture_default_str();

  auto* links = generate->add_subcommand("links", "Add an open campaign with unused personal links; prints the tokens");
  add_db_option(links, o->db_url);
  links->add_option("--survey", o->survey_id)->required();
  links->add_option("--count", o->count)->capture_default_str()->check(CLI::Range(1, 100000000));

  commands.add(feedback, [o] { return run_generate_feedback(*o); });
  commands.add(responses, [o] { return run_generate_responses(*o); });
  commands.add(links, [o] { return run_generate_links(*o); });
}

}  // namespace servq::cli
