#include "lint/lint.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/baseline.h"
#include "config/suppress.h"
#include "lint/source_map.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

LoadOptions LoadOptionsFor(const LintRequest& request, LoadProgress* progress) {
  LoadOptions lo;
  lo.force = request.force;
  lo.tf_dir = request.tf_dir;
  lo.skip_unrecognised = request.skip_unrecognised;
  lo.tf_var_args = request.tf_var_args;
  lo.tf_env_vars = request.tf_env_vars;
  lo.tf_workspace = request.tf_workspace;
  const Config* cfg = &request.config;
  if (!cfg->include.empty() || !cfg->exclude.empty()) {
    lo.filter = [cfg](const std::string& path) { return ConfigAcceptsFile(*cfg, path); };
  }
  if (request.progress) lo.progress = progress;
  return lo;
}

LoadResult Load(const LintRequest& request) {
  LoadProgress progress;
  const LoadOptions options = LoadOptionsFor(request, &progress);
  if (request.progress) request.progress(&progress);
  LoadResult loaded = request.buffers.empty() ? LoadPaths(request.paths, options)
                                              : LoadBuffers(request.buffers, options);
  if (request.progress) request.progress(nullptr);
  return loaded;
}

std::string FingerprintDir(const LintRequest& request) {
  if (!request.fingerprint_dir.empty()) return request.fingerprint_dir;
  if (!request.baseline.empty()) return FolderOf(request.baseline);
  std::error_code ec;
  return std::filesystem::current_path(ec).string();
}

/// The rules that ran (enabled ones) and their severities after the configuration.
std::vector<RuleRun> RulesRun(const Config& config) {
  std::vector<RuleRun> runs;
  for (const auto& r : AllRules()) {
    auto it = config.rules.find(r.info->id);
    if (it != config.rules.end() && !it->second.enabled) continue;
    RuleRun run{r.info, r.info->severity};
    if (it != config.rules.end() && it->second.has_severity) run.severity = it->second.severity;
    runs.push_back(run);
  }
  return runs;
}

/// Says so in each finding on an instance of `.tf` source that may not exist (its count or
/// for_each is unknown): the mistake is in what the source shows, its existence is not.
void MarkUnsureInstances(const std::map<std::string, std::set<std::string>>& unsure,
                         std::vector<Finding>* findings) {
  for (auto& f : *findings) {
    auto it = unsure.find(f.terraform_root);
    if (it == unsure.end() || it->second.count(f.resource) == 0) continue;
    f.message += " (if " + f.resource +
                 " exists at all: iamlint cannot tell, as its count or for_each, or a module "
                 "call's above it, is not known without a plan)";
  }
}

/// Turns each Terraform finding's input (a plan or state file, or a `.tf` root folder) into
/// what its fingerprint names, absolute: the root module's folder -- a plan's configuration
/// folder (beside it, or --tf-dir) -- else the plan file itself (plans collected in one folder
/// are not one root).
void ResolveTerraformRoots(const std::map<std::string, std::string>& plan_dirs,
                           std::vector<Finding>* findings) {
  std::map<std::string, std::string> resolved;  // input -> folder
  for (auto& f : *findings) {
    if (f.terraform_root.empty()) continue;
    auto [it, fresh] = resolved.emplace(f.terraform_root, "");
    if (fresh) {
      std::error_code ec;
      auto dir = plan_dirs.find(f.terraform_root);
      fs::path folder = dir != plan_dirs.end() ? fs::path(dir->second) : fs::path(f.terraform_root);
      folder = fs::absolute(folder, ec).lexically_normal();
      std::string text = folder.string();
      while (text.size() > 1 && text.back() == '/') text.pop_back();
      it->second = text;
    }
    f.terraform_root = it->second;
  }
}

/// A notice for each workload whose definition the inputs do not show (known only at apply,
/// or chosen by a template's condition): its rules stay quiet about it, and a quiet result
/// must not read as a clean one.
void NoteUnseenDefinitions(const Model& model, std::vector<Notice>* notices) {
  for (const Scope& scope : model.scopes) {
    for (const Workload& w : scope.workloads) {
      if (w.definition_known) continue;
      const PlatformInfo& p = PlatformOf(w.platform);
      notices->push_back({w.loc.file, w.loc.line,
                          std::string(WorkloadNoun(w)) + " " + w.display +
                              ": the inputs do not show its " + p.definition +
                              " (known only at apply, or chosen by a template condition), so "
                              "iamlint cannot tell whether its " +
                              p.definition_checks + " are right"});
    }
  }
}

}  // namespace

std::string FolderOf(const std::string& file) {
  std::error_code ec;
  return std::filesystem::absolute(file, ec).lexically_normal().parent_path().string();
}

LintReport Lint(const LintRequest& request) {
  LintReport out;
  Report& report = out.report;
  const Config& config = request.config;
  LoadResult loaded = Load(request);
  report.findings = RunRules(loaded.model, config.options, &out.rule_failures);
  for (const auto& f : out.rule_failures) report.errors.push_back({f.file, 0, "", f.message});
  ApplyRuleSettings(config, &report.findings);
  // Fingerprints before source mapping moves locations: a baseline outlives `.tf` edits.
  MarkUnsureInstances(loaded.unsure_instances, &report.findings);
  ResolveTerraformRoots(loaded.plan_dirs, &report.findings);
  AssignFingerprints(FingerprintDir(request), &report.findings);
  ApplySuppressions(config, loaded.model, request.today.empty() ? TodayUtc() : request.today,
                    &report.findings, &report.notices);
  if (request.source_mapping) MapFindingsToSource(loaded.plan_dirs, &report.findings);
  for (auto& e : loaded.errors) report.errors.push_back(std::move(e));
  for (auto& n : loaded.notes) {
    report.notices.push_back({n.file, n.line, n.message});
  }
  NoteUnseenDefinitions(loaded.model, &report.notices);
  report.files_loaded = loaded.files_loaded;
  report.files_skipped = loaded.files_skipped;
  report.inputs = std::move(loaded.files);
  out.plan_dirs = std::move(loaded.plan_dirs);
  report.rules = RulesRun(config);
  if (!request.baseline.empty() && report.errors.empty()) {
    Baseline b;
    if (ReadBaseline(request.baseline, &b, &report.errors)) ApplyBaseline(b, &report);
  }
  return out;
}

}  // namespace iamlint
