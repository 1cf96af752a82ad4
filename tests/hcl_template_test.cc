// Template and heredoc string values against Terraform 1.11.4's: each expected value below is
// what `terraform console` printed for the expression (as `base64encode(local.x)`, decoded).
// They pin HCL's rules where a simpler reading goes wrong: a strip marker `~` trims the white
// space (Unicode's, as Go's unicode.IsSpace) of the one literal token next to it, and a
// heredoc's or a template file's literal tokens are single lines, so `%{ for x in l ~}`
// followed by a blank line keeps the blank line; `<<-` removes the indentation common to the
// lines after the strip markers (a line whose leading white space was stripped has none; a
// line of white space only neither counts nor changes; a tab is one character).
#include <string>

#include <gtest/gtest.h>

#include "hcl/hcl.h"
#include "tf/eval.h"
#include "tf_test_resolver.h"

namespace iamlint::tf {
namespace {

struct Case {
  const char* expr;
  const char* terraform;  // the string value Terraform gives
  const char* file;       // a template file the expression reads, or ""
  const char* file_text;
};

// clang-format off
const Case kCases[] = {
    {"<<EOF\n%{ for x in [\"a\", \"b\"] ~}\n\n  ${x}\n%{ endfor }\nEOF",
     "\n  a\n\n  b\n\n",
     "", ""},
    {"<<EOF\n%{ for x in [\"a\", \"b\"] ~}\n${x}\n%{ endfor ~}\nEOF",
     "a\nb\n",
     "", ""},
    {"<<EOF\n%{~ for x in [\"a\", \"b\"] ~}\n  ${x}\n  %{~ endfor ~}\nEOF",
     "  a\n  b\n",
     "", ""},
    {"<<-EOF\n  %{~ for x in [\"a\", \"b\"] ~}\n  [${x}]\n  %{~ endfor ~}\n  EOF",
     "  [a]\n  [b]\n",
     "", ""},
    {"<<-EOF\n    %{ for x in [\"a\", \"b\"] ~}\n    - ${x}\n    %{ endfor ~}\n    EOF",
     "    - a\n    - b\n",
     "", ""},
    {"<<-EOF\n    %{~ for x in [\"a\", \"b\"] }\n    - ${x}\n    %{~ endfor }\n    EOF",
     "\n    - a\n\n    - b\n\n",
     "", ""},
    {"<<-EOF\n    head\n    %{ for x in [\"a\", \"b\"] }\n      ${x}\n    %{ endfor }\n    tail\n    EOF",
     "head\n\n  a\n\n  b\n\ntail\n",
     "", ""},
    {"<<EOF\n%{ if true ~}\n  yes\n%{ else ~}\n  no\n%{ endif ~}\nEOF",
     "  yes\n",
     "", ""},
    {"<<EOF\n%{ if false ~}\n  yes\n%{~ else ~}\n  no\n%{~ endif ~}\nEOF",
     "  no",
     "", ""},
    {"<<EOF\n  %{~ if true }\n  yes\n  %{~ endif }\nEOF",
     "\n  yes\n\n",
     "", ""},
    {"<<-EOF\n\t\ta\n\t\t\tb\n\t\tEOF",
     "a\n\tb\n",
     "", ""},
    {"<<-EOF\n\t a\n  \tb\n  EOF",
     "a\n\tb\n",
     "", ""},
    {"<<-EOF\n    a\n\n    b\n  \n    c\n    EOF",
     "a\n\nb\n  \nc\n",
     "", ""},
    {"<<-EOF\n    a\n  ${\"x\"}\n    b\n    EOF",
     "  a\nx\n  b\n",
     "", ""},
    {"<<-EOF\n    a\n    ${\"x\"} y\n      b\n    EOF",
     "a\nx y\n  b\n",
     "", ""},
    {"<<-EOF\n${\"x\"}\n    a\n    EOF",
     "x\n    a\n",
     "", ""},
    {"<<EOF\n\n\na\n\nEOF",
     "\n\na\n\n",
     "", ""},
    {"<<-EOF\n\n    a\n\n    EOF",
     "\na\n\n",
     "", ""},
    {"<<EOF\n  a ${~ \"b\" ~}   \n\n  c\nEOF",
     "  ab\n  c\n",
     "", ""},
    {"<<EOF\na\n\n   ${~ \"b\"}\nEOF",
     "a\n\nb\n",
     "", ""},
    {"<<EOF\n%{ for x in [\"a\", \"b\"] ~}\n%{ if x == \"a\" ~}\n  A\n%{ else ~}\n  B\n%{ endif ~}\n%{ endfor ~}\nEOF",
     "  A\n  B\n",
     "", ""},
    {"<<EOF\n%{ for i, x in [\"a\", \"b\"] }\n${i}: ${x}\n%{ endfor }\nEOF",
     "\n0: a\n\n1: b\n\n",
     "", ""},
    {"<<-EOF\n  %{ for x in [\"a\", \"b\"] ~}\n    ${x}\n  %{ endfor ~}\n  EOF",
     "    a\n    b\n",
     "", ""},
    {"<<-EOF\n      x\n   %{ for x in [\"a\", \"b\"] ~}\n    ${x}\n   %{~ endfor }\n    EOF",
     "      x\n       a\n    b\n\n",
     "", ""},
    {"<<EOF\n${~ \"a\"}\nEOF",
     "a\n",
     "", ""},
    {"<<EOF\na   \n${~ \"b\" ~}\n   c\nEOF",
     "ab   c\n",
     "", ""},
    {"<<EOF\n%{ if true }a%{ endif ~}\n\n\nb\nEOF",
     "a\n\nb\n",
     "", ""},
    {"<<-EOF\n  ${\"x\"}  ${\"y\"}\n    z\n  EOF",
     "x  y\n  z\n",
     "", ""},
    {"<<-EOF\n    a\n     \n    b\n    EOF",
     "a\n     \nb\n",
     "", ""},
    {"<<-EOF\n  a\n    EOF",
     "a\n",
     "", ""},
    {"<<-EOF\n    a\n  EOF",
     "a\n",
     "", ""},
    {"<<EOF\nEOF",
     "",
     "", ""},
    {"<<-EOF\n\ta\n        b\n  EOF",
     "a\n       b\n",
     "", ""},
    {"<<EOF\n  $${a} %%{b}\nEOF",
     "  ${a} %{b}\n",
     "", ""},
    {"<<-EOF\n  $${a}\n    %%{b}\n  EOF",
     "${a}\n  %{b}\n",
     "", ""},
    {"\"a \\n ${~ \"b\" ~} \\n c\"",
     "abc",
     "", ""},
    {"<<-EOF\n   \302\240a\n   b\n   EOF",
     "\302\240a\nb\n",
     "", ""},
    {"<<EOF\na\302\240${~ \"b\" ~}\302\240c\nEOF",
     "abc\n",
     "", ""},
    {"<<EOF\na\343\200\200\n${~ \"b\"}\nEOF",
     "ab\n",
     "", ""},
    {"<<-EOF\n  a\r\n    b\r\n  EOF",
     "a\r\n  b\r\n",
     "", ""},
    {"<<EOF\n  %{~ for x in [\"a\", \"b\"] ~}\n  ${x},\n  %{~ endfor ~}\nEOF",
     "  a,\n  b,\n",
     "", ""},
    {"<<-EOT\n  {\n    \"Statement\": [\n      %{~ for i, x in [\"a\", \"b\"] ~}\n      %{~ if i > 0 },%{ endif ~}\n      {\"Sid\": \"${x}\"}\n      %{~ endfor ~}\n    ]\n  }\n  EOT",
     "  {\n    \"Statement\": [\n      {\"Sid\": \"a\"}\n,      {\"Sid\": \"b\"}\n    ]\n  }\n",
     "", ""},
    {"templatefile(\"t0.tpl\", {l = [\"a\", \"b\"]})",
     "\n  a\n\n  b\n\n",
     "t0.tpl", "%{ for x in l ~}\n\n  ${x}\n%{ endfor }\n"},
    {"templatefile(\"t1.tpl\", {l = [\"a\", \"b\"]})",
     "  a\n  b\n",
     "t1.tpl", "%{ for x in l ~}\n  ${x}\n  %{~ endfor ~}\n"},
    {"templatefile(\"t2.tpl\", {l = [\"a\", \"b\"]})",
     "a   \n\na\n b\n",
     "t2.tpl", "a   \n\n  ${~ l[0] ~}  \n\n b\n"},
    {"templatefile(\"t3.tpl\", {l = [\"a\", \"b\"]})",
     "\n  yes\n\n",
     "t3.tpl", "%{ if true ~}\n\n  yes\n%{ endif ~}\n\n"},
    {"\"%{ for x in [\"a\",\"b\"] ~} ${x} %{~ endfor }\"",
     "ab",
     "", ""},
    {"\"a\\u00a0 ${~ \"b\" ~} \\t\\n\\r c\"",
     "abc",
     "", ""},
    {"\"a $${x} ${~ \"b\"}\"",
     "a ${x}b",
     "", ""},
    {"\"a \\\\ ${~ \"b\"}\"",
     "a \\b",
     "", ""},
    {"\"a \\n ${~ \"b\"}\"",
     "ab",
     "", ""},
    {"\"${\"b\" ~} $${x} \\n c\"",
     "b${x} \n c",
     "", ""},
    {"<<EOF\n  $${a}   ${~ \"b\"}\nEOF",
     "  ${a}b\n",
     "", ""},
    {"<<EOF\n${\"b\" ~}  %%{a}  \nEOF",
     "b%{a}  \n",
     "", ""},
    {"<<EOF\n${\"b\" ~}  %%{a}  \n  c\nEOF",
     "b%{a}  \n  c\n",
     "", ""},
    {"\"a \\u0020\\u3000 ${~ \"b\" ~} \\u00a0 c\"",
     "abc",
     "", ""},
    {"<<-EOF\n\343\200\200\343\200\200a\n\343\200\200b\n  EOF",
     "\343\200\200a\nb\n",
     "", ""},
    {"<<-EOF\n  \314\201a\n  b\n  EOF",
     "a\nb\n",
     "", ""},
    {"<<-EOF\n \r\n  a\n  EOF",
     " \r\na\n",
     "", ""},
    {"<<EOF\n${\"a\"}${~ \"b\"}\nEOF",
     "ab\n",
     "", ""},
};
// clang-format on

TEST(HclTemplateValues, SameStringsAsTerraform) {
  size_t checked = 0;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.expr);
    testing::TestResolver r;
    if (*c.file != '\0') r.files[c.file] = c.file_text;
    Diagnostics d;
    const Value v = testing::EvalText(&r, c.expr, &d);
    EXPECT_EQ(testing::FirstError(d), "");
    ASSERT_TRUE(v.IsString()) << v.Debug();
    EXPECT_EQ(v.str(), c.terraform);
    ++checked;
  }
  EXPECT_GE(checked, 60u);
}

}  // namespace
}  // namespace iamlint::tf
