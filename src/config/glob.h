// File-path globs for `.iamlint.yaml` (include, exclude, suppression `file`).
#pragma once

#include <string>
#include <string_view>

namespace iamlint {

/// Matches a `/`-separated path against a glob: `*` and `?` stay within one folder name,
/// `**` (as a whole path segment) matches any number of folders, including none. A pattern
/// without `/` matches the file name in any folder (as in .gitignore). Case-sensitive.
bool PathGlobMatches(std::string_view pattern, std::string_view path);

/// `path` relative to the folder `base` (both made absolute and normalised first), with `/`
/// separators; `path` itself (normalised) when it is not inside `base`.
std::string RelativeTo(const std::string& path, const std::string& base);

}  // namespace iamlint
