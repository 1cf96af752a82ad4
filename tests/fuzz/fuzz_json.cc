// libFuzzer target: the JSON parser on arbitrary bytes. Accepted documents must round-trip,
// and parsing through a filter (which validates dropped parts without building them) must
// give the same verdict, the same located error, and the same lines for what it keeps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json/json.h"

namespace {

using iamlint::json::Document;
using iamlint::json::ParseError;
using iamlint::json::ParseFilter;
using iamlint::json::ParseOptions;
using iamlint::json::Value;

// Drops every object and array below the root unread.
class DropAll : public ParseFilter {
 public:
  int Root() const override { return 1; }
  int Enter(int, std::string_view) const override { return kDrop; }
  int Member(int state, std::string_view, const Value&) const override { return state; }
};

// Asks about everything; drops objects at a scalar member whose key starts like its value
// (so that some are kept, some dropped after being probed or partly built).
class DropSome : public ParseFilter {
 public:
  int Root() const override { return 1; }
  int Enter(int, std::string_view key) const override {
    return !key.empty() && key[0] == 'k' ? kAll : 1;
  }
  int Member(int state, std::string_view key, const Value& value) const override {
    if (key.empty()) return kDrop;
    if (value.IsString() && !value.str().empty() && value.str()[0] == key[0]) return kAll;
    return key[0] == 'd' ? kDrop : state;
  }
};

// Lines and columns of every value of `kept` are those the full parse gives.
void CheckLines(const Value& v, const Document& kept, const Document& full) {
  if (kept.LineOf(v.offset()) != full.LineOf(v.offset()) ||
      kept.lines().ColumnOf(v.offset()) != full.lines().ColumnOf(v.offset())) {
    std::abort();
  }
  for (const auto& item : v.items()) CheckLines(item, kept, full);
  for (const auto& m : v.members()) CheckLines(*m.value, kept, full);
}

// On one thread, then on two (the second validating from the middle on).
void CheckFiltered(std::string_view text, bool ok, const ParseError& err, const Document& full,
                   const ParseFilter& filter) {
  std::string one_thread;
  for (bool parallel : {false, true}) {
    ParseOptions options;
    options.filter = &filter;
    options.parallel = parallel;
    options.parallel_from = 0;
    Document doc;
    ParseError e;
    const bool filtered_ok = Parse(text, &doc, &e, options);
    if (filtered_ok != ok || e.message != err.message || e.offset != err.offset ||
        e.line != err.line || e.column != err.column) {
      std::abort();  // a dropped part judged otherwise, or an error located otherwise
    }
    if (!ok) continue;
    CheckLines(doc.root(), doc, full);
    if (!parallel) {
      one_thread = doc.root().Dump();
    } else if (doc.root().Dump() != one_thread) {
      std::abort();  // the second thread changed what is kept
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Document doc;
  ParseError err;
  const bool ok = iamlint::json::Parse(text, &doc, &err);
  CheckFiltered(text, ok, err, doc, DropAll());
  CheckFiltered(text, ok, err, doc, DropSome());
  if (!ok) return 0;
  std::string once = doc.root().Dump();
  Document again;
  if (!iamlint::json::Parse(once, &again, &err)) std::abort();  // Dump wrote invalid JSON
  if (again.root().Dump() != once) std::abort();                // not a fixed point
  return 0;
}
