// The one wildcard matcher: IAM patterns (`*` any run, `?` one character) against text, pattern
// against pattern (coverage, overlap), and file-path globs with `**`. Every function here is
// polynomial in its inputs' lengths -- never exponential, whatever the pattern -- so hostile
// policy text or config globs cannot hang a run.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/ascii.h"

namespace iamlint {

/// Matches `text` against a pattern given element by element: `star(i)` / `one(i)` say whether
/// element i is the `*` / `?` wildcard, `same(i, c)` whether the literal element i equals the
/// character `c`. Greedy two-pointer walk with backtracking to the last star: O(|pattern| *
/// |text|) in the worst case, linear in practice, no recursion.
template <class Star, class One, class Same>
bool WildcardMatchWith(size_t size, Star star, One one, Same same, std::string_view text) {
  size_t pi = 0;
  size_t ti = 0;
  size_t last_star = static_cast<size_t>(-1);
  size_t mark = 0;
  while (ti < text.size()) {
    if (pi < size && !star(pi) && (one(pi) || same(pi, text[ti]))) {
      ++pi;
      ++ti;
    } else if (pi < size && star(pi)) {
      last_star = pi++;
      mark = ti;
    } else if (last_star != static_cast<size_t>(-1)) {
      pi = last_star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < size && star(pi)) ++pi;
  return pi == size;
}

/// `pattern` (`*`, `?`) against `text`; `case_insensitive` folds ASCII letters (IAM actions).
bool WildcardMatch(std::string_view pattern, std::string_view text, bool case_insensitive);

/// True when every string `inner` (a pattern) can match is also matched by `outer`, by a
/// sufficient test: `outer` matches `inner` read as text, a `*` of `inner` only under a `*` of
/// `outer` and a `?` of `inner` only under a `?` or `*` ("s3:*" covers "s3:Get*",
/// "s3:*Object" covers "s3:Get*Object"). False answers may be wrong; true ones are not.
bool WildcardCovers(std::string_view outer, std::string_view inner, bool case_insensitive);

/// Whether two patterns can match a common string. Either matching the other is not enough:
/// `arn:aws:s3:::app-*` and `arn:aws:s3:::*-logs` share `arn:aws:s3:::app-logs`. A DP over the
/// two patterns, O(|a| * |b|) time and O(|b|) memory; pairs whose product exceeds
/// kOverlapCells are taken to overlap (the cautious answer).
bool WildcardsOverlap(std::string_view a, std::string_view b, bool case_insensitive = false);
inline constexpr size_t kOverlapCells = size_t{1} << 22;

/// A string both patterns match, when there is one: the shortest kind, each `*` matching as
/// little as the other pattern allows and each `?` facing a `?` read as `x`. For witnesses
/// ("a resource this pattern matches on which the request is refused"). Pairs whose product
/// exceeds kWitnessCells are not tried (returns false).
bool WildcardsCommonString(std::string_view a, std::string_view b, std::string* common);
inline constexpr size_t kWitnessCells = size_t{1} << 18;

/// Matches a `/`-separated path against a glob: `*` and `?` stay within one folder name,
/// `**` (as a whole path segment) matches any number of folders, including none. A pattern
/// without `/` matches the file name in any folder (as in .gitignore). Case-sensitive.
/// A DP over pattern segments x path segments: polynomial, whatever the number of `**`.
bool PathGlobMatches(std::string_view pattern, std::string_view path);

}  // namespace iamlint
