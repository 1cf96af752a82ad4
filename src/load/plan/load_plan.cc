// Terraform plan JSON (`terraform show -json PLANFILE`), show-json states and raw
// `terraform.tfstate` files into the model: LoadTerraformPlan (load/loaders.h).
//
// The folder, in the order a plan goes through it:
//   filter.*           what the JSON parser keeps of a plan (TerraformPlanFilter)
//   input.*            the file, its located errors, and the shape checks
//   instance.*         a resource instance and the questions asked of its attributes
//   index.h, collect.cc, changes.cc, configuration.cc
//                      one pass over the document: instances, resource_changes, configuration
//   references.*       the configuration's references, through module outputs and variables
//   policy_document.*  the emulation of data "aws_iam_policy_document" (no plan plumbing)
//   documents.*        policy documents of attributes: embedded JSON, or a data source's
//   resource_policies.* bucket, queue, key, ... policies
//   builder.h, builder.cc, roles.cc, apps.cc
//                      the model: roles, policies, grants, apps, branches, skip tags
#include <exception>
#include <string>

#include "load/loaders.h"
#include "load/plan/builder.h"
#include "load/plan/index.h"

namespace iamlint {
namespace {

/// Whether the plan's format_version is one iamlint reads (0.x or 1.x); a located error
/// when it is not.
bool SupportedFormat(const json::Value& root, const plan::PlanInput& input) {
  const json::Value* fv = root.Find("format_version");
  if (fv == nullptr || !fv->IsString()) return true;
  if (fv->str().empty() || fv->str()[0] == '0' || fv->str()[0] == '1') return true;
  input.Error(
      fv, "/format_version",
      "unsupported plan format_version \"" + fv->str() + "\": iamlint reads formats 0.x and 1.x");
  return false;
}

void ReadPlan(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  const plan::PlanInput input(in, errors);
  const json::Value& root = in.doc.root();
  plan::PlanIndex index;
  plan::PlanIndexer indexer(input, &index, scope);
  if (root.Find("format_version") == nullptr && root.Find("version") != nullptr) {
    if (!indexer.ReadRawState(root)) return;
  } else if (!SupportedFormat(root, input) || !indexer.ReadPlan(root)) {
    return;
  }
  index.Finish();
  plan::PlanBuilder(input, index, scope).Build();
}

void ReadEvaluated(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  const plan::PlanInput input(in, errors);
  const json::Value& root = in.doc.root();
  plan::PlanIndex index;
  plan::PlanIndexer indexer(input, &index, scope);
  if (!indexer.ReadPlan(root)) return;
  index.absolute_references = true;
  if (const json::Value* exprs = root.Find("instance_expressions"); exprs != nullptr) {
    for (const auto& m : exprs->members()) index.instance_expressions[m.key] = m.value.get();
  }
  index.Finish();
  plan::PlanBuilder(input, index, scope).Build();
}

}  // namespace

void LoadEvaluatedConfiguration(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  scope->kind = Scope::Kind::kTerraformPlan;
  scope->name = in.path;
  ReadEvaluated(in, scope, errors);
}

void LoadTerraformPlan(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  scope->kind = Scope::Kind::kTerraformPlan;
  scope->name = in.path;
  // Nothing the loader calls should throw on any input (no `.at`, no `std::sto*`); should
  // something still do, it is this input's error, not the end of the run.
  try {
    ReadPlan(in, scope, errors);
  } catch (const std::exception& e) {
    *scope = Scope();
    scope->kind = Scope::Kind::kTerraformPlan;
    scope->name = in.path;
    errors->push_back({in.path, 0, "", std::string("could not read this plan: ") + e.what()});
  }
}

}  // namespace iamlint
