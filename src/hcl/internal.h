// Shared by the native-syntax parser and the JSON-syntax reader (not part of the API).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.h"
#include "hcl/hcl.h"

namespace iamlint::hcl::internal {

/// Offsets -> lines and columns of one text.
class LineTable {
 public:
  explicit LineTable(std::string_view text);
  /// Fast when offsets come mostly in order (as a parser asks for them).
  Pos At(size_t offset) const;

 private:
  std::vector<size_t> starts_;  // offset of the first byte of each line
  mutable size_t last_ = 0;     // index in starts_ of the line found last
};

/// The text [begin, end) of `text` as a bare template (no quotes, no backslash escapes);
/// ranges point into `text` through `lines`.
bool ParseTemplateRange(std::string_view text, size_t begin, size_t end, const std::string* file,
                        const LineTable& lines, const ParseOptions& options, ExprPtr* out,
                        Error* err);

/// Sets the range of `e` and of everything below it.
void SetRanges(Expr* e, const Range& range);

/// "file:line:column" error for `offset`.
Error MakeError(const std::string* file, const LineTable& lines, size_t offset,
                std::string message);

}  // namespace iamlint::hcl::internal
