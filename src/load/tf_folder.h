// Whether a plan has a Terraform configuration folder beside it (for source mapping).
#pragma once

#include <string>

namespace iamlint {

/// True when the folder holds at least one `.tf` file.
bool HasTfFiles(const std::string& dir);

}  // namespace iamlint
