// Building the Amplify part of a template's model: apps and branches, the roles they name,
// their environment variables.
#include "load/cloudformation/builder.h"

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

/// A boolean property: true only when written out as true.
bool ModelBuilder::Flag(const Value* v) const {
  if (v == nullptr) return false;
  Str s = ev_.Resolve(*v, 0);
  return s.exact() && (s.text == "true" || s.text == "True");
}

}  // namespace iamlint::cfn
