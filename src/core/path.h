// File-system paths as iamlint shows them: relative to a folder, with `/` separators.
#pragma once

#include <string>

namespace iamlint {

/// `path` relative to the folder `base` (both made absolute and normalised first), with `/`
/// separators; `path` itself (normalised) when it is not inside `base`.
std::string RelativeTo(const std::string& path, const std::string& base);

}  // namespace iamlint
