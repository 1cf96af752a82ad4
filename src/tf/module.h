// A Terraform module as Terraform sees it: all configuration files of one folder (`.tf`,
// `.tf.json`, and OpenTofu's `.tofu`, `.tofu.json`, which shadow a `.tf` file of the same
// name), with override files (`override.tf`, `*_override.tf`, and their JSON and tofu forms)
// merged into the blocks they override, the way Terraform merges them: an attribute of the
// override replaces the original's, a nested block type of the override replaces all the
// original's blocks of that type, a `locals` entry replaces the local of that name.
//
// Only reading and merging happen here; config.h evaluates.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.h"
#include "tf/eval.h"

namespace iamlint::tf {

/// A block's body once overrides are merged: pointers into the module's parsed files.
struct MergedBody {
  const hcl::Body* body = nullptr;  // the original's
  std::vector<const hcl::Attribute*> attributes;
  std::vector<const hcl::Block*> blocks;
  bool from_json = false;

  const hcl::Attribute* Find(std::string_view name) const;
};

/// A body with no overrides merged (a nested block's).
MergedBody BodyOf(const hcl::Body& body);

struct BlockRef {
  const hcl::Block* block = nullptr;
  MergedBody body;
};

struct Module {
  std::string dir;
  /// The configuration files read, sorted (the shadowed `.tf` twins of `.tofu` files are not).
  std::vector<std::string> files;
  std::vector<std::unique_ptr<hcl::File>> parsed;  // what the pointers below point into

  std::map<std::string, BlockRef> variables;
  std::map<std::string, BlockRef> outputs;
  std::map<std::string, BlockRef> module_calls;
  std::map<std::string, const hcl::Attribute*> locals;
  /// Managed resources and data sources in file order; key "type.name" or "data.type.name".
  std::vector<BlockRef> resources;
  std::map<std::string, size_t> resource_index;  // key -> index in resources
};

/// Limits on what is read: the bytes of one file, and of all of a module's files.
struct ReadLimits {
  size_t max_file_bytes = size_t{64} << 20;
  size_t max_files = 10000;
};

/// A configuration file name (`main.tf`, `x.tf.json`, `a.tofu`, `a.tofu.json`).
bool IsConfigFileName(std::string_view name);
/// A variable definitions file name (`terraform.tfvars`, `x.auto.tfvars`, `*.tfvars.json`).
bool IsVarsFileName(std::string_view name);
/// An override file name (`override.tf`, `x_override.tf`, and the other extensions).
bool IsOverrideFileName(std::string_view name);

/// Reads and merges the module in `dir`. Syntax errors and Terraform's structural errors (a
/// duplicate resource, variable, local or output; an override of nothing) are located errors
/// in `diags`; what could be read is kept. False when the folder cannot be listed.
bool ReadModule(const std::string& dir, Module* out, Diagnostics* diags,
                const ReadLimits& limits = ReadLimits());

/// The configuration files of `dir` (not recursive), sorted, with `.tofu` shadowing.
std::vector<std::string> ConfigFilesIn(const std::string& dir);

}  // namespace iamlint::tf
