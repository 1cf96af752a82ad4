#include "model/model.h"

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

const PlatformInfo& PlatformOf(Workload::Platform p) {
  using P = Workload::Platform;
  static const PlatformInfo kPlatforms[] = {
      {P::kEcs, "ECS task definition", "ecs-tasks.amazonaws.com", "task role",
       "task execution role"},
      {P::kLambda, "Lambda function", "lambda.amazonaws.com", "execution role", ""},
      {P::kEc2, "EC2 instance", "ec2.amazonaws.com", "instance profile role", ""},
      {P::kCodeBuild, "CodeBuild project", "codebuild.amazonaws.com", "service role", ""},
  };
  for (const PlatformInfo& info : kPlatforms) {
    if (info.platform == p) return info;
  }
  return kPlatforms[0];  // unreachable: the table has every platform
}

}  // namespace iamlint
