// Files iamlint writes (reports, baselines) appear whole or not at all.
#pragma once

#include <string>

namespace iamlint {

/// Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
/// `path`, so readers never see a half-written file. False (with `error`) on failure; the
/// temporary file is removed then.
bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error);

/// True when `a` and `b` name the same existing file (same device and inode).
bool SameFile(const std::string& a, const std::string& b);

}  // namespace iamlint
