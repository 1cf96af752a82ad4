// PlanBuilder: Amplify apps and branches (hashicorp/aws and awscc) -- their roles, their
// environment variables (with where unknown values come from), and which app a branch is of.
#include <algorithm>
#include <utility>

#include "load/plan/builder.h"

namespace iamlint::plan {

void PlanBuilder::AddApp(const Instance& in) {
  App app;
  app.display = in.address;
  app.loc = Loc(in);
  std::string name = StringAttr(in, "name");
  app.name = name.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(name);
  std::string arn = StringAttr(in, "arn");
  app.arn = arn.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(arn);
  std::string platform = StringAttr(in, "platform");
  if (!platform.empty()) {
    app.platform = Known<std::string>::Of(platform);
  } else if (IsUnknown(in.after_unknown, "platform") || refs_.HasReferences(in, "platform")) {
    app.platform = Known<std::string>::Unknown();
  } else {
    app.platform = Known<std::string>::Of("WEB");  // the provider's default
  }
  const bool cc = IsAwscc(in.type);
  app.service_role = ResolveRole(in, cc ? "iam_service_role" : "iam_service_role_arn");
  app.compute_role = ResolveRole(in, "compute_role_arn");
  app.env = EnvOf(in, "environment_variables", EnvAttr(in),
                  json::PointerAppend(in.values_pointer(), "environment_variables"));
  if (const Value* e = KnownAttr(in, "enable_auto_branch_creation"); e != nullptr && e->IsBool()) {
    app.auto_branch_creation = e->AsBool();
  }
  ReadAutoBranchCreation(in, &app);
  app_index_[&in] = static_cast<int>(scope_->apps.size());
  scope_->apps.push_back(std::move(app));
}

/// `auto_branch_creation_config`: a block list in hashicorp/aws, a single nested object in
/// awscc.
void PlanBuilder::ReadAutoBranchCreation(const Instance& in, App* app) {
  const Value* abc = KnownAttr(in, "auto_branch_creation_config");
  std::string abc_pointer = json::PointerAppend(in.values_pointer(), "auto_branch_creation_config");
  if (abc != nullptr && abc->IsArray()) {
    abc = abc->At(0);
    abc_pointer += "/0";
  }
  if (abc == nullptr || !abc->IsObject()) return;
  if (const Value* pr = abc->Find("enable_pull_request_preview"); pr != nullptr && pr->IsBool()) {
    app->pull_request_previews = pr->AsBool();
  }
  app->auto_branch_env = EnvOf(in, "", abc->Find("environment_variables"),
                               json::PointerAppend(abc_pointer, "environment_variables"));
}

void PlanBuilder::AddBranch(const Instance& in) {
  Branch b;
  b.display = in.address;
  b.loc = Loc(in);
  b.name = StringAttr(in, "branch_name");
  std::string fw = StringAttr(in, "framework");
  b.framework = fw.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(fw);
  b.compute_role = ResolveRole(in, "compute_role_arn");
  b.env = EnvOf(in, "environment_variables", EnvAttr(in),
                json::PointerAppend(in.values_pointer(), "environment_variables"));
  if (const Value* pr = KnownAttr(in, "enable_pull_request_preview");
      pr != nullptr && pr->IsBool()) {
    b.pull_request_preview = pr->AsBool();
  }
  std::vector<const Instance*> apps;
  refs_.ResolveExpr(refs_.Expression(in, "app_id"), in.module, in.key, &apps);
  for (const auto* a : apps) {
    auto it = app_index_.find(a);
    if (it != app_index_.end()) b.app = it->second;
  }
  if (b.app < 0) b.app = AppByIdSuffix(StringAttr(in, "app_id"));
  int bi = static_cast<int>(scope_->branches.size());
  if (b.app >= 0) scope_->apps[b.app].branches.push_back(bi);
  scope_->branches.push_back(std::move(b));
}

/// The last app whose ARN ends with `app_id` (and is longer), or -1. The apps' ARNs are
/// indexed reversed and sorted, so those ending alike are neighbours.
int PlanBuilder::AppByIdSuffix(const std::string& app_id) {
  if (app_id.empty()) return -1;
  if (apps_by_reversed_arn_.empty()) {
    for (size_t i = 0; i < scope_->apps.size(); ++i) {
      const App& a = scope_->apps[i];
      if (!a.arn.known()) continue;
      apps_by_reversed_arn_.emplace_back(std::string(a.arn.value().rbegin(), a.arn.value().rend()),
                                         static_cast<int>(i));
    }
    std::sort(apps_by_reversed_arn_.begin(), apps_by_reversed_arn_.end());
  }
  const std::string reversed(app_id.rbegin(), app_id.rend());
  int found = -1;
  for (auto it = std::lower_bound(apps_by_reversed_arn_.begin(), apps_by_reversed_arn_.end(),
                                  std::make_pair(reversed, -1));
       it != apps_by_reversed_arn_.end() && it->first.compare(0, reversed.size(), reversed) == 0;
       ++it) {
    if (it->first.size() > reversed.size()) found = std::max(found, it->second);
  }
  return found;
}

/// `environment_variables`: a map (hashicorp/aws), a list of {name, value} (awscc).
const Value* PlanBuilder::EnvAttr(const Instance& in) const {
  return input_.ShapedAttr(in, "environment_variables",
                           IsAwscc(in.type) ? Want::kArray : Want::kObject);
}

/// Environment variables (`attr` of the instance, at `pointer`): a map, or awscc's list of
/// {name, value}. `attr` empty: a nested block's, whose configuration is not looked up.
std::vector<EnvVar> PlanBuilder::EnvOf(const Instance& in, std::string_view attr, const Value* vars,
                                       const std::string& pointer) const {
  std::vector<EnvVar> out;
  const ScopeBuilder::LocateFn locate = [this](const std::string& p, const Value& at) {
    return input_.Loc(p, at.offset());
  };
  if (vars != nullptr && vars->IsArray()) {  // awscc: [{name, value}]
    out = ScopeBuilder::EnvFromList(*vars, pointer, "name", "value", locate);
  } else if (vars != nullptr && vars->IsObject()) {
    out = ScopeBuilder::EnvFromMap(*vars, pointer, locate);
    // Values unknown until apply are left out of a known map; after_unknown names them.
    const Value* unk =
        in.after_unknown != nullptr && !attr.empty() ? in.after_unknown->Find(attr) : nullptr;
    if (unk != nullptr && unk->IsObject()) {
      for (const auto& m : unk->members()) {
        if (!m.value->IsBool() || !m.value->AsBool() || vars->Find(m.key) != nullptr) continue;
        EnvVar e;
        e.name = m.key;
        e.value_known = false;
        e.loc = input_.Loc(json::PointerAppend(pointer, m.key), m.value->offset());
        out.push_back(std::move(e));
      }
    }
  }
  if (!attr.empty()) NoteSources(in, attr, vars, pointer, &out);
  return out;
}

/// Where unknown env values come from, as the configuration shows it: a map's expression
/// lists the references of all its values together, so a value gets its reference when it
/// is the only unknown one and there is one reference; otherwise (or when the whole map is
/// unknown, as Terraform plans a map holding a secret) each reference is an env var whose
/// name is unknown (empty).
void PlanBuilder::NoteSources(const Instance& in, std::string_view attr, const Value* vars,
                              const std::string& pointer, std::vector<EnvVar>* out) const {
  const bool whole_unknown =
      vars == nullptr &&
      (IsUnknown(in.after_unknown, attr) ||
       (in.after_unknown == nullptr && in.values != nullptr && in.values->Find(attr) == nullptr));
  std::vector<EnvVar*> unknown;
  for (auto& e : *out) {
    if (!e.value_known) unknown.push_back(&e);
  }
  if (!whole_unknown && unknown.empty()) return;
  std::vector<std::string> refs =
      refs_.AttributeReferences(refs_.Expression(in, attr), in.module, in.key);
  if (refs.empty()) return;
  if (!whole_unknown && unknown.size() == 1 && refs.size() == 1) {
    unknown[0]->source_reference = refs[0];
    return;
  }
  for (const auto& r : refs) {
    EnvVar e;
    e.value_known = false;
    e.source_reference = r;
    e.loc = input_.Loc(pointer, vars != nullptr ? vars->offset() : in.offset);
    out->push_back(std::move(e));
  }
}

}  // namespace iamlint::plan
