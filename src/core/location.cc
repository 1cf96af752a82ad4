#include "core/location.h"

namespace iamlint {

std::string FormatPlace(const std::string& file, size_t line, size_t column) {
  if (line == 0) return file;
  std::string out = file + ":" + std::to_string(line);
  if (column > 0) out += ":" + std::to_string(column);
  return out;
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

bool ParseSeverity(const std::string& text, Severity* out) {
  if (text == "note") {
    *out = Severity::kNote;
  } else if (text == "warning") {
    *out = Severity::kWarning;
  } else if (text == "error") {
    *out = Severity::kError;
  } else {
    return false;
  }
  return true;
}

}  // namespace iamlint
