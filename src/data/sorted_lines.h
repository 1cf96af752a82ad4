// Lookups in an embedded table of sorted lines, in place: a binary search over the bytes finds
// the line a key belongs at, so nothing is indexed at start-up (a pre-commit run of a small
// plan looks up a handful of actions in a 2 MB table and must not scan all of it).
#pragma once

#include <cstddef>
#include <string_view>

namespace iamlint {

class SortedLines {
 public:
  explicit SortedLines(std::string_view text) : text_(text) {}

  size_t end() const { return text_.size(); }

  /// The line starting at byte `pos` (without its newline).
  std::string_view LineAt(size_t pos) const {
    size_t nl = text_.find('\n', pos);
    return text_.substr(pos, (nl == std::string_view::npos ? text_.size() : nl) - pos);
  }

  /// The start of the line after the one starting at `pos` (end() after the last).
  size_t Next(size_t pos) const {
    size_t nl = text_.find('\n', pos);
    return nl == std::string_view::npos ? text_.size() : nl + 1;
  }

  /// The start of the first line whose key (by `key_of`) is not less than `key`, or end().
  /// Lines must be sorted by key, byte-wise.
  template <class KeyOf>
  size_t LowerBound(std::string_view key, KeyOf key_of) const {
    size_t lo = 0;  // always a line start
    size_t hi = text_.size();
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      // The line holding byte `mid`: it starts at or after `lo`, since `lo` starts a line.
      size_t start = mid;
      while (start > lo && text_[start - 1] != '\n') --start;
      const size_t next = Next(start);
      if (key_of(LineAt(start)) < key) {
        lo = next;
      } else {
        hi = start;
      }
    }
    return lo;
  }

 private:
  std::string_view text_;
};

}  // namespace iamlint
