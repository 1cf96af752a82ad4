// ASCII case folding. IAM action names, condition keys and service prefixes compare
// case-insensitively in ASCII; std::tolower is a locale-aware library call per character, and
// action matching against the catalogue does it millions of times on big policies.
#pragma once

#include <string_view>

namespace iamlint {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool AsciiEqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace iamlint
