// The resource instances of a plan or a state, and the parts of its configuration that
// references are resolved through: what the builder reads, gathered in one pass over the
// document.
//
// Sources of truth, in order: planned values (`planned_values`, with
// `resource_changes[].change.after_unknown` telling unknown from absent); data sources read
// during planning (`prior_state`); the configuration's `references` to link resources whose
// values are unknown. A raw `terraform.tfstate` has only its instances' attributes.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/plan/input.h"
#include "model/model.h"

namespace iamlint::plan {

/// A module of the configuration.
struct ConfigModule {
  const Value* module = nullptr;  // {resources, module_calls, outputs, variables}
  const Value* call = nullptr;    // the parent's module_calls entry (null for root)
};

struct PlanIndex {
  /// resource_changes by address: the entry and its index as written.
  std::map<std::string, std::pair<const Value*, size_t>> changes;
  /// Configuration modules by path without keys ("" for root, `module.a.module.b`).
  std::map<std::string, ConfigModule> config_modules;
  /// Configuration resources by module path + address (`module.a.aws_iam_role.r`).
  std::map<std::string, const Value*> config_resources;
  /// Where each expression of a module output or module call argument is written.
  std::unordered_map<const Value*, std::string> expression_pointer;

  /// Set for a configuration evaluated from source (load/terraform_source): each instance's
  /// own expressions by address, whose references are absolute addresses already resolved
  /// (`module.a["k"].aws_iam_role.r.arn`): no module outputs or variables left to follow.
  std::unordered_map<std::string, const Value*> instance_expressions;
  bool absolute_references = false;

  /// The instances, in the order of the document once Finish() has run.
  std::vector<Instance> instances;
  std::unordered_map<std::string, size_t> by_address;
  /// "module\nlocal address" -> instances, for resolving references.
  std::map<std::string, std::vector<const Instance*>> by_local;
  /// "module\nlocal address\nkey" -> the instances with that key (one, unless addresses lie).
  std::unordered_map<std::string, std::vector<const Instance*>> by_key;

  /// Sorts the instances by their place in the document and indexes them (by_address,
  /// by_local, by_key). The instances must not change afterwards.
  void Finish();
};

/// Reads a plan, a show-json state or a raw state into a PlanIndex. Roles the plan destroys
/// go straight to Scope::destroyed; the scope's kind becomes kTerraformState for states.
class PlanIndexer {
 public:
  PlanIndexer(const PlanInput& input, PlanIndex* index, Scope* scope)
      : input_(input), index_(index), scope_(scope) {}

  /// A plan or a show-json state (`format_version`). False when nothing can be read.
  bool ReadPlan(const Value& root);
  /// A raw `terraform.tfstate` (version 4). False when nothing can be read.
  bool ReadRawState(const Value& root);

 private:
  // collect.cc: the instances.
  void CollectModule(const Value& m, const std::string& pointer, const std::string& module,
                     bool data_only = false);
  void AddInstance(const Value& r, const std::string& pointer, const std::string& module,
                   bool data_only, const Value* values);
  void AddChange(Instance* in) const;
  void CollectFromChanges(const Value& root);
  void AddDeferredReads();
  void AddRawResource(const Value& r, const std::string& pointer);
  void Add(Instance in);
  // changes.cc: resource_changes.
  void IndexChanges(const Value& root);
  void CheckChangeShape(const Value& c, const std::string& pointer);
  void NoteDestroyed(const Value& c, const Value& change, const std::string& pointer);
  // configuration.cc: the configuration.
  void IndexConfiguration(const Value& root);
  void IndexConfigModule(const Value& m, const std::string& path, const Value* call,
                         const std::string& pointer);
  void IndexConfigResources(const Value& m, const std::string& path, const std::string& pointer);
  void IndexOutputs(const Value& m, const std::string& pointer);
  void IndexModuleCalls(const Value& m, const std::string& path, const std::string& pointer);
  void NoteExpression(const Value& e, std::string pointer);

  const PlanInput& input_;
  PlanIndex* index_;
  Scope* scope_;
};

/// Whether a change only deletes (or forgets) the resource, not re-creating it.
bool IsDeleteOnly(const Value& change);

/// The instance's key in the configuration: module path without keys + local address.
std::string ConfigKey(const std::string& module, const std::string& local);

}  // namespace iamlint::plan
