#include "core/wildcard.h"

#include <vector>

namespace iamlint {
namespace {

bool Same(char a, char b, bool ci) { return ci ? AsciiLower(a) == AsciiLower(b) : a == b; }

/// One cell of the overlap DP: whether a[i..] and b[j..] can match a common string, given
/// `at(di, dj)` for the cells (i + di, j + dj) already computed (di, dj in {0, 1}, not both 0).
template <class At>
bool OverlapCell(std::string_view a, std::string_view b, size_t i, size_t j, bool ci, At at) {
  const size_t n = a.size();
  const size_t k = b.size();
  if (i == n && j == k) return true;
  if (i < n && a[i] == '*') return at(1, 0) || (j < k && at(0, 1));
  if (j < k && b[j] == '*') return at(0, 1) || (i < n && at(1, 0));
  return i < n && j < k && (a[i] == '?' || b[j] == '?' || Same(a[i], b[j], ci)) && at(1, 1);
}

std::vector<std::string_view> Segments(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > start) parts.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text, bool case_insensitive) {
  return WildcardMatchWith(
      pattern.size(), [&](size_t i) { return pattern[i] == '*'; },
      [&](size_t i) { return pattern[i] == '?'; },
      [&](size_t i, char c) { return Same(pattern[i], c, case_insensitive); }, text);
}

bool WildcardCovers(std::string_view outer, std::string_view inner, bool case_insensitive) {
  if (outer == "*") return true;
  // outer matched against inner's elements, where a wildcard of inner may only be absorbed by a
  // `*` of outer (a `?` of inner also by a `?` of outer): then whatever inner matches, outer
  // matches too, each inner element's text going to the outer elements aligned with it.
  return WildcardMatchWith(
      outer.size(), [&](size_t i) { return outer[i] == '*'; }, [](size_t) { return false; },
      [&](size_t i, char c) {
        if (outer[i] == '?') return c != '*';
        return c != '*' && c != '?' && Same(outer[i], c, case_insensitive);
      },
      inner);
}

bool WildcardsOverlap(std::string_view a, std::string_view b, bool case_insensitive) {
  const size_t n = a.size();
  const size_t k = b.size();
  if ((n + 1) * (k + 1) > kOverlapCells) return true;
  // row i holds at(i, j): whether a[i..] and b[j..] can match a common string; rows are
  // computed from the end, each from the one below.
  std::vector<char> below(k + 1, 0);
  std::vector<char> row(k + 1, 0);
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = k + 1; j-- > 0;) {
      row[j] =
          OverlapCell(a, b, i, j, case_insensitive,
                      [&](size_t di, size_t dj) { return (di == 0 ? row : below)[j + dj] != 0; })
              ? 1
              : 0;
    }
    row.swap(below);
  }
  return below[0] != 0;
}

namespace {

/// at[i * (k + 1) + j]: whether a[i..] and b[j..] can match a common string (as in
/// WildcardsOverlap, whole table kept for the walk back).
std::vector<char> OverlapTable(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t k = b.size();
  std::vector<char> at((n + 1) * (k + 1), 0);
  auto cell = [&](size_t i, size_t j) -> char& { return at[i * (k + 1) + j]; };
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = k + 1; j-- > 0;) {
      cell(i, j) = OverlapCell(a, b, i, j, /*ci=*/false,
                               [&](size_t di, size_t dj) { return cell(i + di, j + dj) != 0; })
                       ? 1
                       : 0;
    }
  }
  return at;
}

char Literal(char c) { return c == '?' ? 'x' : c; }

}  // namespace

bool WildcardsCommonString(std::string_view a, std::string_view b, std::string* common) {
  const size_t n = a.size();
  const size_t k = b.size();
  if ((n + 1) * (k + 1) > kWitnessCells) return false;
  const std::vector<char> at = OverlapTable(a, b);
  auto cell = [&](size_t i, size_t j) { return at[i * (k + 1) + j] != 0; };
  if (!cell(0, 0)) return false;
  common->clear();
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < k) {
    if (i < n && a[i] == '*') {
      if (cell(i + 1, j)) {
        ++i;  // a's star matches nothing more
      } else {
        if (b[j] != '*') common->push_back(Literal(b[j]));  // a's star takes b's element
        ++j;
      }
    } else if (j < k && b[j] == '*') {
      if (cell(i, j + 1)) {
        ++j;
      } else {
        common->push_back(Literal(a[i]));
        ++i;
      }
    } else {
      common->push_back(a[i] != '?' ? a[i] : Literal(b[j]));
      ++i;
      ++j;
    }
  }
  return true;
}

bool PathGlobMatches(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pat = Segments(pattern);
  std::vector<std::string_view> parts = Segments(path);
  auto segment = [](std::string_view p, std::string_view name) {
    return WildcardMatch(p, name, /*case_insensitive=*/false);
  };
  if (pattern.find('/') == std::string_view::npos) {
    return !parts.empty() && pat.size() == 1 && segment(pat[0], parts.back());
  }
  if (!parts.empty() && parts[0] == ".") parts.erase(parts.begin());
  if (!pat.empty() && pat[0] == ".") pat.erase(pat.begin());
  // at(i, j): whether pat[i..] matches parts[j..]; rows from the end, each from the one below.
  const size_t n = parts.size();
  std::vector<char> below(n + 1, 0);
  std::vector<char> row(n + 1, 0);
  below[n] = 1;  // the empty pattern matches the empty rest only
  for (size_t i = pat.size(); i-- > 0;) {
    for (size_t j = n + 1; j-- > 0;) {
      bool v = false;
      if (pat[i] == "**") {
        v = below[j] || (j < n && row[j + 1]);  // none more, or one folder more
      } else if (j < n) {
        v = below[j + 1] && segment(pat[i], parts[j]);
      }
      row[j] = v ? 1 : 0;
    }
    row.swap(below);
  }
  return below[0] != 0;
}

}  // namespace iamlint
