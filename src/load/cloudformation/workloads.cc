// Building the workloads of a template -- code that runs with AWS credentials: ECS task
// definitions and their containers, Lambda functions, EC2 instances and launch templates with
// the instance profiles they name, CodeBuild projects. SAM functions are in sam.cc.
//
// Unknown stays unknown: a role, a container list or an environment the template does not
// reveal (a parameter without default, Fn::ImportValue, Fn::If over a whole list) is recorded
// as such, never guessed. A property of the wrong type is a located input error and is not
// read; what it would have said is then unknown.
#include <string>
#include <utility>

#include "load/cloudformation/builder.h"
#include "load/scope_builder.h"

namespace iamlint::cfn {

using json::Type;
using json::Value;

namespace {

/// `v`'s value when known exactly; absent when not set (or `AWS::NoValue`); else unknown.
Known<std::string> Exact(const Evaluator& ev, const Value* v) {
  if (v == nullptr) return Known<std::string>::Absent();
  const Str s = ev.Resolve(*v, 0);
  if (s.state == Str::State::kAbsent) return Known<std::string>::Absent();
  return s.exact() ? Known<std::string>::Of(s.text) : Known<std::string>::Unknown();
}

/// Like Exact, but an ARN pattern standing for a resource of the template (a secret's `Ref`:
/// `arn:aws:secretsmanager:*:*:secret:db-??????`) is kept: it covers every value the reference
/// may take.
Known<std::string> ExactOrArnPattern(const Evaluator& ev, const Value* v) {
  if (v == nullptr) return Known<std::string>::Absent();
  const Str s = ev.Resolve(*v, 0);
  if (s.state == Str::State::kAbsent) return Known<std::string>::Absent();
  if (s.exact() || (s.known() && s.text.rfind("arn:", 0) == 0)) {
    return Known<std::string>::Of(s.text);
  }
  return Known<std::string>::Unknown();
}

/// Whether every entry of `list` is an object with a string `key` (a variable's name): an
/// entry that is not (`Fn::If` over an entry, a name from a parameter) is a variable the
/// template does not reveal.
bool AllNamed(const Value& list, const char* key) {
  for (const auto& item : list.items()) {
    const Value* name = item.IsObject() ? item.Find(key) : nullptr;
    if (name == nullptr || !name->IsString()) return false;
  }
  return true;
}

/// `NAME` from the resource's `Tags: [{Key: Name, Value: NAME}]`, the name the EC2 console
/// shows; absent when there is none.
Known<std::string> NameTag(const Evaluator& ev, const Resource& r) {
  const Value* tags = Template::Prop(r, "Tags");
  if (tags == nullptr) return Known<std::string>::Absent();
  if (!tags->IsArray()) return Known<std::string>::Unknown();
  for (const auto& tag : tags->items()) {
    const Value* key = tag.IsObject() ? tag.Find("Key") : nullptr;
    if (key != nullptr && key->IsString() && key->str() == "Name") {
      const Value* value = tag.Find("Value");
      return value != nullptr ? NameOf(ev.Resolve(*value, 0)) : Known<std::string>::Unknown();
    }
  }
  return Known<std::string>::Absent();
}

}  // namespace

/// AWS::IAM::InstanceProfile: the role (`Roles`, which holds one) it hands to instances.
void ModelBuilder::AddInstanceProfile(const Resource& r) {
  InstanceProfile p;
  p.display = r.display;
  p.loc = Loc(r);
  const Str n = Eval(Template::Prop(r, "InstanceProfileName"));
  p.name = n.exact() ? Known<std::string>::Of(n.text) : Known<std::string>::Unknown();
  p.arn = Known<std::string>::Unknown();  // the account is not in the template
  const Value* roles = Template::Prop(r, "Roles");
  const std::string pointer = Template::PropPointer(r, "Roles");
  if (roles == nullptr) {
    p.role.loc = p.loc;  // none
  } else if (Shaped(roles, pointer, Type::kArray, "`Roles` of an instance profile")) {
    p.role = RoleRefAt(roles->At(0), json::PointerAppend(pointer, 0), t_.Loc(pointer, roles));
  } else {
    p.role.state = RoleRef::State::kUnknown;
    p.role.loc = t_.Loc(pointer, roles);
  }
  const auto index = static_cast<int>(scope_->instance_profiles.size());
  profile_of_[r.id] = index;
  if (p.name.known()) profile_by_name_.emplace(p.name.value(), index);
  scope_->instance_profiles.push_back(std::move(p));
}

Workload ModelBuilder::WorkloadOf(Workload::Platform platform, const Resource& r,
                                  const char* name_property) const {
  Workload w;
  w.platform = platform;
  w.display = r.display;
  w.loc = Loc(r);
  w.name = name_property != nullptr ? NameOf(Eval(Template::Prop(r, name_property)))
                                    : Known<std::string>::Unknown();
  w.arn = Known<std::string>::Unknown();
  return w;
}

/// AWS::ECS::TaskDefinition: the task role (what the containers' code runs as), the task
/// execution role (what the ECS agent uses to pull images, write logs and fetch secrets), and
/// the containers.
void ModelBuilder::AddEcsTask(const Resource& r) {
  Workload w = WorkloadOf(Workload::Platform::kEcs, r, "Family");
  w.runtime_role = RefTo(r, "TaskRoleArn");
  w.platform_role = RefTo(r, "ExecutionRoleArn");
  w.fargate = ScopeBuilder::FargateFrom(Template::Prop(r, "RequiresCompatibilities"));
  ReadContainers(r, &w);
  scope_->workloads.push_back(std::move(w));
}

/// `ContainerDefinitions`: a list of container objects. One the template does not reveal
/// (the list, or an entry of it) leaves the definition unknown.
void ModelBuilder::ReadContainers(const Resource& r, Workload* w) const {
  const Value* defs = Template::Prop(r, "ContainerDefinitions");
  const std::string pointer = Template::PropPointer(r, "ContainerDefinitions");
  if (defs == nullptr) return;  // none: a task definition ECS refuses to run, nothing to read
  if (!Shaped(defs, pointer, Type::kArray, "`ContainerDefinitions`")) {
    w->definition_known = false;
    return;
  }
  for (size_t i = 0; i < defs->items().size(); ++i) {
    const Value& def = defs->items()[i];
    const std::string p = json::PointerAppend(pointer, i);
    if (!Shaped(&def, p, Type::kObject, "a container definition")) {
      w->definition_known = false;
      continue;
    }
    w->containers.push_back(ReadContainer(def, p, w));
  }
}

/// One container definition (at `pointer`): its image, environment, secrets by reference,
/// log configuration and private registry credentials.
Container ModelBuilder::ReadContainer(const Value& def, const std::string& pointer,
                                      Workload* w) const {
  Container c;
  c.loc = t_.Loc(pointer, &def);
  const Str name = Eval(def.Find("Name"));
  c.name = name.known() ? name.Name("") : "";
  c.image = Exact(ev_, def.Find("Image"));
  const std::string env_pointer = json::PointerAppend(pointer, "Environment");
  if (const Value* env = def.Find("Environment")) {
    if (Shaped(env, env_pointer, Type::kArray, "`Environment` of a container")) {
      c.env = EnvOf(env, env_pointer);
      if (!AllNamed(*env, "Name")) w->definition_known = false;
    } else {
      w->definition_known = false;
    }
  }
  const std::string secrets_pointer = json::PointerAppend(pointer, "Secrets");
  if (const Value* secrets = def.Find("Secrets")) {
    if (Shaped(secrets, secrets_pointer, Type::kArray, "`Secrets` of a container")) {
      for (size_t i = 0; i < secrets->items().size(); ++i) {
        const Value& s = secrets->items()[i];
        const Value* n = s.IsObject() ? s.Find("Name") : nullptr;
        if (n == nullptr || !n->IsString()) {
          w->definition_known = false;
          continue;
        }
        SecretRef ref;
        ref.name = n->str();
        ref.value_from = ExactOrArnPattern(ev_, s.Find("ValueFrom"));
        if (ref.value_from.absent()) ref.value_from = Known<std::string>::Unknown();
        ref.loc = t_.Loc(json::PointerAppend(secrets_pointer, i), &s);
        c.secrets.push_back(std::move(ref));
      }
    } else {
      w->definition_known = false;
    }
  }
  c.log_driver = Known<std::string>::Absent();
  const std::string log_pointer = json::PointerAppend(pointer, "LogConfiguration");
  if (const Value* log = def.Find("LogConfiguration")) {
    if (Shaped(log, log_pointer, Type::kObject, "`LogConfiguration`")) {
      c.log_driver = Exact(ev_, log->Find("LogDriver"));
      // Options known exactly; one the template does not reveal (`awslogs-region:
      // !Ref AWS::Region`) is left out.
      if (const Value* opts = log->Find("Options"); opts != nullptr && opts->IsObject()) {
        for (const auto& m : opts->members()) {
          const Known<std::string> v = Exact(ev_, m.value.get());
          if (v.known()) c.log_options.emplace_back(m.key, v.value());
        }
      }
    } else {
      c.log_driver = Known<std::string>::Unknown();
    }
  }
  c.repository_credentials = Known<std::string>::Absent();
  const std::string creds_pointer = json::PointerAppend(pointer, "RepositoryCredentials");
  if (const Value* creds = def.Find("RepositoryCredentials")) {
    c.repository_credentials =
        Shaped(creds, creds_pointer, Type::kObject, "`RepositoryCredentials`")
            ? ExactOrArnPattern(ev_, creds->Find("CredentialsParameter"))
            : Known<std::string>::Unknown();
  }
  return c;
}

/// AWS::Lambda::Function: the execution role its code runs as, and `Environment.Variables`.
void ModelBuilder::AddLambda(const Resource& r) {
  Workload w = WorkloadOf(Workload::Platform::kLambda, r, "FunctionName");
  w.runtime_role = RefTo(r, "Role");
  w.env =
      FunctionEnv(Template::Prop(r, "Environment"), Template::PropPointer(r, "Environment"), &w);
  scope_->workloads.push_back(std::move(w));
}

/// A function's `Environment` (at `pointer`): the map of its `Variables`. Either not revealed
/// by the template leaves the workload's definition unknown.
std::vector<EnvVar> ModelBuilder::FunctionEnv(const Value* environment, const std::string& pointer,
                                              Workload* w) const {
  if (environment == nullptr) return {};
  if (!Shaped(environment, pointer, Type::kObject, "`Environment` of a function")) {
    w->definition_known = false;
    return {};
  }
  const Value* vars = environment->Find("Variables");
  const std::string vars_pointer = json::PointerAppend(pointer, "Variables");
  if (vars == nullptr) return {};
  if (!Shaped(vars, vars_pointer, Type::kObject, "`Environment.Variables`")) {
    w->definition_known = false;
    return {};
  }
  return EnvOfMap(*vars, vars_pointer);
}

/// AWS::EC2::Instance (`IamInstanceProfile`: a profile's name) or AWS::EC2::LaunchTemplate
/// (`LaunchTemplateData.IamInstanceProfile`: `{Arn}` or `{Name}`). The code runs as the
/// profile's role.
void ModelBuilder::AddEc2(const Resource& r) {
  Workload w = WorkloadOf(Workload::Platform::kEc2, r, nullptr);
  if (r.type == "AWS::EC2::Instance") {
    w.name = NameTag(ev_, r);
    w.instance_profile = ProfileAt(Template::Prop(r, "IamInstanceProfile"),
                                   Template::PropPointer(r, "IamInstanceProfile"), w.loc);
  } else {
    w.launch_template = true;
    w.name = NameOf(Eval(Template::Prop(r, "LaunchTemplateName")));
    const Value* data = Template::Prop(r, "LaunchTemplateData");
    const std::string data_pointer = Template::PropPointer(r, "LaunchTemplateData");
    const std::string pointer = json::PointerAppend(data_pointer, "IamInstanceProfile");
    const Value* profile = nullptr;
    bool known = data == nullptr;
    if (Shaped(data, data_pointer, Type::kObject, "`LaunchTemplateData`")) {
      profile = data->Find("IamInstanceProfile");
      known = profile == nullptr ||
              Shaped(profile, pointer, Type::kObject, "`IamInstanceProfile` of a launch template");
    }
    if (!known) {
      w.instance_profile.state = ProfileRef::State::kUnknown;
      w.instance_profile.loc =
          t_.Loc(profile != nullptr ? pointer : data_pointer, profile != nullptr ? profile : data);
    } else if (profile == nullptr) {
      w.instance_profile.loc = w.loc;  // none
    } else {
      // The ARN when both are written (EC2 takes one of them).
      const char* field = profile->Find("Arn") != nullptr ? "Arn" : "Name";
      w.instance_profile = ProfileAt(profile->Find(field), json::PointerAppend(pointer, field),
                                     t_.Loc(pointer, profile));
    }
  }
  w.runtime_role = builder_.ProfileRole(w.instance_profile);
  scope_->workloads.push_back(std::move(w));
}

/// What a value `v` (at `pointer`; null: none, located at `unset`) names where an instance
/// profile is expected: a profile of this template (by Ref / GetAtt, or by its name), a role
/// of this template (the EC2002 mistake: `!Ref Role`), a profile outside it, or what cannot
/// be told.
ProfileRef ModelBuilder::ProfileAt(const Value* v, const std::string& pointer,
                                   const Location& unset) const {
  ProfileRef ref;
  ref.loc = v != nullptr ? t_.Loc(pointer, v) : unset;
  if (v == nullptr) return ref;  // kAbsent
  const Str s = ev_.Resolve(*v, 0);
  if (s.state == Str::State::kAbsent) return ref;
  if (s.exact()) ref.name_or_arn = s.text;
  if (!s.ref.empty()) {
    if (auto it = profile_of_.find(s.ref); it != profile_of_.end()) {
      ref.state = ProfileRef::State::kResolved;
      ref.profile = it->second;
      return ref;
    }
    if (auto it = role_of_.find(s.ref); it != role_of_.end()) {
      ref.state = ProfileRef::State::kRole;
      ref.role = it->second;
      return ref;
    }
  }
  if (!s.exact() || s.text.find('*') != std::string::npos) {
    ref.state = ProfileRef::State::kUnknown;
    return ref;
  }
  // A name, or an ARN ending in the name (`arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME`).
  std::string name = s.text;
  if (name.find(":instance-profile/") != std::string::npos) name = name.substr(name.rfind('/') + 1);
  if (auto it = profile_by_name_.find(name); it != profile_by_name_.end()) {
    ref.state = ProfileRef::State::kResolved;
    ref.profile = it->second;
  } else {
    ref.state = ProfileRef::State::kExternal;
  }
  return ref;
}

/// AWS::CodeBuild::Project: the service role the build runs as (an ARN or a name), and
/// `Environment.EnvironmentVariables`.
void ModelBuilder::AddCodeBuild(const Resource& r) {
  Workload w = WorkloadOf(Workload::Platform::kCodeBuild, r, "Name");
  w.runtime_role = RefTo(r, "ServiceRole");
  ReadBuildEnv(r, &w);
  scope_->workloads.push_back(std::move(w));
}

/// `Environment.EnvironmentVariables` [{Name, Value, Type}]: `PLAINTEXT` ones (the default)
/// are plain environment, `PARAMETER_STORE` / `SECRETS_MANAGER` ones secrets fetched by
/// reference. A variable of a type the template does not reveal is no plain text one can
/// judge: its value is unknown.
void ModelBuilder::ReadBuildEnv(const Resource& r, Workload* w) const {
  const Value* env = Template::Prop(r, "Environment");
  const std::string env_pointer = Template::PropPointer(r, "Environment");
  if (env == nullptr) return;
  if (!Shaped(env, env_pointer, Type::kObject, "`Environment` of a project")) {
    w->definition_known = false;
    return;
  }
  const Value* vars = env->Find("EnvironmentVariables");
  const std::string pointer = json::PointerAppend(env_pointer, "EnvironmentVariables");
  if (vars == nullptr) return;
  if (!Shaped(vars, pointer, Type::kArray, "`EnvironmentVariables`")) {
    w->definition_known = false;
    return;
  }
  if (!AllNamed(*vars, "Name")) w->definition_known = false;
  for (size_t i = 0; i < vars->items().size(); ++i) {
    const Value& item = vars->items()[i];
    const Value* name = item.IsObject() ? item.Find("Name") : nullptr;
    if (name == nullptr || !name->IsString()) continue;
    const Location loc = t_.Loc(json::PointerAppend(pointer, i), &item);
    Known<std::string> type = Exact(ev_, item.Find("Type"));
    if (type.absent()) type = Known<std::string>::Of("PLAINTEXT");
    const Value* value = item.Find("Value");
    const Known<std::string> text =
        value != nullptr ? Exact(ev_, value) : Known<std::string>::Of("");
    if (type.known() && (type.value() == "PARAMETER_STORE" || type.value() == "SECRETS_MANAGER")) {
      SecretRef s;
      s.name = name->str();
      s.value_from = text.known() ? text : Known<std::string>::Unknown();
      s.loc = loc;
      w->secrets.push_back(std::move(s));
      continue;
    }
    EnvVar e;
    e.name = name->str();
    e.value_known = type.known() && text.known();
    if (e.value_known) e.value = text.value();
    e.loc = loc;
    w->env.push_back(std::move(e));
  }
}

}  // namespace iamlint::cfn
