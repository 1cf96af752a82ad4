#include "cli/cli.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/simulate.h"
#include "iamlint_version.h"
#include "load/load.h"
#include "load/tf_source.h"
#include "report/report.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string fail_on = "error";
  std::string input_format = "auto";
  std::string tf_dir;
  bool skip_unrecognised = false;
};

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err, bool color) {
  LoadOptions lo;
  if (!ParseInputFormat(o.input_format, &lo.force)) {
    err << "iamlint: --input-format must be one of auto, terraform-plan, aws-cli, policy\n";
    return kExitError;
  }
  lo.tf_dir = o.tf_dir;
  lo.skip_unrecognised = o.skip_unrecognised;
  LoadResult loaded = LoadPaths(o.paths, lo);
  Report report;
  report.findings = RunRules(loaded.model);
  MapFindingsToSource(loaded.plan_dirs, &report.findings);
  report.errors = std::move(loaded.errors);
  report.files_loaded = loaded.files_loaded;
  report.files_skipped = loaded.files_skipped;
  if (o.format == "json") {
    WriteJson(report, out);
  } else {
    WriteText(report, out, color);
  }
  if (!report.errors.empty()) return kExitError;
  if (o.fail_on == "never") return kExitOk;
  Severity threshold = Severity::kError;
  ParseSeverity(o.fail_on, &threshold);
  for (const auto& f : report.findings) {
    if (f.severity >= threshold) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool color) {
  CLI::App app{"iamlint: lint IAM configuration in Terraform plans, AWS CLI JSON and IAM policies",
               "iamlint"};
  app.set_version_flag("--version", std::string("iamlint ") + IAMLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions co;
  CLI::App* check = app.add_subcommand("check", "Lint files and folders (recognised by content)");
  check->add_option("paths", co.paths, "Files or folders to lint")->required();
  check->add_option("--format", co.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_option("--fail-on", co.fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->capture_default_str();
  check
      ->add_option("--input-format", co.input_format,
                   "Treat every file as this kind instead of detecting it")
      ->check(CLI::IsMember({"auto", "terraform-plan", "aws-cli", "policy"}))
      ->capture_default_str();

  check
      ->add_option("--tf-dir", co.tf_dir,
                   "Terraform configuration folder: findings on plan resources point at the "
                   ".tf block (default: the plan's own folder when it holds .tf files)")
      ->check(CLI::ExistingDirectory);
  check->add_flag("--skip-unrecognised", co.skip_unrecognised,
                  "Skip (and count) named files that are not inputs instead of failing, as for "
                  "files met in folders (for pre-commit hooks)");

  SimulateOptions so;
  CLI::App* simulate = app.add_subcommand(
      "simulate", "Can this role do this action on this resource? (by the inputs' policies)");
  simulate->add_option("paths", so.paths, "Files or folders to read")->required();
  simulate->add_option("--principal", so.principal, "Role: Terraform address, ARN or name")
      ->required();
  simulate->add_option("--action", so.action, "Action, e.g. dynamodb:PutItem")->required();
  simulate->add_option("--resource", so.resource, "Resource ARN")->required();
  simulate->add_option("--context", so.context,
                       "Condition key KEY=VALUE (repeat for more keys or values)");
  simulate->add_flag("--strict-context", so.strict_context,
                     "Treat condition keys not given as absent (as AWS does), not as unknown");
  simulate->add_option("--format", so.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  CLI::App* rules = app.add_subcommand("rules", "List every rule");
  bool markdown = false;
  rules->add_flag("--markdown", markdown, "Print the README's Markdown table instead");
  std::string rule_id;
  CLI::App* explain = app.add_subcommand("explain", "Explain one rule: what, why, example, fix");
  explain->add_option("rule", rule_id, "Rule ID or name, e.g. AMP001")->required();

  std::vector<const char*> argv;
  argv.push_back("iamlint");
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
  } catch (const CLI::CallForHelp& e) {
    out << app.help(check->parsed() ? "check" : "");
    (void)e;
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "iamlint " << IAMLINT_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // CLI11 would exit with codes >= 100; usage errors are exit code 2 here.
    err << "iamlint: " << e.what() << "\n"
        << "Run `iamlint --help` for usage.\n";
    return kExitError;
  }

  if (check->parsed()) return RunCheck(co, out, err, color);
  if (simulate->parsed()) return RunSimulate(so, out, err);
  if (rules->parsed()) {
    if (markdown) {
      out << RuleTableMarkdown();
    } else {
      WriteRuleList(out);
    }
    return kExitOk;
  }
  if (explain->parsed()) {
    const RegisteredRule* r = FindRule(rule_id);
    if (r == nullptr) {
      err << "iamlint: no rule \"" << rule_id << "\"; `iamlint rules` lists them\n";
      return kExitError;
    }
    WriteExplain(*r->info, out);
    return kExitOk;
  }
  return kExitError;
}

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const char* no_color = std::getenv("NO_COLOR");
  bool color = isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
  return RunCli(args, std::cout, std::cerr, color);
}

}  // namespace iamlint
