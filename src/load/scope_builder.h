// Filling a Scope: the steps every loader takes the same way, whatever its format.
//
// A loader reads its format and decides what each thing is; the ScopeBuilder appends it to
// the Scope so that every loader gives the same answer to the same question:
//   - policies: AddPolicy (returns the index), FindPolicy / PolicyForArn (a policy named by
//     ARN, the AWS managed ones with their bundled documents);
//   - grants: AddGrant, which records whether `via` names a resource of its own;
//   - environment variables: EnvFromMap / EnvFromList (a map {NAME: value}, or a list of
//     {name, value} objects);
//   - ECS containers: ContainerFromJson reads one container definition;

//   - workloads: ProfileRole (the role an EC2 workload runs as, through its instance profile);
//   - `iamlint:skip` tags: SkipTagEntries finds them in a map or a list of {key, value}
//     objects, AddSkipTag records one.
// Locations stay the loader's business (one file or many, a line from a JSON or a YAML
// document): the builder takes them made, or asks a LocateFn for them.
//
// The API is shared by the Terraform, CloudFormation and AWS CLI loaders: keep it stable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json/json.h"
#include "model/model.h"

namespace iamlint {

class ScopeBuilder {
 public:
  /// Fills `scope`, which must outlive the builder. The builder knows only the policies
  /// added through it.
  explicit ScopeBuilder(Scope* scope) : scope_(scope) {}

  Scope& scope() const { return *scope_; }

  // ---- policies ---------------------------------------------------------------------------

  /// Appends `p` to Scope::policies and returns its index. A policy that is not inline and
  /// whose ARN is known is found by that ARN from then on (the first one added wins).
  int AddPolicy(Policy p);

  /// The index of the first policy added under this ARN (see AddPolicy), or -1.
  int FindPolicy(const std::string& arn) const;

  /// A policy the input names by ARN but does not describe, located at `loc` and named after
  /// the ARN's last segment: AWS managed when the ARN is `arn:<partition>:iam::aws:policy/...`
  /// (with its bundled document when iamlint has it, else unknown), else customer managed
  /// with an unknown document. Not added: a loader that knows more (an AWS CLI dump holding
  /// the policy's versions) completes it and calls AddPolicy.
  static Policy PolicyNamedByArn(const std::string& arn, const Location& loc);

  /// FindPolicy(arn) when found, else AddPolicy(PolicyNamedByArn(arn, loc)).
  int PolicyForArn(const std::string& arn, const Location& loc);

  // ---- grants -----------------------------------------------------------------------------

  /// What `via` of a grant names.
  enum class Via {
    kAttribute,  // an attribute, a property or a list of the holder ("inline_policy",
                 // "ManagedPolicyArns", "AttachedManagedPolicies"): findings name the holder
    kResource,   // a resource of its own (a Terraform attachment, a CloudFormation
                 // AWS::IAM::Policy): findings on the grant can name it (Grant::via_resource)
  };

  /// Appends to `grants` (a role's, a user's or a group's) the grant of policy `policy`
  /// through `via`, written at `loc`.
  static void AddGrant(std::vector<Grant>* grants, int policy, std::string via, Via kind,
                       Location loc);

  // ---- environment variables --------------------------------------------------------------

  /// The text of an environment variable's value node (nullptr when the entry has none);
  /// std::nullopt when the value is unknown.
  using ValueText = std::function<std::optional<std::string>(const json::Value* value)>;
  /// The location of the node `at`, written at JSON pointer `pointer`.
  using LocateFn = std::function<Location(const std::string& pointer, const json::Value& at)>;

  /// A string value is known (its text); anything else, or none, is unknown.
  static std::optional<std::string> StringValue(const json::Value* value);
  /// A string as it is, a number or a boolean as JSON writes it (ECS takes `"value": 8080`
  /// too); anything else, or none, is unknown.
  static std::optional<std::string> ScalarValue(const json::Value* value);

  /// Variables of a map {NAME: value} at `pointer`, in order; each is located at its value
  /// (`pointer`/NAME).
  static std::vector<EnvVar> EnvFromMap(const json::Value& map, const std::string& pointer,
                                        const LocateFn& locate,
                                        const ValueText& text = StringValue);

  /// Variables of a list [{name_key: NAME, value_key: value}] at `pointer`, in order; items
  /// without a string name are skipped. Each is located at its item (`pointer`/i).
  static std::vector<EnvVar> EnvFromList(const json::Value& list, const std::string& pointer,
                                         std::string_view name_key, std::string_view value_key,
                                         const LocateFn& locate,
                                         const ValueText& text = StringValue);

  // ---- ECS container definitions ---------------------------------------------------------

  /// One object of an ECS `containerDefinitions` list (the API's shape, which Terraform's
  /// `container_definitions` text and `aws ecs describe-task-definition` share) at `pointer`:
  /// name, image, `environment` [{name, value}], `secrets` [{name, valueFrom}],
  /// `logConfiguration` and `repositoryCredentials`. Each variable and secret is located at
  /// its item (`pointer`/environment/i); parts of the wrong type are left out.
  /// Whether an ECS task definition can run on Fargate, from its list of launch types
  /// (`requiresCompatibilities` and the like): known when the list is absent (EC2 only) or a
  /// list of strings, unknown when it is anything else (a value known only at apply).
  static Known<bool> FargateFrom(const json::Value* launch_types);

  static Container ContainerFromJson(const json::Value& def, const std::string& pointer,
                                     const LocateFn& locate);

  // ---- workloads --------------------------------------------------------------------------

  /// The role an EC2 workload's code runs as, given what it names where an instance profile is
  /// expected: the role of the profile when it is one of this scope; unknown when the profile
  /// is outside the scope or not known; none (kAbsent) when there is no profile, or when a
  /// role is named instead (AWS refuses it: the instance runs without a role). Located at
  /// `profile`'s reference unless it takes the profile's own.
  RoleRef ProfileRole(const ProfileRef& profile) const;

  // ---- `iamlint:skip` tags ----------------------------------------------------------------

  static constexpr std::string_view kSkipTagKey = "iamlint:skip";

  /// An `iamlint:skip` entry of a resource's tags.
  struct TagEntry {
    const json::Value* item;   // the list item {key, value}; for a map, the value itself
    const json::Value* value;  // the tag's value node; nullptr when the item has none
    std::string pointer;       // of the item (a map: of the value)
  };

  /// The `iamlint:skip` entries of `tags` (at `pointer`), in order: the member of a map
  /// {iamlint:skip: value}, or the objects of a list [{key_name: "iamlint:skip", value_name:
  /// value}]. Empty for anything else.
  static std::vector<TagEntry> SkipTagEntries(const json::Value& tags, const std::string& pointer,
                                              std::string_view key_name,
                                              std::string_view value_name);

  /// Records an `iamlint:skip` tag whose value is `value` on the resource findings name
  /// `resource`: written at `loc`, on the resource at `resource_loc` (see SkipTag).
  void AddSkipTag(std::string resource, std::string value, Location loc, Location resource_loc);

 private:
  Scope* scope_;
  std::unordered_map<std::string, int> policy_by_arn_;  // first policy added with an ARN
};

}  // namespace iamlint
