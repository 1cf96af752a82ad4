#include "load/tf_folder.h"

#include <filesystem>

namespace iamlint {

bool HasTfFiles(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".tf" && e.is_regular_file(ec)) return true;
  }
  return false;
}

}  // namespace iamlint
