// SAM functions (AWS::Serverless::Function, in templates declaring the SAM transform): Lambda
// workloads whose role is their `Role`, or else the one SAM creates for them -- `<ID>Role`,
// trusting lambda.amazonaws.com (or the function's `AssumeRolePolicyDocument`), holding
// AWSLambdaBasicExecutionRole and what the function's `Policies` list: AWS managed policies
// by name or ARN, policies of the template, inline statements, and SAM policy templates
// (`DynamoDBCrudPolicy: {...}`), whose statements SAM writes and this loader does not: they
// are there with unknown documents, and the role's grants are incomplete. Globals.Function
// fills in what a function does not say (its environment variables merge in).
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "data/managed_policies.h"
#include "load/cloudformation/builder.h"
#include "load/scope_builder.h"

namespace iamlint::cfn {

using json::Value;

namespace {

constexpr const char* kManagedPrefix = "arn:aws:iam::aws:policy/";

/// The ARN SAM gives an AWS managed policy it is handed by name: with the policy's path
/// (`service-role/AWSLambdaBasicExecutionRole`) when iamlint bundles it under one.
std::string ManagedArnOfName(const std::string& name) {
  for (const char* path : {"", "service-role/", "job-function/", "aws-service-role/"}) {
    std::string arn = std::string(kManagedPrefix) + path + name;
    if (ManagedPolicyDocument(arn)) return arn;
  }
  return kManagedPrefix + name;
}

/// The trust policy of the role SAM creates: lambda.amazonaws.com may assume it.
Known<PolicyDocument> LambdaTrust(const Location& at) {
  Statement st;
  st.loc = at;
  st.effect = Effect::kAllow;
  st.actions = {"sts:AssumeRole"};
  st.principal.present = true;
  st.principal.ids["Service"] = {"lambda.amazonaws.com"};
  PolicyDocument doc;
  doc.loc = at;
  doc.version = "2012-10-17";
  doc.statements.push_back(std::move(st));
  return Known<PolicyDocument>::Of(std::move(doc));
}

/// Event sources for which SAM adds policies of its own to the created role.
bool EventAddsPolicies(const std::string& type) {
  static const std::set<std::string> kTypes = {"SQS", "Kinesis",          "DynamoDB",  "MSK",
                                               "MQ",  "SelfManagedKafka", "DocumentDB"};
  return kTypes.count(type) != 0;
}

}  // namespace

/// An AWS::Serverless::Function: a Lambda workload.
void ModelBuilder::AddSamFunction(const Resource& r) {
  Workload w = WorkloadOf(Workload::Platform::kLambda, r, "FunctionName");
  const Value* role = Template::Prop(r, "Role");
  if (role != nullptr && ev_.Resolve(*role, 0).state != Str::State::kAbsent) {
    w.runtime_role = RefTo(r, "Role");
  } else {
    w.runtime_role = SamCreatedRole(r);
  }
  // The function's own variables win over the global ones of the same name.
  std::vector<EnvVar> own =
      FunctionEnv(Template::Prop(r, "Environment"), Template::PropPointer(r, "Environment"), &w);
  for (auto& g : SamGlobalEnv(&w)) {
    const bool overridden =
        std::any_of(own.begin(), own.end(), [&g](const EnvVar& e) { return e.name == g.name; });
    if (!overridden) w.env.push_back(std::move(g));
  }
  for (auto& e : own) w.env.push_back(std::move(e));
  scope_->workloads.push_back(std::move(w));
}

/// `Globals.Function.Environment`'s variables.
std::vector<EnvVar> ModelBuilder::SamGlobalEnv(Workload* w) const {
  const Value* globals = t_.globals();
  const Value* function =
      globals != nullptr && globals->IsObject() ? globals->Find("Function") : nullptr;
  if (function == nullptr || !function->IsObject()) return {};
  return FunctionEnv(function->Find("Environment"), "/Globals/Function/Environment", w);
}

/// The role SAM creates for a function that names none, added to the scope.
RoleRef ModelBuilder::SamCreatedRole(const Resource& r) {
  // A property of the function, or else of Globals.Function (with its pointer).
  const Value* globals = t_.globals();
  const Value* global_fn =
      globals != nullptr && globals->IsObject() ? globals->Find("Function") : nullptr;
  auto prop = [&](const char* name, std::string* pointer) -> const Value* {
    if (const Value* v = Template::Prop(r, name)) {
      *pointer = Template::PropPointer(r, name);
      return v;
    }
    const Value* g =
        global_fn != nullptr && global_fn->IsObject() ? global_fn->Find(name) : nullptr;
    *pointer = json::PointerAppend("/Globals/Function", name);
    return g;
  };
  const Location at = Loc(r);
  Role role;
  role.display = r.id + "Role";  // the logical ID SAM gives it
  role.loc = at;
  role.name = Known<std::string>::Unknown();
  role.arn = Known<std::string>::Unknown();
  const Value* trust = Template::Prop(r, "AssumeRolePolicyDocument");
  role.trust = trust != nullptr
                   ? docs_.Document(trust, Template::PropPointer(r, "AssumeRolePolicyDocument"))
                   : LambdaTrust(at);
  std::string pointer;
  if (const Value* pb = prop("PermissionsBoundary", &pointer))
    role.boundary = Boundary(*pb, pointer);
  auto managed = [&](const std::string& arn, const Location& loc) {
    ScopeBuilder::AddGrant(&role.grants, builder_.PolicyForArn(arn, loc), "ManagedPolicyArns",
                           ScopeBuilder::Via::kAttribute, loc);
  };
  managed(std::string(kManagedPrefix) + "service-role/AWSLambdaBasicExecutionRole", at);
  if (const Value* tracing = prop("Tracing", &pointer)) {
    const Str s = ev_.Resolve(*tracing, 0);
    if (s.exact() && s.text == "Active") {
      managed(std::string(kManagedPrefix) + "AWSXrayWriteOnlyAccess", t_.Loc(pointer, tracing));
    } else if (!s.exact() && s.state != Str::State::kAbsent) {
      role.grants_complete = false;
    }
  }
  if (const Value* vpc = prop("VpcConfig", &pointer)) {
    managed(std::string(kManagedPrefix) + "service-role/AWSLambdaVPCAccessExecutionRole",
            t_.Loc(pointer, vpc));
  }
  if (const Value* policies = Template::Prop(r, "Policies")) SamPolicies(r, *policies, &role);
  // What else SAM grants the role (dead-letter queues, destinations, connectors, the event
  // sources it polls) is not read here: then the role may hold more than the scope shows.
  if (prop("DeadLetterQueue", &pointer) != nullptr ||
      prop("EventInvokeConfig", &pointer) != nullptr ||
      Template::Prop(r, "Connectors") != nullptr) {
    role.grants_complete = false;
  }
  if (const Value* events = Template::Prop(r, "Events")) {
    for (const auto& m : events->members()) {
      const Value* type = m.value->IsObject() ? m.value->Find("Type") : nullptr;
      const Str s = Eval(type);
      if (!s.exact() || EventAddsPolicies(s.text)) role.grants_complete = false;
    }
  }
  for (const auto& id : t_.order()) {
    if (t_.At(id).type == "AWS::Serverless::Connector") role.grants_complete = false;
  }
  RoleRef ref;
  ref.state = RoleRef::State::kResolved;
  ref.role = static_cast<int>(scope_->roles.size());
  ref.loc = at;
  scope_->roles.push_back(std::move(role));
  return ref;
}

/// A SAM function's `Policies` (a list, or one entry alone): each an AWS managed policy's
/// name, a policy ARN or Ref, an inline document (`{Statement: [...]}`), or a policy template.
void ModelBuilder::SamPolicies(const Resource& r, const Value& policies, Role* role) {
  const std::string pointer = Template::PropPointer(r, "Policies");
  if (!IntrinsicName(policies).empty()) {
    // Fn::If over the whole list, say: which policies it holds is not known.
    role->grants_complete = false;
    return;
  }
  auto one = [&](const Value& p, const std::string& at, size_t index) {
    const Location loc = t_.Loc(at, &p);
    if (p.IsString() || !IntrinsicName(p).empty()) {
      Str s = ev_.Resolve(p, 0);
      if (s.state == Str::State::kAbsent) return;
      if (s.exact() && s.text.rfind("arn:", 0) != 0 && s.ref.empty()) {
        s = Val(ManagedArnOfName(s.text));
      }
      const int policy = PolicyNamedBy(s, loc);
      if (policy < 0) {
        role->grants_complete = false;
        return;
      }
      ScopeBuilder::AddGrant(&role->grants, policy, "ManagedPolicyArns",
                             ScopeBuilder::Via::kAttribute, loc);
      return;
    }
    if (!p.IsObject()) {
      t_.Error(&p, at,
               "an entry of `Policies` must be a policy name, an ARN or an object, not " +
                   json::TypeNameWithArticle(p.type()) + "; it was not read");
      role->grants_complete = false;
      return;
    }
    // SAM writes both inline statements and policy templates as inline policies of the role.
    const std::string name = r.id + "RolePolicy" + std::to_string(index);
    Policy policy;
    policy.is_inline = true;
    policy.name = Known<std::string>::Of(name);
    policy.display = role->display + " policy \"" + name + "\"";
    policy.loc = loc;
    if (p.Find("Statement") != nullptr) {
      policy.document = docs_.Document(&p, at);
    } else {
      // A policy template: SAM fills in its statements at deploy.
      policy.document = Known<PolicyDocument>::Unknown();
      if (!p.members().empty()) policy.display += " (" + p.members()[0].key + ")";
      role->grants_complete = false;
    }
    ScopeBuilder::AddGrant(&role->grants, builder_.AddPolicy(std::move(policy)), "Policies",
                           ScopeBuilder::Via::kAttribute, loc);
  };
  if (policies.IsArray()) {
    for (size_t i = 0; i < policies.items().size(); ++i) {
      one(policies.items()[i], json::PointerAppend(pointer, i), i);
    }
  } else {
    one(policies, pointer, 0);
  }
}

}  // namespace iamlint::cfn
