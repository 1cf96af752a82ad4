#include "core/path.h"

#include <filesystem>

namespace iamlint {
std::string RelativeTo(const std::string& path, const std::string& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path root = fs::absolute(base.empty() ? "." : base, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return abs.generic_string();
  return rel.generic_string();
}

}  // namespace iamlint
