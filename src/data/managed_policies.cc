#include "data/managed_policies.h"

#include "data/sorted_lines.h"

#include <algorithm>
#include <string>
#include <vector>

extern "C" const char iamlint_managed_policies_begin[];
extern "C" const char iamlint_managed_policies_end[];

namespace iamlint {
namespace {

/// The embedded table ("ARN<TAB>document" lines, sorted by ARN), searched in place.
const SortedLines& Table() {
  static const SortedLines table(std::string_view(
      iamlint_managed_policies_begin,
      static_cast<size_t>(iamlint_managed_policies_end - iamlint_managed_policies_begin)));
  return table;
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
  const size_t at = Table().LowerBound(key, KeyOf);
  if (at == Table().end()) return std::nullopt;
  std::string_view line = Table().LineAt(at);
  if (KeyOf(line) != key) return std::nullopt;
  return line.substr(line.find('\t') + 1);
}

}  // namespace iamlint
