// Stable identities (baseline fingerprints, GitLab Code Quality fingerprints): FNV-1a over
// text, the same on every machine and run.
#pragma once

#include <string>
#include <vector>

namespace iamlint {

/// FNV-1a, 64 bits, over the parts with a NUL after each; 16 lowercase hex digits.
std::string StableHash(const std::vector<std::string>& parts);

}  // namespace iamlint
