// `iamlint workloads`: every workload of the inputs -- Amplify apps and branches, ECS task
// definitions, Lambda functions, EC2 instances and launch templates, CodeBuild projects -- with
// the role its code runs as, the platform's own role, and whether each trusts the platform.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace iamlint {

struct WorkloadsOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // "text" or "json"
};

/// Lists the workloads. Exit codes: 0, or 2 when an input could not be read (the others are
/// still listed) or on a usage error.
int RunWorkloads(const WorkloadsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace iamlint
