// Where HCL's native syntax wants newlines, against Terraform 1.11.4: each verdict below is what
// `terraform fmt -check` said of the text (accepted, or the line of its first error). Blocks
// are multi-line (the `{` ends its line, each item ends its line, the `}` is on a line of its
// own) or single-line with at most one attribute (`a { x = 1 }`, `a {}`); a newline inside an
// expression is an error but inside ( ), [ ], `${ }` and `for` expressions, and object members
// are separated by commas or newlines.
#include <string>

#include <gtest/gtest.h>

#include "hcl/hcl.h"

namespace iamlint::hcl {
namespace {

struct Case {
  const char* text;
  bool terraform_accepts;
  size_t terraform_line;  // of the first error
};

// clang-format off
const Case kCases[] = {
    {"variable \"b\" {\n  default = \"x\" }\n", false, 2},
    {"resource \"a\" \"b\" { x = 1\n}\n", false, 1},
    {"a { x = 1 y = 2 }\n", false, 1},
    {"a { x = 1, y = 2 }\n", false, 1},
    {"a { b {} }\n", false, 1},
    {"a { x = 1 }\n", true, 0},
    {"a {}\n", true, 0},
    {"a {\n}\n", true, 0},
    {"a {\n  x = 1 + 2 // c\n}\n", true, 0},
    {"a {\n  x = 1 + 2 # c\n}\n", true, 0},
    {"a {\n  x = 1 /* c */ }\n", false, 2},
    {"a {\n  x = 1 /* c\n */\n}\n", true, 0},
    {"a { x = 1 } b {}\n", false, 1},
    {"a { x = 1 }\n b { }\n", true, 0},
    {"a { # c\n x = 1\n}\n", true, 0},
    {"a { /* c */ }\n", true, 0},
    {"a { x = 1 # c\n}\n", false, 1},
    {"a { x = 1 }# c\n", true, 0},
    {"a { x = 1 } # c\n", true, 0},
    {"a {}}\n", false, 1},
    {"a {\n  b {} }\n", false, 2},
    {"a {\n  b { x = 1 }\n}\n", true, 0},
    {"a {\n  b { c {} }\n}\n", false, 2},
    {"x = 1 y = 2\n", false, 1},
    {"x = 1\n", true, 0},
    {"x = 1", true, 0},
    {"a {}", true, 0},
    {"a { x = 1 }", true, 0},
    {"a { x = {\n y = 1 } }\n", true, 0},
    {"a { x = [\n 1 ] }\n", true, 0},
    {"a {\n x = (\n 1 +\n 2 )\n}\n", true, 0},
    {"a {\n x = {\n y = 1, z = 2\n w = 3 }\n}\n", true, 0},
    {"a {\n x = { y = 1\n }\n}\n", true, 0},
    {"a {\n x = [for v in [1] :\n v ]\n}\n", true, 0},
    {"a {\n x = {for k, v in {a=1} :\n k => v }\n}\n", true, 0},
    {"a {\n x = 1 ?\n 2 : 3\n}\n", false, 2},
    {"a {\n x = 1\n ? 2 : 3\n}\n", false, 3},
    {"a {\n x = 1 +\n 2\n}\n", false, 2},
    {"a {\n x = 1\n + 2\n}\n", false, 3},
    {"a {\n x = f(1,\n 2)\n}\n", true, 0},
    {"a {\n x = \"${\n 1 }\"\n}\n", true, 0},
    {"a { x = 1 }\n}\n", false, 2},
    {"a \"l\" { x = 1 }\n", true, 0},
    {"a {\n  x = <<EOF\nhi\nEOF\n}\n", true, 0},
    {"a { x = <<EOF\nhi\nEOF\n}\n", false, 3},
    {"a {\n  x = <<EOF\nhi\nEOF }\n", false, 5},
    {"a {\n x = 1\n}b {}\n", false, 3},
    {"a {\n  x = {} }\n", false, 2},
    {"a {\r\n  x = 1\r\n}\r\n", true, 0},
    {"a { x = 1\r\n}\r\n", false, 1},
    {"a {\n  x = { a = 1, }\n}\n", true, 0},
    {"a {\n  x = { a = 1 b = 2 }\n}\n", false, 2},
    {"a {\n  x = {\n a = 1,\n\n b = 2\n,\n }\n}\n", false, 6},
    {"a {\n  x = [1, 2,]\n}\n", true, 0},
    {"a {\n  x = [\n\n 1\n\n ,\n 2]\n}\n", true, 0},
    {"x = { a = 1 +\n 2 }\n", false, 1},
    {"x = { a = 1\n + 2 }\n", false, 2},
    {"x = { a = true ?\n 1 : 2 }\n", false, 1},
    {"x = [ true ?\n 1 :\n 2 ]\n", true, 0},
    {"x = ( true\n ? 1\n : 2 )\n", true, 0},
    {"x = \"${ true ?\n 1 :\n 2 }\"\n", true, 0},
    {"x = { a = [\n 1 ] }\n", true, 0},
    {"x = { a = (\n 1 ) }\n", true, 0},
    {"x = { a = f(\n 1 ) }\n", true, 0},
    {"x = { a = {\n b = 1 } }\n", true, 0},
    {"x = {\n a\n = 1 }\n", false, 2},
    {"x = {\n a =\n 1 }\n", false, 2},
    {"x = {\n \"a\" = 1 }\n", true, 0},
    {"x = {\n (a) = 1 }\n", true, 0},
    {"x = {\n a: 1 }\n", true, 0},
    {"x = {for k, v in {a=1} :\n k\n =>\n v\n }\n", true, 0},
    {"x = [for v in [1] :\n v\n if\n true\n ]\n", true, 0},
    {"x = {\n a = 1\n\n}\n", true, 0},
    {"x = { a = 1,\n b = 2 }\n", true, 0},
    {"x = {\n a = 1, b = 2,\n c = 3 }\n", true, 0},
    {"x = \n 1\n", false, 1},
    {"x\n = 1\n", false, 1},
    {"a\n{\n}\n", false, 1},
    {"a \"l\"\n{\n}\n", false, 1},
    {"a \"l\" {\n}\n", true, 0},
    {"x = a\n .b\n", false, 2},
    {"x = a.\n b\n", false, 1},
    {"x = a\n [0]\n", false, 2},
    {"x = [a\n .b]\n", true, 0},
    {"x = (a\n [0])\n", true, 0},
    {"x = f(\n 1\n ,\n 2\n )\n", true, 0},
    {"x = f(1, 2\n ...)\n", true, 0},
    {"x = !\n true\n", false, 1},
    {"x = -\n 1\n", false, 1},
    {"x = [\n - 1]\n", true, 0},
    {"x = {\n a = -\n 1 }\n", false, 2},
    {"x = a[*]\n .b\n", false, 2},
    {"x = [a[*]\n .b]\n", true, 0},
    {"x = {\n a = 1 }\n", true, 0},
    {"x = { a = 1 } \n", true, 0},
    {"x = {\n }\n", true, 0},
    {"x = {}\n", true, 0},
    {"x = { a = 1 # c\n b = 2 }\n", true, 0},
    {"x = { a = 1 // c\n , b = 2 }\n", false, 2},
};
// clang-format on

TEST(HclLayout, SameVerdictsAsTerraform) {
  size_t rejected = 0;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.text);
    File f;
    Error err;
    const bool ok = ParseConfig(c.text, "main.tf", &f, &err);
    EXPECT_EQ(ok, c.terraform_accepts) << err.ToString();
    if (ok || c.terraform_accepts) continue;
    ++rejected;
    // An unterminated heredoc is located at its opener (Terraform: at the end of the file).
    if (err.message.rfind("unterminated heredoc", 0) == 0) continue;
    EXPECT_EQ(err.pos.line, c.terraform_line) << err.ToString();
    EXPECT_GT(err.pos.column, 0u);
  }
  EXPECT_GE(rejected, 30u);
}

}  // namespace
}  // namespace iamlint::hcl
