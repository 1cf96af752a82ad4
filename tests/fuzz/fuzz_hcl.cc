// libFuzzer target: the HCL native-syntax parser, the bare-template and lone-expression
// parsers, and the Terraform JSON-syntax reader, on arbitrary bytes. Besides not crashing:
// every range lies inside the text and begins before it ends, errors are located inside the
// text, a deep copy dumps the same as the original, and parsing is deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/hcl.h"

namespace {

using iamlint::hcl::Block;
using iamlint::hcl::Body;
using iamlint::hcl::Error;
using iamlint::hcl::Expr;
using iamlint::hcl::File;
using iamlint::hcl::ParsedExpr;
using iamlint::hcl::Range;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckRange(const Range& r, size_t size) {
  Check(r.begin.offset <= r.end.offset && r.end.offset <= size);
  Check(r.begin.line >= 1 && r.begin.column >= 1 && r.begin.line <= r.end.line);
}

void CheckRanges(const Expr& e, size_t size) {
  CheckRange(e.range, size);
  for (const Expr* child : {e.source.get(), e.cond.get(), e.lhs.get(), e.rhs.get()}) {
    if (child != nullptr) CheckRanges(*child, size);
  }
  for (const auto& p : e.parts) CheckRanges(*p, size);
  for (const auto& m : e.members) {
    CheckRanges(*m.key, size);
    CheckRanges(*m.value, size);
  }
}

void CheckExpr(const Expr& e, size_t size) {
  CheckRanges(e, size);
  Check(Dump(*iamlint::hcl::Clone(e)) == Dump(e));
}

void CheckBody(const Body& body, size_t size) {
  CheckRange(body.range, size);
  for (const auto& a : body.attributes) {
    CheckRange(a.range, size);
    CheckExpr(*a.expr, size);
    if (body.from_json) {
      std::vector<Block> blocks;
      Error err;
      JsonBlocks(a, 1, &blocks, &err);  // either way, no crash
    }
  }
  for (const Block& b : body.blocks) {
    CheckRange(b.range, size);
    Check(b.labels.size() == b.label_ranges.size());
    CheckBody(b.body, size);
  }
}

void CheckError(const Error& err, size_t size) {
  Check(err.pos.offset <= size && err.pos.line >= 1 && !err.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  File file;
  Error err;
  if (iamlint::hcl::ParseConfig(text, "f.tf", &file, &err)) {
    CheckBody(file.body, size);
    File again;
    Check(iamlint::hcl::ParseConfig(text, "f.tf", &again, &err));
    Check(again.body.attributes.size() == file.body.attributes.size() &&
          again.body.blocks.size() == file.body.blocks.size());
  } else {
    CheckError(err, size);
  }
  ParsedExpr expr;
  if (iamlint::hcl::ParseTemplate(text, "f.tftpl", &expr, &err)) {
    CheckExpr(*expr.expr, size);
  } else {
    CheckError(err, size);
  }
  if (iamlint::hcl::ParseExpression(text, "f.expr", &expr, &err)) {
    CheckExpr(*expr.expr, size);
  } else {
    CheckError(err, size);
  }
  File json;
  if (iamlint::hcl::ParseJsonConfig(text, "f.tf.json", &json, &err)) {
    CheckBody(json.body, size);
  } else {
    CheckError(err, size);
  }
  return 0;
}
