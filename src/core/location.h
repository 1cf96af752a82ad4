// Where things come from, and the three-valued facts iamlint reasons with.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace iamlint {

/// A place in an input file: the file, a JSON pointer (RFC 6901) into its
/// document, and the 1-based line and column (in bytes) where known (0 = unknown).
struct Location {
  std::string file;
  std::string pointer;
  size_t line = 0;
  size_t column = 0;
};

/// "file:line:column", "file:line" or "file", as far as the place is known: how every
/// human-readable output names a place.
std::string FormatPlace(const std::string& file, size_t line, size_t column = 0);
inline std::string FormatPlace(const Location& loc) {
  return FormatPlace(loc.file, loc.line, loc.column);
}

/// A fact that may be known, known to be absent, or unknown (computed at
/// apply time, a reference the input cannot resolve). Rules must not treat
/// unknown as absent: "unknown is not bad".
template <class T>
class Known {
 public:
  enum class State { kAbsent, kUnknown, kKnown };

  Known() = default;
  static Known Absent() { return Known(State::kAbsent); }
  static Known Unknown() { return Known(State::kUnknown); }
  static Known Of(T v) {
    Known k(State::kKnown);
    k.value_ = std::move(v);
    return k;
  }

  State state() const { return state_; }
  bool known() const { return state_ == State::kKnown; }
  bool absent() const { return state_ == State::kAbsent; }
  bool unknown() const { return state_ == State::kUnknown; }
  /// The value; only meaningful when known().
  const T& value() const { return value_; }
  T& mutable_value() { return value_; }
  /// The value when known, else `fallback`.
  T value_or(T fallback) const { return known() ? value_ : std::move(fallback); }

 private:
  explicit Known(State s) : state_(s) {}
  State state_ = State::kAbsent;
  T value_{};
};

/// Severity of a finding, ordered so that a higher value is more severe.
enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

const char* SeverityName(Severity s);
bool ParseSeverity(const std::string& text, Severity* out);

}  // namespace iamlint
