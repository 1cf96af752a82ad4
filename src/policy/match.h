// How IAM matches the elements of a statement, on top of core/wildcard.h (the one wildcard
// matcher): actions case-insensitively, resource ARNs case-sensitively.
#pragma once

#include <string_view>

#include "core/wildcard.h"

namespace iamlint {

/// Case-insensitive IAM action match with `*` and `?` wildcards in `pattern`.
inline bool ActionMatches(std::string_view pattern, std::string_view action) {
  return WildcardMatch(pattern, action, /*case_insensitive=*/true);
}
/// Case-sensitive glob match (`*`, `?`) as IAM uses for resource ARNs.
inline bool GlobMatches(std::string_view pattern, std::string_view text) {
  return WildcardMatch(pattern, text, /*case_insensitive=*/false);
}
/// True when every string `inner` can match is also matched by `outer` (see WildcardCovers).
inline bool GlobCovers(std::string_view outer, std::string_view inner, bool case_insensitive) {
  return WildcardCovers(outer, inner, case_insensitive);
}

}  // namespace iamlint
