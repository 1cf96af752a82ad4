// `iamlint simulate`: answer "can this role do this?" from the same inputs `check` reads.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace iamlint {

struct SimulateOptions {
  std::vector<std::string> paths;
  std::string principal;  // Terraform address, ARN or role name
  /// Instead of a principal: a workload (Amplify app or branch, ECS task definition, Lambda
  /// function, EC2 instance or launch template, CodeBuild project) whose code's role is asked.
  std::string workload;
  std::string action;
  std::string resource;
  std::vector<std::string> context;  // KEY=VALUE, repeatable
  bool strict_context = false;       // missing keys are absent (as AWS), not unknown
  std::string format = "text";
};

/// Prints the decision and the statements that decided it. Exit codes: 0 allowed, 1 denied,
/// 2 usage or input error, 3 cannot tell (depends on context keys or on policies not shown).
int RunSimulate(const SimulateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace iamlint
