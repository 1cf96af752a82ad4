// libFuzzer target: the JSON parser on arbitrary bytes; accepted documents must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "json/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  iamlint::json::Document doc;
  iamlint::json::ParseError err;
  if (!iamlint::json::Parse(text, &doc, &err)) return 0;
  std::string once = doc.root().Dump();
  iamlint::json::Document again;
  if (!iamlint::json::Parse(once, &again, &err)) std::abort();  // Dump wrote invalid JSON
  if (again.root().Dump() != once) std::abort();                 // not a fixed point
  return 0;
}
