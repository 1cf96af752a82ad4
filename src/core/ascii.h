// ASCII case folding. IAM action names, condition keys and service prefixes compare
// case-insensitively in ASCII; std::tolower is a locale-aware library call per character, and
// action matching against the catalogue does it millions of times on big policies.
#pragma once

namespace iamlint {

constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

}  // namespace iamlint
