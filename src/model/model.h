// The format-independent model every loader fills and every rule reads.
//
// A Scope is one Terraform plan, or the one live AWS account that all AWS CLI
// dumps of a run describe together, or one standalone policy file. Scopes are
// never mixed: two plans can both hold `aws_amplify_app.web`.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/location.h"
#include "model/policy.h"

namespace iamlint {

/// What an app or branch says about one of its roles.
struct RoleRef {
  enum class State {
    kAbsent,    // known not to be set
    kUnknown,   // set, but to a value the input does not reveal
    kResolved,  // a role of this scope (`role` is its index)
    kExternal,  // a known ARN of a role this scope does not describe
  };
  State state = State::kAbsent;
  std::string arn;  // when known
  int role = -1;    // index into Scope::roles when kResolved
  Location loc;     // where the reference is written
  /// Index into Scope::destroyed when the ARN names a role this plan destroys (kExternal).
  int destroyed = -1;
};

/// A resource a plan destroys and does not re-create (actions ["delete"]): rules must not
/// count it as existing after apply.
struct Destroyed {
  std::string display;  // Terraform address
  std::string type;     // e.g. "aws_iam_role"
  Known<std::string> arn;
  Known<std::string> name;
  Location loc;  // the resource_changes entry
};

/// A policy: customer managed, AWS managed, or inline.
struct Policy {
  std::string display;  // Terraform address, ARN, or "role/inline-name"
  Known<std::string> arn;
  Known<std::string> name;
  Location loc;
  bool aws_managed = false;
  bool is_inline = false;
  /// Unknown when rendered only at apply, or an AWS managed policy whose text is not at hand.
  Known<PolicyDocument> document;
};

/// A policy granted to a role, and the thing that grants it (inline block,
/// attachment resource, managed_policy_arns entry, RolePolicyList...).
struct Grant {
  int policy = -1;  // index into Scope::policies
  std::string via;  // e.g. "aws_iam_role_policy_attachment.app" or "AttachedManagedPolicies"
  Location loc;     // where the grant is written
  /// `via` names a resource of its own (a Terraform attachment, a CloudFormation
  /// AWS::IAM::Policy) that findings on the grant can name. Set by the loader, which knows.
  bool via_resource = false;
};

/// A policy a role names by ARN for a purpose other than granting (its permissions boundary).
struct PolicyRef {
  enum class State {
    kAbsent,    // known not to be set
    kUnknown,   // set, but to a value the input does not reveal
    kResolved,  // `policy` indexes Scope::policies (whose document may still be unknown)
  };
  State state = State::kAbsent;
  int policy = -1;
  Location loc;  // where the reference is written
};

struct Role {
  std::string display;  // Terraform address or ARN
  Known<std::string> arn;
  Known<std::string> name;
  Location loc;
  Known<PolicyDocument> trust;
  std::vector<Grant> grants;
  /// False when the role may hold grants this scope cannot see (e.g. a bare
  /// `aws iam get-role` dump): then "does not grant X" cannot be concluded.
  bool grants_complete = true;
  /// The role's permissions boundary: the most its identity policies can allow.
  PolicyRef boundary;
};

struct EnvVar {
  std::string name;
  std::string value;        // empty when unknown
  bool value_known = true;  // false for unknown or sensitive plan values
  Location loc;
  /// When the value is unknown but the input shows where it comes from: the Terraform
  /// reference it is set from (e.g. "aws_iam_access_key.deploy.secret"), else empty.
  std::string source_reference;
};

struct Branch {
  std::string display;  // Terraform address or "appId/branch"
  std::string name;     // branch name when known
  int app = -1;         // index into Scope::apps; -1 when the app is not in this scope
  Location loc;
  RoleRef compute_role;
  std::vector<EnvVar> env;
  Known<std::string> framework;
  bool pull_request_preview = false;
};

struct App {
  std::string display;  // Terraform address or appId / ARN
  Known<std::string> name;
  Known<std::string> arn;
  Known<std::string> platform;  // "WEB", "WEB_COMPUTE", "WEB_DYNAMIC"
  Location loc;
  RoleRef service_role;
  RoleRef compute_role;
  std::vector<EnvVar> env;
  std::vector<int> branches;  // indices into Scope::branches
  bool auto_branch_creation = false;
  bool pull_request_previews = false;  // auto-branch config enables PR previews
  /// Env vars of auto-created branches (auto_branch_creation_config).
  std::vector<EnvVar> auto_branch_env;
};

/// An `iamlint:skip` tag (Terraform `tags`, CloudFormation `Tags`) on a resource: its value
/// is "RULE: reason" (or "RULE1,RULE2: reason"); it suppresses those rules' findings on it.
struct SkipTag {
  std::string resource;  // display of the tagged resource (as findings name it)
  std::string value;     // the tag's value, as written
  Location loc;          // where the tag is written
  /// The tagged resource's own location: findings whose related locations lie inside it
  /// (e.g. on the attachment of a tagged policy) are covered too. Empty pointer: by name only.
  Location resource_loc;
};

/// A resource-based policy of this scope: a bucket, queue, topic, key, secret or table policy.
/// (A role's trust policy is kept on the Role.)
struct ResourcePolicy {
  std::string display;     // Terraform address
  std::string service;     // the service of the resource's ARN: "s3", "sqs", "kms", ...
  Known<std::string> arn;  // the resource it is attached to (a bucket's ARN, not its objects')
  Location loc;
  Known<PolicyDocument> document;
};

// ---- IAM users and groups (AWS CLI `get-account-authorization-details`) ----------------
/// An IAM user or group. Like a Role it holds grants (inline and attached managed policies,
/// in Scope::policies, where the policy rules read them); a user may also have a permissions
/// boundary. Groups a user belongs to are not followed: each grant is judged where it is
/// attached.
struct UserOrGroup {
  enum class Kind { kUser, kGroup };
  Kind kind = Kind::kUser;
  std::string display;  // the ARN, or "user/NAME" / "group/NAME" when the dump has none
  Known<std::string> name;
  Location loc;
  std::vector<Grant> grants;
  PolicyRef boundary;  // users only; kAbsent for groups
};
// ---- end of IAM users and groups ------------------------------------------------------

// ---- workloads: code that runs with AWS credentials (Amplify, ECS, Lambda, EC2, CodeBuild) -

/// A secret a workload's platform fetches for it by reference (an ECS container's `secrets`
/// `valueFrom`, a CodeBuild `PARAMETER_STORE` / `SECRETS_MANAGER` variable): the value never
/// appears in the input.
struct SecretRef {
  std::string name;  // the variable it becomes
  /// A Secrets Manager / SSM Parameter ARN, or a parameter name. It may be a pattern over the
  /// values it can take (`*`, `?`) where a template names a secret of its own by `Ref`.
  Known<std::string> value_from;
  Location loc;
};

/// One container of an ECS task definition, as far as the input shows it.
struct Container {
  std::string name;
  Location loc;
  Known<std::string> image;  // `123456789012.dkr.ecr.REGION.amazonaws.com/repo:tag`, `nginx`
  std::vector<EnvVar> env;   // `environment`
  std::vector<SecretRef> secrets;
  /// `logConfiguration.logDriver` (absent: none) and its `options` (`awslogs-group`, ...).
  Known<std::string> log_driver;
  std::vector<std::pair<std::string, std::string>> log_options;
  /// `repositoryCredentials.credentialsParameter`: the secret with a private registry's login.
  Known<std::string> repository_credentials;
};

/// An instance profile (EC2): the role it hands to instances.
struct InstanceProfile {
  std::string display;  // Terraform address, logical ID / construct path, or ARN
  Known<std::string> name;
  Known<std::string> arn;
  Location loc;
  RoleRef role;
};

/// What a workload names where an instance profile is expected (EC2 instances and launch
/// templates).
struct ProfileRef {
  enum class State {
    kAbsent,    // none: the instance runs with no role
    kUnknown,   // set, to a value the input does not reveal
    kResolved,  // an instance profile of this scope (`profile` indexes Scope::instance_profiles)
    kExternal,  // a known name or ARN of a profile this scope does not describe
    kRole,      // refers to a role resource, not an instance profile (`role` indexes roles)
  };
  State state = State::kAbsent;
  std::string name_or_arn;  // when known
  int profile = -1;
  int role = -1;
  Location loc;
};

/// Code that runs with AWS credentials on a platform. `runtime_role` is the role the code
/// runs as (an Amplify branch's effective compute role, the ECS task role, a Lambda
/// function's execution role, the CodeBuild service role; for EC2 the role of
/// `instance_profile`, resolved by the loader when it can be); `platform_role` the role the
/// platform itself uses (the Amplify service role, the ECS task execution role), kAbsent
/// where the platform has none.
///
/// Amplify's workloads are not filled by the loaders: they fill Scope::apps and branches,
/// and AddAmplifyWorkloads adds one workload per app and per branch when loading ends.
struct Workload {
  enum class Platform { kEcs, kLambda, kEc2, kCodeBuild, kAmplify };
  Platform platform = Platform::kEcs;
  std::string display;  // Terraform address, logical ID / construct path, or ARN
  Known<std::string> name;
  Known<std::string> arn;
  Location loc;
  RoleRef runtime_role;
  RoleRef platform_role;
  ProfileRef instance_profile;   // EC2 only
  bool launch_template = false;  // EC2 only: a launch template (its instances run the code)
  /// Plain environment of the code (Lambda `environment.variables`, CodeBuild `PLAINTEXT`
  /// variables); an ECS task's are on its containers.
  std::vector<EnvVar> env;
  std::vector<SecretRef> secrets;     // CodeBuild PARAMETER_STORE / SECRETS_MANAGER variables
  std::vector<Container> containers;  // ECS only
  /// False when the environment or the container definitions are known only at apply: then
  /// "has no X" cannot be concluded from them.
  bool definition_known = true;
  /// ECS only: whether the task definition can run on Fargate (its required compatibilities
  /// name FARGATE), where only the execution role can pull images and write logs; on the EC2
  /// launch type the container instance's role can stand in. Unknown when not shown.
  Known<bool> fargate = Known<bool>::Unknown();
  /// Amplify only: the app (index into Scope::apps) and, for a branch, the branch (index into
  /// Scope::branches; -1 for the app itself). The Amplify detail the AMP rules read (platform,
  /// framework, previews, auto-created branches) is there.
  int app = -1;
  int branch = -1;
  /// Amplify only: an app whose branches run as different compute roles has no one runtime
  /// role (`runtime_role` is kAbsent then): only its branches can be asked about.
  bool runtime_roles_differ = false;
};

/// What iamlint knows of a platform: one entry of a table (model.cc), so that adding a
/// platform is an entry there, its loaders' part and its rules.
struct PlatformInfo {
  Workload::Platform platform;
  const char* id;             // for JSON: "amplify", "ecs", "lambda", "ec2", "codebuild"
  const char* name;           // for messages: "ECS task definition", "Lambda function", ...
  const char* principal;      // the service principal the runtime role must trust
  const char* runtime_role;   // what the runtime role is called: "task role", "execution role"
  const char* platform_role;  // what the platform's own role is called; "" when none
  const char* code;           // what runs as the runtime role: "code", "server code"
  /// The part of a workload's definition its rules read ("container definitions",
  /// "environment"), and what they check in it, for "cannot tell" when it is not shown.
  const char* definition;
  const char* definition_checks;
};
const PlatformInfo& PlatformOf(Workload::Platform p);

/// The platform's name for messages: "ECS task definition", "Lambda function", ...
inline const char* PlatformName(Workload::Platform p) { return PlatformOf(p).name; }
/// What a workload is called in messages: its platform's name, "EC2 launch template" or
/// "Amplify branch".
inline const char* WorkloadNoun(const Workload& w) {
  if (w.launch_template) return "EC2 launch template";
  if (w.branch >= 0) return "Amplify branch";
  return PlatformName(w.platform);
}
/// The service principal a workload's runtime role must trust (`ecs-tasks.amazonaws.com`,
/// `lambda.amazonaws.com`, `ec2.amazonaws.com`, `codebuild.amazonaws.com`).
inline const char* RuntimePrincipal(Workload::Platform p) { return PlatformOf(p).principal; }

// ---- end of workloads ------------------------------------------------------------------

struct Scope {
  enum class Kind { kTerraformPlan, kTerraformState, kAwsAccount, kPolicyFile, kCloudFormation };
  Kind kind = Kind::kTerraformPlan;
  std::string name;  // the file, or "AWS account (N files)"
  std::vector<App> apps;
  std::vector<Branch> branches;
  std::vector<Role> roles;
  std::vector<Policy> policies;
  /// Standalone policy documents (policy files, get-policy-version dumps).
  std::vector<PolicyDocument> documents;
  std::vector<SkipTag> skip_tags;
  std::vector<Destroyed> destroyed;
  std::vector<ResourcePolicy> resource_policies;
  /// IAM users and groups (AWS CLI account scopes only).
  std::vector<UserOrGroup> users_and_groups;
  std::vector<Workload> workloads;
  std::vector<InstanceProfile> instance_profiles;
};

/// The whole picture of one run.
struct Model {
  std::vector<Scope> scopes;
};

/// The policy at `index` in the scope (a Grant's or a resolved PolicyRef's `policy`).
inline const Policy& PolicyOf(const Scope& scope, int index) {
  return scope.policies[static_cast<size_t>(index)];
}

/// The branch at `index` in the scope (an entry of App::branches).
inline const Branch& BranchOf(const Scope& scope, int index) {
  return scope.branches[static_cast<size_t>(index)];
}

/// Effective compute role of a branch: its own when set (or unknown), else the app's.
const RoleRef& EffectiveComputeRole(const Scope& scope, const Branch& branch);

/// The compute roles an app's server code runs with: every branch's effective one, or the
/// app's own when the input shows no branch.
std::vector<const RoleRef*> EffectiveComputeRoles(const Scope& scope, const App& app);

/// Calls `f` on every Location the scope holds (of roles, policies and their documents'
/// statements, grants, apps, branches, env vars, tags...): for a loader that learns where
/// things are written only once the model is built (the Terraform source loader). A field
/// holding a Location added to the model must be visited here.
void ForEachLocation(Scope* scope, const std::function<void(Location*)>& f);

/// Adds to `scope` the workloads of its Amplify apps and branches (see Workload), replacing
/// any added before: each branch runs as its effective compute role, with the app's service
/// role as the platform's and the app's environment under its own; an app runs as the one
/// compute role all its branches share (its own when the input shows no branch).
void AddAmplifyWorkloads(Scope* scope);

/// Whether the app renders on the server (`WEB_COMPUTE`, or the older `WEB_DYNAMIC`).
bool IsSsr(const App& app);

}  // namespace iamlint
