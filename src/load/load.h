// Reading inputs: walking paths, recognising files by content, and filling the model.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/load_error.h"
#include "core/progress.h"
#include "model/model.h"

namespace iamlint {

/// Kinds of input iamlint recognises by content.
enum class InputKind {
  kUnknown,
  kTerraformPlan,   // terraform show -json PLANFILE
  kTerraformState,  // terraform show -json (state), or a raw terraform.tfstate
  kAwsCli,          // aws amplify ... / aws iam ... JSON output
  kPolicy,          // an IAM policy document (JSON or YAML)
  kCloudFormation,  // CloudFormation / CDK / SAM template (JSON or YAML)
};

const char* InputKindName(InputKind k);
/// Parses an --input-format value: auto, terraform-plan, aws-cli, policy.
bool ParseInputFormat(const std::string& text, InputKind* out);

struct LoadOptions {
  InputKind force = InputKind::kUnknown;    // kUnknown = detect by content
  size_t max_file_bytes = size_t{1} << 30;  // 1 GiB
  /// Terraform configuration folder for source mapping; empty: each plan's own folder when
  /// it holds `.tf` files.
  std::string tf_dir;
  /// Files named explicitly that are not recognised inputs are skipped and counted, as files
  /// met while walking a folder are (for hooks that pass every staged JSON/YAML file).
  bool skip_unrecognised = false;
  /// When set, files (named or met in folders) for which it returns false are skipped and
  /// counted as skipped: the configuration's include/exclude globs.
  std::function<bool(const std::string& path)> filter;
  /// When set, counts the files and bytes read as the run goes (for a progress line).
  LoadProgress* progress = nullptr;
  /// Terraform source: `-var NAME=VALUE` / `-var-file PATH` in command-line order (`file`
  /// true for -var-file), `TF_VAR_name` values of the environment (name -> text), and the
  /// workspace ("" = TF_WORKSPACE's value is not given: "default").
  std::vector<std::pair<bool, std::string>> tf_var_args;
  std::map<std::string, std::string> tf_env_vars;
  std::string tf_workspace;
};

struct LoadResult {
  Model model;
  std::vector<LoadError> errors;
  size_t files_loaded = 0;
  size_t files_skipped = 0;  // met while walking a folder, not a recognised input
  /// The inputs read, in order (each counted in files_loaded).
  std::vector<std::string> files;
  /// Plan or state file -> its Terraform configuration folder (for MapFindingsToSource).
  std::map<std::string, std::string> plan_dirs;
  /// `.tf` root folder (its scope's name) -> the addresses of instances that may not exist:
  /// their `count` / `for_each`, or a module call's above them, is not known without a plan.
  std::map<std::string, std::set<std::string>> unsure_instances;
  /// What iamlint did not follow in an input, never an error: a function of a `.tf` file it
  /// does not evaluate, a module `terraform init` has not installed.
  std::vector<LoadError> notes;
};

/// Loads files and folders. Files named explicitly must be recognised inputs;
/// files met while walking folders are skipped (and counted) when not.
LoadResult LoadPaths(const std::vector<std::string>& paths, const LoadOptions& options);

/// Loads inputs given in memory as (name, bytes), e.g. for fuzzing; each counts as named
/// explicitly. No source mapping.
LoadResult LoadBuffers(const std::vector<std::pair<std::string, std::string>>& inputs,
                       const LoadOptions& options);

}  // namespace iamlint
