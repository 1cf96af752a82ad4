// Evaluating a Terraform root module from its source, without a plan: variables (defaults,
// tfvars files, TF_VAR_ environment variables, -var and -var-file), locals, resources and
// data sources with `count` / `for_each` / `dynamic` blocks, and module calls (local sources,
// and what `terraform init` installed, through `.terraform/modules/modules.json`) with their
// inputs and outputs.
//
// The result is the list of resource instances a plan would show, with the addresses the plan
// would give them (`module.web["dev"].aws_iam_role.this[0]`), their attribute values as far
// as the source tells them (value.h: unknown where only apply knows, origins kept), and where
// each attribute and nested block is written.
//
// Evaluation is lazy: only the instances the caller asks for (`wanted`) and what they refer
// to are evaluated, so a construct iamlint cannot follow in an unrelated resource costs
// nothing and says nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hcl/ast.h"
#include "tf/eval.h"
#include "tf/module.h"
#include "tf/value.h"

namespace iamlint::tf {

/// A `-var NAME=VALUE` (`file` false) or `-var-file PATH` (`file` true) argument.
struct VarArg {
  bool file = false;
  std::string text;
};

struct RootOptions {
  std::string dir;  // the root module's folder
  /// `TF_VAR_name` values of the environment: name -> raw text.
  std::map<std::string, std::string> env_vars;
  /// -var / -var-file arguments, in command-line order (later wins).
  std::vector<VarArg> var_args;
  /// The workspace (`terraform.workspace`): TF_WORKSPACE, else `.terraform/environment`, else
  /// "default".
  std::string workspace = "default";
  /// Resource types whose instances are wanted (managed and data sources alike).
  std::function<bool(const std::string& type)> wanted;
  /// `file()` and `templatefile()` read only inside these folders (none: the root's folder).
  std::vector<std::string> readable_trees;
  /// Modules already read (by normalised folder), shared read-only by the roots of one run;
  /// others are read when called.
  const std::map<std::string, const Module*>* preloaded = nullptr;
  Limits limits;
  size_t max_module_depth = 64;
  size_t max_instances = 10000;  // per resource or module call
};

/// One resource instance.
struct Instance {
  std::string module;  // module instance address ("" for the root)
  std::string mode;    // "managed" or "data"
  std::string type;
  std::string name;
  std::string key;  // index key as the plan writes it: `0`, `"dev"`; "" for none
  std::string address;
  /// `count` / `for_each` could not be evaluated: this one instance stands for all of them
  /// (its key is "", and `count.index` / `each` are unknown in it).
  bool key_unknown = false;
  /// The `count` / `for_each` of this resource or of a module call above it could not be
  /// evaluated: whether this instance exists at all (and how many there are) is not known.
  bool may_not_exist = false;
  Value values;  // a map: attributes, and nested blocks as lists of maps
  const hcl::Block* block = nullptr;
  /// Where parts of `values` are written: "policy", "statement/0",
  /// "statement/0/principals/1" -> the attribute's or block's range.
  std::map<std::string, hcl::Range> places;
};

struct Evaluated {
  std::vector<Instance> instances;  // root module first, then module calls by name and key
  /// Every file read: configuration files of the root and its modules, and the tfvars files.
  std::vector<std::string> files;
  std::vector<std::unique_ptr<Module>> modules;  // what `block` and `places` point into
  Diagnostics diags;
};

/// Evaluates the root module in options.dir (and the modules it calls) into `out`.
void EvaluateRoot(const RootOptions& options, Evaluated* out);

/// The folders a module in `dir` calls with local sources (`./x`, `../x`), normalised.
std::vector<std::string> LocalModuleCalls(const Module& module);

/// A folder's path made lexically normal, without a trailing separator ("." for "").
std::string NormalDir(const std::string& dir);

/// `dir/source` made lexically normal (`a/./b/../c` -> `a/c`).
std::string JoinModulePath(const std::string& dir, const std::string& source);

}  // namespace iamlint::tf
