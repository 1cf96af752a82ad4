// What the AWS CLI dumps of a run say, collected by ARN (collect.cc) before the account is
// built from it (build.cc): each record remembers the file, value and pointer it came from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json/json.h"
#include "load/loaders.h"

namespace iamlint {
namespace aws_cli {

/// The IAM identities a dump describes, with the names the CLI gives their fields.
enum HolderKind { kRole, kUser, kGroup, kHolderKinds };
struct HolderFields {
  const char* noun;         // "role"
  const char* name_key;     // "RoleName"
  const char* inline_list;  // "RolePolicyList"
  const char* detail_list;  // "RoleDetailList" (get-account-authorization-details)
};
constexpr HolderFields kHolder[kHolderKinds] = {
    {"role", "RoleName", "RolePolicyList", "RoleDetailList"},
    {"user", "UserName", "UserPolicyList", "UserDetailList"},
    {"group", "GroupName", "GroupPolicyList", "GroupDetailList"},
};

/// The records of the run's dumps.
struct Dumps {
  struct Located {
    const InputFile* file = nullptr;
    const json::Value* value = nullptr;
    std::string pointer;
  };
  struct Inline {
    Located entry;  // {PolicyName, PolicyDocument}
    std::string name;
  };
  struct Attached {
    Located entry;  // {PolicyName, PolicyArn}
    std::string arn;
    std::string name;
  };
  /// A role, user or group: get-role's Role, or a RoleDetailList/UserDetailList/GroupDetailList
  /// entry.
  struct Holder {
    Located self;
    std::string name;
    bool from_details = false;
    std::vector<Inline> inline_policies;
    std::vector<Attached> attached;
    Located boundary;  // the PermissionsBoundary object; value is nullptr when none
  };
  struct Managed {
    Located entry;     // the Policies entry
    Located document;  // the default version's Document; value is nullptr when not shown
    std::string name;
    double attachments = -1;    // AttachmentCount, -1 when not shown
    double boundary_uses = -1;  // PermissionsBoundaryUsageCount, -1 when not shown
  };
  /// get-role-policy, get-user-policy, get-group-policy: {RoleName, PolicyName, PolicyDocument}.
  struct NamedInline {
    Located root;
    HolderKind kind;
    std::string holder;
    std::string name;
  };
  std::map<std::string, Located> apps;                  // by appArn
  std::map<std::string, Located> branches;              // by branchArn
  std::map<std::string, Holder> holders[kHolderKinds];  // by ARN
  std::map<std::string, std::string> arn_by_name[kHolderKinds];
  std::map<std::string, Managed> managed;  // policy ARN -> Policies entry
  std::vector<NamedInline> named_inline;   // get-*-policy outputs
  std::vector<Located> documents;          // get-policy-version documents
  std::vector<Located> unattributed;       // list-attached-role-policies entries
  // Workloads and instance profiles; a later dump of the same one replaces an earlier one.
  std::map<std::string, Located> task_definitions;  // by taskDefinitionArn
  std::map<std::string, Located> functions;         // Lambda, by FunctionArn
  /// Tags a dump prints beside a workload's object (get-function's `Tags`, the `tags` of
  /// describe-task-definition --include TAGS), by the workload's key above.
  std::map<std::string, Located> tags_beside;
  std::map<std::string, Located> instances;          // EC2, by InstanceId
  std::map<std::string, Located> projects;           // CodeBuild, by arn
  std::map<std::string, Located> instance_profiles;  // by Arn
  size_t files = 0;

  Location Loc(const Located& l) const {
    return Location{l.file->path, l.pointer, l.file->doc.LineOf(l.value->offset())};
  }
};

}  // namespace aws_cli

struct AwsAccountBuilder::Impl : aws_cli::Dumps {};

}  // namespace iamlint
