#include "cli/cli.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/progress_line.h"
#include "cli/simulate.h"
#include "cli/workloads.h"
#include "config/baseline.h"
#include "config/config.h"
#include "core/atomic_file.h"
#include "core/guard.h"
#include "core/path.h"
#include "iamlint_version.h"
#include "lint/lint.h"
#include "load/load.h"
#include "report/report.h"
#include "report/sanitize.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // FORMAT or FORMAT=FILE
  std::string output;
  std::string fail_on;  // "" = the configuration's, else "error"
  std::string input_format = "auto";
  std::string tf_dir;
  bool skip_unrecognised = false;
  std::string config;
  bool no_config = false;
  bool quiet = false;          // --quiet: no progress line
  bool show_progress = false;  // standard error is a terminal, not in CI, not --quiet
  std::string baseline;
  std::string sarif_root;
  std::string baseline_out;  // `iamlint baseline -o FILE`
  /// Terraform source: --var (false) and --var-file (true) values in command-line order.
  std::vector<std::pair<bool, std::string>> tf_var_args;
};

/// `TF_VAR_name` variables of the environment, as `terraform plan` reads them.
std::map<std::string, std::string> EnvironmentTfVars() {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("TF_VAR_", 0) != 0) continue;
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 7) continue;
    vars[std::string(entry.substr(7, eq - 7))] = std::string(entry.substr(eq + 1));
  }
  return vars;
}

struct Output {
  std::string format;
  std::string file;  // "" = standard output
};

/// Splits `--format` values into outputs; false (with a message) on a bad value.
bool PlanOutputs(const CheckOptions& o, std::vector<Output>* outputs, std::string* problem) {
  std::vector<std::string> formats =
      o.formats.empty() ? std::vector<std::string>{"text"} : o.formats;
  size_t to_stdout = 0;
  for (const auto& f : formats) {
    Output out;
    size_t eq = f.find('=');
    out.format = f.substr(0, eq);
    out.file = eq == std::string::npos ? o.output : f.substr(eq + 1);
    const auto& known = ReportFormats();
    if (std::find(known.begin(), known.end(), out.format) == known.end()) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      *problem = "--format " + Visible(out.format) + ": expected one of " + names +
                 " (optionally FORMAT=FILE)";
      return false;
    }
    if (eq != std::string::npos && out.file.empty()) {
      *problem = "--format " + f + ": no file after '='";
      return false;
    }
    if (out.file.empty()) ++to_stdout;
    outputs->push_back(std::move(out));
  }
  if (to_stdout > 1) {
    *problem = "several formats would go to standard output: give files (--format sarif=FILE)";
    return false;
  }
  return true;
}

/// Reads `.iamlint.yaml` (named, or found from the working folder upward).
bool ReadConfig(const CheckOptions& o, Config* config, std::vector<LoadError>* errors) {
  std::error_code ec;
  config->dir = std::filesystem::current_path(ec).string();
  if (o.no_config) return true;
  std::string path = o.config.empty() ? FindConfig(".") : o.config;
  if (path.empty()) return true;
  path = RelativeTo(path, ".");  // shown in messages: short when inside the working folder
  return LoadConfig(path, config, errors);
}

struct Checked {
  LintReport lint;
  Config config;
};

/// Reads the configuration, then runs the pipeline (not when the configuration has errors:
/// they are the report); with `fingerprint_dir` set, fingerprints findings relative to it.
Checked RunLint(const CheckOptions& o, const std::string& fingerprint_dir) {
  Checked c;
  if (!ReadConfig(o, &c.config, &c.lint.report.errors)) return c;
  LintRequest request;
  request.paths = o.paths;
  request.config = c.config;
  request.baseline = o.baseline;
  request.fingerprint_dir = fingerprint_dir;
  ParseInputFormat(o.input_format, &request.force);
  request.tf_dir = o.tf_dir;
  request.skip_unrecognised = o.skip_unrecognised;
  request.tf_var_args = o.tf_var_args;
  request.tf_env_vars = EnvironmentTfVars();
  if (const char* ws = std::getenv("TF_WORKSPACE"); ws != nullptr) request.tf_workspace = ws;
  std::optional<ProgressLine> line;  // drawn while the inputs are read, cleared after
  if (o.show_progress) {
    request.progress = [&line](const LoadProgress* progress) {
      if (progress == nullptr) {
        line.reset();
      } else {
        line.emplace(progress, &std::cerr, ProgressLine::TerminalColumns(), ProgressLine::Delay());
      }
    };
  }
  c.lint = Lint(request);
  return c;
}

/// The files an output must not overwrite, known before loading: the paths named on the
/// command line, the configuration file and the baseline.
ProtectedFiles NamedFiles(const CheckOptions& o) {
  ProtectedFiles p;
  for (const auto& path : o.paths) p.Add(path, "an input");
  if (!o.no_config) p.Add(o.config.empty() ? FindConfig(".") : o.config, "the configuration file");
  p.Add(o.baseline, "the baseline");
  return p;
}

/// Adds what loading found: every input read in a walk (or that failed to load), and the
/// `.tf` files source mapping reads.
void AddLoadedFiles(const Checked& c, ProtectedFiles* p) {
  for (const auto& f : c.lint.report.inputs) p->Add(f, "an input");
  for (const auto& e : c.lint.report.errors) p->Add(e.file, "an input");
  p->Add(c.config.path, "the configuration file");
  for (const auto& [plan, dir] : c.lint.plan_dirs) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".tf") p->Add(e.path().string(), "a Terraform source file");
    }
  }
}

/// False (with a message on `err`) when an output file would overwrite a protected file.
bool RefuseOverwrite(const std::vector<std::string>& targets, const ProtectedFiles& p,
                     std::ostream& err) {
  for (const auto& t : targets) {
    if (t.empty()) continue;
    if (const std::string* what = p.Overwrites(t)) {
      err << "iamlint: refusing to write " << Visible(t) << ": it is " << *what << "\n";
      return false;
    }
  }
  return true;
}

/// False (with a message) when two outputs name the same file: one would replace the other.
bool DistinctOutputs(const std::vector<std::string>& targets, std::ostream& err) {
  std::error_code ec;
  for (size_t i = 0; i < targets.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (targets[i].empty() || targets[j].empty()) continue;
      // Devices and FIFOs are written through: /dev/null may take several reports.
      const auto type = std::filesystem::status(targets[i], ec).type();
      if (type == std::filesystem::file_type::character ||
          type == std::filesystem::file_type::fifo) {
        continue;
      }
      const bool same_name = std::filesystem::absolute(targets[i], ec).lexically_normal() ==
                             std::filesystem::absolute(targets[j], ec).lexically_normal();
      ProtectedFiles first;
      first.Add(targets[j], "");
      if (same_name || first.Overwrites(targets[i]) != nullptr) {
        err << "iamlint: two outputs go to " << Visible(targets[i])
            << ": give each format its own file\n";
        return false;
      }
    }
  }
  return true;
}

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err, bool color) {
  std::vector<Output> outputs;
  std::string problem;
  if (!PlanOutputs(o, &outputs, &problem)) {
    err << "iamlint: " << problem << "\n";
    return kExitError;
  }
  std::vector<std::string> targets;
  targets.reserve(outputs.size());
  for (const auto& dest : outputs) targets.push_back(dest.file);
  ProtectedFiles protect = NamedFiles(o);
  if (!DistinctOutputs(targets, err) || !RefuseOverwrite(targets, protect, err)) {
    return kExitError;
  }
  Checked c = RunLint(o, "");  // fingerprints relative to the baseline, else the working folder
  AddLoadedFiles(c, &protect);
  if (!RefuseOverwrite(targets, protect, err)) return kExitError;
  const Report& report = c.lint.report;
  ReportOptions ro;
  ro.color = color;
  ro.sarif_root = o.sarif_root;
  int status = kExitOk;
  for (const auto& dest : outputs) {
    // Each report is rendered whole before it is written: a reporter's exception (a defect)
    // leaves no half report behind, and is exit 2.
    std::ostringstream buf;
    ReportOptions options = ro;
    if (!dest.file.empty()) options.color = false;
    const std::string failure = Guarded([&] { WriteReport(dest.format, report, buf, options); });
    if (!failure.empty()) {
      err << "iamlint: the " << dest.format << " report could not be written (" << Visible(failure)
          << "): an internal error, please report it\n";
      status = kExitError;
      continue;
    }
    if (dest.file.empty()) {
      out << buf.str();
      out.flush();  // before any file output that is standard output too (/dev/stdout)
      continue;
    }
    std::string error;
    if (!WriteOutputFile(dest.file, buf.str(), &error)) {
      err << "iamlint: " << Visible(error) << "\n";
      status = kExitError;
    }
  }
  if (status != kExitOk || !report.errors.empty()) return kExitError;
  std::string fail_on = !o.fail_on.empty()          ? o.fail_on
                        : !c.config.fail_on.empty() ? c.config.fail_on
                                                    : "error";
  if (fail_on == "never") return kExitOk;
  Severity threshold = Severity::kError;
  ParseSeverity(fail_on, &threshold);
  for (const auto& f : report.findings) {
    if (!f.suppressed && f.severity >= threshold) return kExitFindings;
  }
  return kExitOk;
}

/// `iamlint baseline PATH... -o FILE`: records today's unsuppressed findings.
int RunBaseline(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  ProtectedFiles protect = NamedFiles(o);
  if (!RefuseOverwrite({o.baseline_out}, protect, err)) return kExitError;
  Checked c = RunLint(o, FolderOf(o.baseline_out));
  AddLoadedFiles(c, &protect);
  if (!RefuseOverwrite({o.baseline_out}, protect, err)) return kExitError;
  const Report& report = c.lint.report;
  if (!report.errors.empty()) {
    WriteText(report, err, false);
    err << "iamlint: baseline not written: fix the input errors first\n";
    return kExitError;
  }
  std::string error;
  if (!WriteOutputFile(o.baseline_out, BaselineJson(report.findings, FolderOf(o.baseline_out)),
                       &error)) {
    err << "iamlint: " << Visible(error) << "\n";
    return kExitError;
  }
  size_t n = 0;
  for (const auto& f : report.findings) n += f.suppressed ? 0 : 1;
  out << "iamlint: baseline of " << n << (n == 1 ? " finding" : " findings") << " written to "
      << Visible(o.baseline_out) << "\n";
  return kExitOk;
}

/// Options `check` and `baseline` share: what to read and how.
void AddInputOptions(CLI::App* cmd, CheckOptions* o) {
  cmd->add_option("--input-format", o->input_format,
                  "Treat every file as this kind instead of detecting it")
      ->check(CLI::IsMember({"auto", "terraform-plan", "aws-cli", "policy", "cloudformation"}))
      ->capture_default_str();
  cmd->add_option("--tf-dir", o->tf_dir,
                  "Terraform configuration folder: findings on plan resources point at the "
                  ".tf block (default: the plan's own folder when it holds .tf files)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option_function<std::string>(
         "--var", [o](const std::string& v) { o->tf_var_args.emplace_back(false, v); },
         "Terraform source: a root variable's value, NAME=VALUE, as `terraform plan -var` takes "
         "it (repeatable; later wins; TF_VAR_NAME in the environment is read too)")
      ->trigger_on_parse()
      ->type_name("NAME=VALUE");
  cmd->add_option_function<std::string>(
         "--var-file", [o](const std::string& v) { o->tf_var_args.emplace_back(true, v); },
         "Terraform source: a variables file (.tfvars or .tfvars.json), as `terraform plan "
         "-var-file` takes it (repeatable, in order with --var)")
      ->trigger_on_parse()
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  cmd->add_flag("--skip-unrecognised", o->skip_unrecognised,
                "Skip (and count) named files that are not inputs instead of failing, as for "
                "files met in folders (for pre-commit hooks)");
  cmd->add_option("--config", o->config,
                  "Configuration file (default: the nearest .iamlint.yaml from the working "
                  "folder upward)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--no-config", o->no_config, "Read no configuration file");
  cmd->add_flag("-q,--quiet", o->quiet,
                "No progress line (shown on a terminal's standard error when a run takes more "
                "than a second, never in CI)");
}

}  // namespace

namespace {

/// `iamlint check`: its arguments and options go to `co`.
CLI::App* AddCheckCommand(CLI::App* app, CheckOptions* co) {
  CLI::App* check = app->add_subcommand("check", "Lint files and folders (recognised by content)");
  check->add_option("paths", co->paths, "Files or folders to lint")->required();
  check
      ->add_option(
          "--format", co->formats,
          "Output format: text, json, sarif, junit, github, markdown or gitlab; FORMAT=FILE "
          "writes that format to FILE (repeat for several formats)")
      ->allow_extra_args(false)  // one value per --format; PATHs may follow
      ->default_str("text");
  check->add_option("-o,--output", co->output,
                    "Write the report to this file (atomically) instead of standard output");
  check
      ->add_option("--fail-on", co->fail_on,
                   "Lowest severity that makes the exit code 1 (default: the configuration's "
                   "fail_on, else error)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  AddInputOptions(check, co);
  check
      ->add_option("--baseline", co->baseline,
                   "Report only findings this baseline (from `iamlint baseline`) does not hold")
      ->check(CLI::ExistingFile);
  check
      ->add_option("--sarif-root", co->sarif_root,
                   "SARIF: make result paths relative to this folder (default: the working "
                   "folder)")
      ->check(CLI::ExistingDirectory);
  return check;
}

/// `iamlint baseline`: its arguments and options go to `bo`.
CLI::App* AddBaselineCommand(CLI::App* app, CheckOptions* bo) {
  CLI::App* baseline = app->add_subcommand(
      "baseline", "Record today's findings, for `check --baseline` to report only new ones");
  baseline->add_option("paths", bo->paths, "Files or folders to lint")->required();
  baseline->add_option("-o,--output", bo->baseline_out, "Baseline file to write")->required();
  AddInputOptions(baseline, bo);
  return baseline;
}

/// `iamlint simulate`: its arguments and options go to `so`.
CLI::App* AddSimulateCommand(CLI::App* app, SimulateOptions* so) {
  CLI::App* simulate = app->add_subcommand(
      "simulate", "Can this role do this action on this resource? (by the inputs' policies)");
  simulate->add_option("paths", so->paths, "Files or folders to read")->required();
  CLI::Option* principal =
      simulate->add_option("--principal", so->principal, "Role: Terraform address, ARN or name");
  CLI::Option* workload = simulate->add_option(
      "--workload", so->workload,
      "Instead of a role: the workload whose code is asked about (an Amplify app or branch, ECS "
      "task definition, Lambda function, EC2 instance, CodeBuild project), by Terraform "
      "address, ARN or name: the role it runs as answers");
  principal->excludes(workload);
  simulate->add_option("--action", so->action, "Action, e.g. dynamodb:PutItem")->required();
  simulate->add_option("--resource", so->resource, "Resource ARN")->required();
  simulate->add_option("--context", so->context,
                       "Condition key KEY=VALUE (repeat for more keys or values)");
  simulate->add_flag("--strict-context", so->strict_context,
                     "Treat condition keys not given as absent (as AWS does), not as unknown");
  simulate->add_option("--format", so->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return simulate;
}

/// `iamlint workloads`: its arguments and options go to `wo`.
CLI::App* AddWorkloadsCommand(CLI::App* app, WorkloadsOptions* wo) {
  CLI::App* workloads = app->add_subcommand(
      "workloads", "List every workload and the role its code runs as (and the platform's role)");
  workloads->add_option("paths", wo->paths, "Files or folders to read")->required();
  workloads->add_option("--format", wo->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  return workloads;
}

/// Parses `args` into `app`'s options. An exit code when the run ends here: help or version
/// printed (0), or a usage error (2); nothing when a subcommand is to run.
std::optional<int> ParseArgs(CLI::App& app, const std::vector<const CLI::App*>& subcommands,
                             const std::vector<std::string>& args, std::ostream& out,
                             std::ostream& err) {
  std::vector<const char*> argv;
  argv.push_back("iamlint");
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), const_cast<char**>(argv.data()));
  } catch (const CLI::CallForHelp&) {
    // The help of the subcommand asked about (`iamlint check --help`), else the overview.
    const CLI::App* asked = &app;
    for (const CLI::App* sub : subcommands) {
      if (sub->parsed()) asked = sub;
    }
    out << (asked == &app ? app.help() : asked->help("iamlint"));
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "iamlint " << IAMLINT_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // CLI11 would exit with codes >= 100; usage errors are exit code 2 here.
    err << "iamlint: " << Visible(e.what()) << "\n"
        << "Run `iamlint --help` for usage.\n";
    return kExitError;
  }
  return std::nullopt;
}

/// `iamlint rules [--markdown]`.
int RunRules(bool markdown, std::ostream& out) {
  if (markdown) {
    out << RuleTableMarkdown();
  } else {
    WriteRuleList(out);
  }
  return kExitOk;
}

/// `iamlint explain RULE`.
int RunExplain(const std::string& rule_id, std::ostream& out, std::ostream& err) {
  const RegisteredRule* r = FindRule(rule_id);
  if (r == nullptr) {
    err << "iamlint: no rule \"" << Visible(rule_id) << "\"; `iamlint rules` lists them\n";
    return kExitError;
  }
  WriteExplain(*r->info, out);
  return kExitOk;
}

int Dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             bool color) {
  CLI::App app{"iamlint: lint IAM configuration in Terraform plans, AWS CLI JSON and IAM policies",
               "iamlint"};
  app.set_version_flag("--version", std::string("iamlint ") + IAMLINT_VERSION);
  app.require_subcommand(1);

  CheckOptions co;
  CLI::App* check = AddCheckCommand(&app, &co);
  CheckOptions bo;
  CLI::App* baseline = AddBaselineCommand(&app, &bo);
  SimulateOptions so;
  CLI::App* simulate = AddSimulateCommand(&app, &so);
  WorkloadsOptions wo;
  CLI::App* workloads = AddWorkloadsCommand(&app, &wo);

  CLI::App* rules = app.add_subcommand("rules", "List every rule");
  bool markdown = false;
  rules->add_flag("--markdown", markdown, "Print the README's Markdown table instead");
  std::string rule_id;
  CLI::App* explain = app.add_subcommand("explain", "Explain one rule: what, why, example, fix");
  explain->add_option("rule", rule_id, "Rule ID or name, e.g. AMP001")->required();

  if (std::optional<int> done =
          ParseArgs(app, {check, baseline, simulate, workloads, rules, explain}, args, out, err)) {
    return *done;
  }

  // The progress line is for a person watching a terminal: the real standard error only.
  co.show_progress = &err == &std::cerr && ProgressLine::Wanted(co.quiet);
  bo.show_progress = &err == &std::cerr && ProgressLine::Wanted(bo.quiet);
  if (check->parsed()) return RunCheck(co, out, err, color);
  if (baseline->parsed()) return RunBaseline(bo, out, err);
  if (simulate->parsed()) return RunSimulate(so, out, err);
  if (workloads->parsed()) return RunWorkloads(wo, out, err);
  if (rules->parsed()) return RunRules(markdown, out);
  if (explain->parsed()) return RunExplain(rule_id, out, err);
  return kExitError;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool color) {
  const int status = Dispatch(args, out, err, color);
  // A report nobody received is no pass: a full disk, a closed pipe or /dev/full on standard
  // output is an error (exit 2), whatever the findings.
  errno = 0;
  out.flush();
  if (!out) {
    const int e = errno;
    err << "iamlint: cannot write to standard output" << (e != 0 ? ": " : "")
        << (e != 0 ? std::strerror(e) : "") << "\n";
    return kExitError;
  }
  return status;
}

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const char* no_color = std::getenv("NO_COLOR");
  bool color = isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0');
  int code = kExitError;
  // The last barrier: loaders, rules and reporters have their own; nothing escapes main.
  const std::string failure = Guarded([&] { code = RunCli(args, std::cout, std::cerr, color); });
  if (!failure.empty()) {
    std::cerr << "iamlint: " << Visible(failure) << ": an internal error, please report it\n";
    return kExitError;
  }
  return code;
}

}  // namespace iamlint
