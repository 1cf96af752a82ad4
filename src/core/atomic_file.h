// Files iamlint writes (reports, baselines): they appear whole or not at all, and writing one
// never replaces what the user did not mean to replace.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace iamlint {

/// Writes `content` to the output file `path`, as a user expects of `-o FILE`:
/// - no file yet, or a regular file: written to a temporary file beside it, flushed to disk
///   and renamed over it, so readers never see a half-written file; a replaced file keeps its
///   permission bits (0777 part of its mode);
/// - a symbolic link: followed, the file it points at is replaced and the link stays;
/// - a character device or a FIFO (/dev/null, /dev/stdout on a terminal or a pipe, a shell's
///   process substitution): written through, never replaced;
/// - a file reached through /proc or /dev/fd (e.g. /dev/stdout when standard output is
///   redirected to a file): appended to through that link, as the shell opened it;
/// - a directory, a block device or a socket: refused.
/// False (with `error`) on failure, a write error included (/dev/full); a temporary file is
/// removed then.
bool WriteOutputFile(const std::string& path, const std::string& content, std::string* error);

/// True when `a` and `b` name the same existing file (same device and inode).
bool SameFile(const std::string& a, const std::string& b);

/// Files that must not be written over (inputs, the configuration, the baseline), by device
/// and inode, each with what it is ("an input", "the configuration file").
class ProtectedFiles {
 public:
  /// Adds `path` when it names an existing regular file.
  void Add(const std::string& path, const std::string& what);
  /// What the output `path` would overwrite, or null when it is none of them. A target that
  /// is not a regular file (/dev/null, a terminal, a pipe) overwrites nothing.
  const std::string* Overwrites(const std::string& path) const;

 private:
  struct Entry {
    dev_t dev;
    ino_t ino;
    std::string what;
  };
  std::vector<Entry> entries_;
};

}  // namespace iamlint
