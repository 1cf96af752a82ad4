// File-path globs for `.iamlint.yaml` (include, exclude, suppression `file`).
#pragma once

#include <string>
#include <string_view>

#include "core/wildcard.h"

namespace iamlint {

// PathGlobMatches (the `**` glob) is core/wildcard.h's, the one wildcard matcher.

/// `path` relative to the folder `base` (both made absolute and normalised first), with `/`
/// separators; `path` itself (normalised) when it is not inside `base`.
std::string RelativeTo(const std::string& path, const std::string& base);

}  // namespace iamlint
