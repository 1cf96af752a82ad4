// `simulate --workload`: which role a workload's code runs as -- an Amplify app's or branch's
// compute role, an ECS task role, a Lambda function's execution role, the role of an EC2
// instance profile, a CodeBuild service role -- found in the inputs by address, ARN or name.
#pragma once

#include <ostream>
#include <string>

#include "load/load.h"

namespace iamlint {

struct RunsAs {
  const Scope* scope = nullptr;
  std::string workload;   // its display (Terraform address, construct path, ARN)
  std::string what;       // "SSR app", "ECS task definition", ...
  std::string role_kind;  // "compute role", "task role", "execution role", ...
  std::string code;       // what runs as that role: "code", "server code"
  /// The role the code runs as: kAbsent (none), kUnknown, kExternal (`arn`) or kResolved.
  RoleRef role;
  /// The platform's own role (Amplify service role, ECS task execution role), where there is
  /// one: permissions there are what the seed's team put in the wrong place.
  RoleRef platform_role;
  std::string platform_role_kind;
};

/// The workload `who` names, in `*found`; false (with a message on `err`) when the inputs hold
/// none or several, or an app whose branches run as different roles (name the branch then).
bool FindWorkload(const LoadResult& loaded, const std::string& who, std::ostream& err,
                  RunsAs* found);

}  // namespace iamlint
