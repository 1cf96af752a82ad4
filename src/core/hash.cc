#include "core/hash.h"

#include <cstdint>

namespace iamlint {

std::string StableHash(const std::vector<std::string>& parts) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 1099511628211ULL;
  };
  for (const auto& p : parts) {
    for (unsigned char c : p) mix(c);
    mix(0);
  }
  static const char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i) {
    s[static_cast<size_t>(i)] = kDigits[h & 0xF];
    h >>= 4;
  }
  return s;
}

}  // namespace iamlint
