// Building the Amplify part of a template's model: apps and branches, the roles they name,
// their environment variables.
#include <optional>

#include "load/cloudformation/builder.h"
#include "load/scope_builder.h"

namespace iamlint::cfn {

using json::Value;

void ModelBuilder::AddApp(const Resource& r) {
  App app;
  app.display = r.display;
  app.loc = Loc(r);
  app.name = NameOf(Eval(Template::Prop(r, "Name")));
  app.arn = Known<std::string>::Unknown();
  const Value* platform = Template::Prop(r, "Platform");
  if (platform == nullptr) {
    app.platform = Known<std::string>::Of("WEB");  // CloudFormation's default
  } else {
    Str p = ev_.Resolve(*platform, 0);
    app.platform = p.exact()                        ? Known<std::string>::Of(p.text)
                   : p.state == Str::State::kAbsent ? Known<std::string>::Of("WEB")
                                                    : Known<std::string>::Unknown();
  }
  app.service_role = RefTo(r, "IAMServiceRole");
  app.compute_role = RefTo(r, "ComputeRoleArn");
  app.env = EnvOf(Template::Prop(r, "EnvironmentVariables"),
                  Template::PropPointer(r, "EnvironmentVariables"));
  if (const Value* abc = Template::Prop(r, "AutoBranchCreationConfig");
      abc != nullptr && abc->IsObject()) {
    app.auto_branch_creation = Flag(abc->Find("EnableAutoBranchCreation"));
    app.pull_request_previews = Flag(abc->Find("EnablePullRequestPreview"));
    app.auto_branch_env =
        EnvOf(abc->Find("EnvironmentVariables"),
              json::PointerAppend(Template::PropPointer(r, "AutoBranchCreationConfig"),
                                  "EnvironmentVariables"));
  }
  app_of_[r.id] = static_cast<int>(scope_->apps.size());
  scope_->apps.push_back(std::move(app));
}

void ModelBuilder::AddBranch(const Resource& r) {
  Branch b;
  b.display = r.display;
  b.loc = Loc(r);
  Str n = Eval(Template::Prop(r, "BranchName"));
  b.name = n.known() ? n.Name("") : "";
  Str a = Eval(Template::Prop(r, "AppId"));
  if (auto it = app_of_.find(a.ref); !a.ref.empty() && it != app_of_.end()) b.app = it->second;
  b.compute_role = RefTo(r, "ComputeRoleArn");
  b.env = EnvOf(Template::Prop(r, "EnvironmentVariables"),
                Template::PropPointer(r, "EnvironmentVariables"));
  if (const Value* fw = Template::Prop(r, "Framework")) {
    Str f = ev_.Resolve(*fw, 0);
    b.framework = f.exact() ? Known<std::string>::Of(f.text) : Known<std::string>::Unknown();
  } else {
    b.framework = Known<std::string>::Absent();
  }
  b.pull_request_preview = Flag(Template::Prop(r, "EnablePullRequestPreview"));
  int idx = static_cast<int>(scope_->branches.size());
  if (b.app >= 0) scope_->apps[static_cast<size_t>(b.app)].branches.push_back(idx);
  scope_->branches.push_back(std::move(b));
}

/// The role property `prop` of `r` names: a role of this template, another account's role
/// (an exact ARN), or unknown; absent when not set.
RoleRef ModelBuilder::RefTo(const Resource& r, const char* prop) const {
  RoleRef ref;
  const Value* v = Template::Prop(r, prop);
  ref.loc = v != nullptr ? t_.Loc(Template::PropPointer(r, prop), v) : Loc(r);
  if (v == nullptr) return ref;  // kAbsent
  Str s = ev_.Resolve(*v, 0);
  if (s.state == Str::State::kAbsent) return ref;
  int idx = RoleNamed(s);
  if (idx >= 0) {
    ref.state = RoleRef::State::kResolved;
    ref.role = idx;
    ref.arn = s.exact() ? s.text : scope_->roles[static_cast<size_t>(idx)].arn.value_or("");
    return ref;
  }
  if (s.exact() && s.text.find('*') == std::string::npos) {
    ref.state = RoleRef::State::kExternal;
    ref.arn = s.text;
    return ref;
  }
  ref.state = RoleRef::State::kUnknown;
  return ref;
}

/// `[{Name, Value}]` environment variables; a value not known exactly is unknown.
std::vector<EnvVar> ModelBuilder::EnvOf(const Value* list, const std::string& pointer) const {
  if (list == nullptr || !list->IsArray()) return {};
  auto locate = [this](const std::string& p, const Value& at) { return t_.Loc(p, &at); };
  auto text = [this](const Value* value) -> std::optional<std::string> {
    Str s = value != nullptr ? ev_.Resolve(*value, 0) : Val("");
    if (!s.exact()) return std::nullopt;
    return s.text;
  };
  return ScopeBuilder::EnvFromList(*list, pointer, "Name", "Value", locate, text);
}

/// A boolean property: true only when written out as true.
bool ModelBuilder::Flag(const Value* v) const {
  if (v == nullptr) return false;
  Str s = ev_.Resolve(*v, 0);
  return s.exact() && (s.text == "true" || s.text == "True");
}

}  // namespace iamlint::cfn
