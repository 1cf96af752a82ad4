#include "model/model.h"

#include <algorithm>

namespace iamlint {

const RoleRef& EffectiveComputeRole(const Scope& scope, const Branch& branch) {
  if (branch.compute_role.state != RoleRef::State::kAbsent || branch.app < 0) {
    return branch.compute_role;
  }
  return scope.apps[static_cast<size_t>(branch.app)].compute_role;
}

std::vector<const RoleRef*> EffectiveComputeRoles(const Scope& scope, const App& app) {
  std::vector<const RoleRef*> out;
  if (app.branches.empty()) {
    out.push_back(&app.compute_role);
  } else {
    for (int bi : app.branches) {
      out.push_back(&EffectiveComputeRole(scope, BranchOf(scope, bi)));
    }
  }
  return out;
}

bool IsSsr(const App& app) {
  return app.platform.known() &&
         (app.platform.value() == "WEB_COMPUTE" || app.platform.value() == "WEB_DYNAMIC");
}

namespace {

void VisitDocument(PolicyDocument* d, const std::function<void(Location*)>& f) {
  f(&d->loc);
  for (auto& st : d->statements) f(&st.loc);
  for (auto& p : d->problems) f(&p.loc);
}

template <class T>
void VisitDocument(Known<T>* d, const std::function<void(Location*)>& f) {
  if (d->known()) VisitDocument(&d->mutable_value(), f);
}

void VisitEnv(std::vector<EnvVar>* env, const std::function<void(Location*)>& f) {
  for (auto& e : *env) f(&e.loc);
}

}  // namespace

void ForEachLocation(Scope* scope, const std::function<void(Location*)>& f) {
  for (auto& app : scope->apps) {
    f(&app.loc);
    f(&app.service_role.loc);
    f(&app.compute_role.loc);
    VisitEnv(&app.env, f);
    VisitEnv(&app.auto_branch_env, f);
  }
  for (auto& b : scope->branches) {
    f(&b.loc);
    f(&b.compute_role.loc);
    VisitEnv(&b.env, f);
  }
  for (auto& r : scope->roles) {
    f(&r.loc);
    VisitDocument(&r.trust, f);
    for (auto& g : r.grants) f(&g.loc);
    f(&r.boundary.loc);
  }
  for (auto& p : scope->policies) {
    f(&p.loc);
    VisitDocument(&p.document, f);
  }
  for (auto& d : scope->documents) VisitDocument(&d, f);
  for (auto& t : scope->skip_tags) {
    f(&t.loc);
    f(&t.resource_loc);
  }
  for (auto& d : scope->destroyed) f(&d.loc);
  for (auto& rp : scope->resource_policies) {
    f(&rp.loc);
    VisitDocument(&rp.document, f);
  }
  for (auto& u : scope->users_and_groups) {
    f(&u.loc);
    for (auto& g : u.grants) f(&g.loc);
    f(&u.boundary.loc);
  }
  for (auto& w : scope->workloads) {
    f(&w.loc);
    f(&w.runtime_role.loc);
    f(&w.platform_role.loc);
    f(&w.instance_profile.loc);
    VisitEnv(&w.env, f);
    for (auto& s : w.secrets) f(&s.loc);
    for (auto& c : w.containers) {
      f(&c.loc);
      VisitEnv(&c.env, f);
      for (auto& s : c.secrets) f(&s.loc);
    }
  }
  for (auto& p : scope->instance_profiles) {
    f(&p.loc);
    f(&p.role.loc);
  }
}

namespace {

bool SameRole(const RoleRef& a, const RoleRef& b) {
  return a.state == b.state && a.role == b.role && a.arn == b.arn;
}

/// `base` with the variables of `over` in place of those of the same name, then the rest of
/// `over`: what a branch's code sees (the branch's value wins over the app's).
std::vector<EnvVar> Overlay(const std::vector<EnvVar>& base, const std::vector<EnvVar>& over) {
  std::vector<EnvVar> out;
  for (const EnvVar& e : base) {
    const bool replaced =
        std::any_of(over.begin(), over.end(), [&](const EnvVar& o) { return o.name == e.name; });
    if (!replaced) out.push_back(e);
  }
  out.insert(out.end(), over.begin(), over.end());
  return out;
}

}  // namespace

void AddAmplifyWorkloads(Scope* scope) {
  auto& all = scope->workloads;
  all.erase(
      std::remove_if(all.begin(), all.end(),
                     [](const Workload& w) { return w.platform == Workload::Platform::kAmplify; }),
      all.end());
  auto amplify = [](const std::string& display, const Location& loc, int app) {
    Workload w;
    w.platform = Workload::Platform::kAmplify;
    w.display = display;
    w.loc = loc;
    w.app = app;
    return w;
  };
  for (size_t ai = 0; ai < scope->apps.size(); ++ai) {
    const App& app = scope->apps[ai];
    Workload w = amplify(app.display, app.loc, static_cast<int>(ai));
    w.name = app.name;
    w.arn = app.arn;
    w.platform_role = app.service_role;
    w.env = app.env;
    const std::vector<const RoleRef*> roles = EffectiveComputeRoles(*scope, app);
    w.runtime_roles_differ = std::any_of(
        roles.begin(), roles.end(), [&](const RoleRef* r) { return !SameRole(*r, *roles[0]); });
    if (!w.runtime_roles_differ) w.runtime_role = *roles[0];
    all.push_back(std::move(w));
  }
  for (size_t bi = 0; bi < scope->branches.size(); ++bi) {
    const Branch& b = scope->branches[bi];
    Workload w = amplify(b.display, b.loc, b.app);
    w.runtime_role = EffectiveComputeRole(*scope, b);
    w.branch = static_cast<int>(bi);
    if (b.app >= 0) {
      const App& app = scope->apps[static_cast<size_t>(b.app)];
      w.platform_role = app.service_role;
      w.env = Overlay(app.env, b.env);
    } else {
      w.env = b.env;
    }
    all.push_back(std::move(w));
  }
}

const PlatformInfo& PlatformOf(Workload::Platform p) {
  using P = Workload::Platform;
  static const PlatformInfo kPlatforms[] = {
      {P::kEcs, "ecs", "ECS task definition", "ecs-tasks.amazonaws.com", "task role",
       "task execution role", "code", "container definitions",
       "secrets, logs, image and environment"},
      {P::kLambda, "lambda", "Lambda function", "lambda.amazonaws.com", "execution role", "",
       "code", "environment", "environment variables"},
      {P::kEc2, "ec2", "EC2 instance", "ec2.amazonaws.com", "instance profile role", "", "code",
       "environment", "environment variables"},
      {P::kCodeBuild, "codebuild", "CodeBuild project", "codebuild.amazonaws.com", "service role",
       "", "code", "environment", "environment variables"},
      {P::kAmplify, "amplify", "Amplify app", "amplify.amazonaws.com", "compute role",
       "service role", "server code", "environment", "environment variables"},
  };
  for (const PlatformInfo& info : kPlatforms) {
    if (info.platform == p) return info;
  }
  return kPlatforms[0];  // unreachable: the table has every platform
}

}  // namespace iamlint
