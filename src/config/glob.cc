#include "config/glob.h"

#include <filesystem>
#include <vector>

namespace iamlint {
namespace {

std::vector<std::string_view> Split(std::string_view s) {
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

/// One folder or file name against one pattern segment (`*`, `?`), iteratively.
bool SegmentMatches(std::string_view pat, std::string_view name) {
  size_t p = 0;
  size_t n = 0;
  size_t star = std::string_view::npos;
  size_t mark = 0;
  while (n < name.size()) {
    if (p < pat.size() && (pat[p] == '?' || pat[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

bool Match(const std::vector<std::string_view>& pat, size_t pi,
           const std::vector<std::string_view>& path, size_t ni) {
  // `**` runs try every split; segments are few, so plain recursion stays cheap.
  while (pi < pat.size()) {
    if (pat[pi] == "**") {
      for (size_t k = ni; k <= path.size(); ++k) {
        if (Match(pat, pi + 1, path, k)) return true;
      }
      return false;
    }
    if (ni >= path.size() || !SegmentMatches(pat[pi], path[ni])) return false;
    ++pi;
    ++ni;
  }
  return ni == path.size();
}

}  // namespace

bool PathGlobMatches(std::string_view pattern, std::string_view path) {
  std::vector<std::string_view> pat = Split(pattern);
  std::vector<std::string_view> parts = Split(path);
  if (pattern.find('/') == std::string_view::npos) {
    return !parts.empty() && pat.size() == 1 && SegmentMatches(pat[0], parts.back());
  }
  if (!parts.empty() && parts[0] == ".") parts.erase(parts.begin());
  if (!pat.empty() && pat[0] == ".") pat.erase(pat.begin());
  // `**/**` means `**`: collapsing keeps the search linear in practice.
  std::vector<std::string_view> collapsed;
  for (auto seg : pat) {
    if (seg == "**" && !collapsed.empty() && collapsed.back() == "**") continue;
    collapsed.push_back(seg);
  }
  pat.swap(collapsed);
  return Match(pat, 0, parts, 0);
}

std::string RelativeTo(const std::string& path, const std::string& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path root = fs::absolute(base.empty() ? "." : base, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return abs.generic_string();
  return rel.generic_string();
}

}  // namespace iamlint
