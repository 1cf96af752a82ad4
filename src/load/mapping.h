// Memory mappings of big input files: parsed in place, without a copy, their pages given back
// as the parser moves on; a file that shrinks while mapped ends the run with an input error
// (exit code 2) naming it, never a crash by SIGBUS.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace iamlint {

/// A read-only memory mapping of a whole file: big JSON inputs are parsed in place, without
/// a copy, and the pages already parsed are given back as the parser moves on.
class FileMapping {
 public:
  /// Maps the first `size` bytes of the open file `fd` (size > 0); nullptr when the file
  /// cannot be mapped (the caller then reads it). Should the file shrink while mapped (another
  /// process truncating it), touching the lost pages ends the run with exit code 2 and a
  /// message naming `path`, instead of a crash by SIGBUS.
  static std::unique_ptr<FileMapping> Map(int fd, size_t size, const std::string& path);
  ~FileMapping();
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;

  std::string_view bytes() const { return {data_ + skip_, size_ - skip_}; }
  /// Drops the first `n` bytes of bytes() (a byte order mark).
  void DropPrefix(size_t n) { skip_ += n; }
  /// Lets the kernel take back the pages within [begin, end) of bytes(): they stay readable
  /// (read again from the file when touched) but no longer count in the process's memory.
  /// Safe to call from several threads.
  void Release(size_t begin, size_t end) const;

 private:
  FileMapping(char* data, size_t size, int slot) : data_(data), size_(size), slot_(slot) {}
  char* data_;
  size_t size_;
  int slot_;  // in the table the SIGBUS handler reads; -1 when it was full
  size_t skip_ = 0;
};

}  // namespace iamlint
