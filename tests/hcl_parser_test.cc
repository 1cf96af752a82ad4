// The HCL native-syntax parser: bodies, every expression form, precedence, templates, heredocs,
// ranges and located errors.
#include <string>

#include <gtest/gtest.h>

#include "hcl/hcl.h"

namespace iamlint::hcl {
namespace {

// The expression's S-expression (ast.h Dump), or "error L:C: message".
std::string E(std::string_view text) {
  ParsedExpr out;
  Error err;
  if (!ParseExpression(text, "x.tf", &out, &err)) {
    return "error " + std::to_string(err.pos.line) + ":" + std::to_string(err.pos.column) + ": " +
           err.message;
  }
  return Dump(*out.expr);
}

// The value of attribute `x` in a one-attribute file.
std::string A(const std::string& text) {
  File f;
  Error err;
  if (!ParseConfig(text, "x.tf", &f, &err)) return "error " + err.ToString();
  const Attribute* a = f.body.Find("x");
  return a == nullptr ? "no x" : Dump(*a->expr);
}

// "line:column: message" of the error of a file, or "ok".
std::string Err(std::string_view text) {
  File f;
  Error err;
  if (ParseConfig(text, "x.tf", &f, &err)) return "ok";
  return std::to_string(err.pos.line) + ":" + std::to_string(err.pos.column) + ": " + err.message;
}

TEST(HclParser, Literals) {
  EXPECT_EQ(E("1"), "1");
  EXPECT_EQ(E("1.5e+10"), "1.5e+10");
  EXPECT_EQ(E("123456789012345678901234567890e999"), "123456789012345678901234567890e999");
  EXPECT_EQ(E("true"), "true");
  EXPECT_EQ(E("false"), "false");
  EXPECT_EQ(E("null"), "null");
  EXPECT_EQ(E("\"\""), "(tpl)");
  EXPECT_EQ(E("\"a\""), "(tpl \"a\")");
}

TEST(HclParser, StringEscapes) {
  EXPECT_EQ(E(R"("a\nb\tc\"d\\e\r")"), R"((tpl "a\nb\tc\"d\\e\r"))");
  EXPECT_EQ(E(R"("\u00e9\U0001F600")"), "(tpl \"\xc3\xa9\xf0\x9f\x98\x80\")");
  EXPECT_EQ(E(R"("$${a} %%{b} $ % $$ ")"), R"((tpl "${a} %{b} $ % $$ "))");
  EXPECT_EQ(E(R"("a\qb")"),
            R"(error 1:3: invalid escape `\q` (HCL knows \n \r \t \" \\ \uNNNN \UNNNNNNNN))");
  EXPECT_EQ(E(R"("\u12")"), R"(error 1:2: invalid escape: `\u` takes 4 hexadecimal digits)");
  EXPECT_EQ(E(R"("\uD800")"), "error 1:2: invalid escape: not a Unicode character");
  EXPECT_EQ(E(R"("\U00110000")"), "error 1:2: invalid escape: not a Unicode character");
}

TEST(HclParser, Interpolation) {
  EXPECT_EQ(E(R"("arn:${var.partition}:iam::${local.account}:root")"),
            R"((tpl "arn:" (. var partition) ":iam::" (. local account) ":root"))");
  EXPECT_EQ(E(R"("${var.x}")"), "(tpl (. var x))");
  ParsedExpr out;
  Error err;
  ASSERT_TRUE(ParseExpression(R"("${var.x}")", "x.tf", &out, &err));
  EXPECT_TRUE(out.expr->IsSingleInterpolation());
  ASSERT_TRUE(ParseExpression(R"("a${var.x}")", "x.tf", &out, &err));
  EXPECT_FALSE(out.expr->IsSingleInterpolation());
  // Newlines and nested strings inside a sequence.
  EXPECT_EQ(E("\"${join(\",\",\n [\"a\", \"b\"])}\""),
            R"((tpl (call join (tpl ",") [ (tpl "a") (tpl "b") ])))");
}

TEST(HclParser, TemplateDirectivesAndStripMarkers) {
  EXPECT_EQ(E(R"("%{if a}yes%{else}no%{endif}")"), R"((tpl (%if a (tpl "yes") (tpl "no"))))");
  EXPECT_EQ(E(R"("%{ if a }yes%{ endif }")"), R"((tpl (%if a (tpl "yes"))))");
  EXPECT_EQ(E(R"("%{for k, v in m}${k}=${v},%{endfor}")"),
            R"((tpl (%for k v in m (tpl k "=" v ","))))");
  EXPECT_EQ(E(R"("a  ${~ x ~}  b")"), R"((tpl "a" x "b"))");
  EXPECT_EQ(E(R"("a  %{~ if c ~}  b  %{~ endif ~}  c")"), R"((tpl "a" (%if c (tpl "b")) "c"))");
  EXPECT_EQ(E(R"("%{if a}x")"), "error 1:2: this %{if} has no %{endif}");
  EXPECT_EQ(E(R"("x%{endfor}")"), "error 1:3: %{endfor} without a matching %{for}");
  EXPECT_EQ(E(R"("%{else}")"), "error 1:2: %{else} without a matching %{if}");
  EXPECT_EQ(E(R"("%{while x}")"),
            "error 1:4: expected `if`, `else`, `endif`, `for` or `endfor` after `%{`, found "
            "`while`");
}

TEST(HclParser, Heredocs) {
  EXPECT_EQ(A("x = <<EOT\n  a\n    b\n  EOT\n"), R"((tpl "  a\n    b\n"))");
  EXPECT_EQ(A("x = <<-EOT\n    a\n      b\n    EOT\n"), R"((tpl "a\n  b\n"))");
  // Lines of blanks only do not count towards the common indentation, and keep theirs.
  EXPECT_EQ(A("x = <<-EOT\n    a\n\n  \n    b\nEOT\n"), R"((tpl "a\n\n  \nb\n"))");
  // Any identifier is a marker; a line merely starting with the marker does not end it.
  EXPECT_EQ(A("x = <<POLICY\nPOLICY_X\nPOLICY\n"), R"((tpl "POLICY_X\n"))");
  EXPECT_EQ(A("x = <<EOF\n${a}\n  ${b} c\nEOF\n"), R"((tpl a "\n  " b " c\n"))");
  EXPECT_EQ(A("x = <<-EOF\n    ${a}\n      b\n    EOF\n"), R"((tpl a "\n  b\n"))");
  // A line starting with a sequence has no indentation: nothing is stripped.
  EXPECT_EQ(A("x = <<-EOF\n${a}\n  b\nEOF\n"), R"((tpl a "\n  b\n"))");
  EXPECT_EQ(A("x = <<EOF\nEOF\n"), "(tpl)");
  EXPECT_EQ(A("x = <<EOF\r\na\r\nEOF\r\n"), R"((tpl "a\r\n"))");
  // No backslash escapes in a heredoc, but `$${` still is one.
  EXPECT_EQ(A("x = <<EOF\n\\n $${x}\nEOF\n"), R"((tpl "\\n ${x}\n"))");
  // `~}` trims the rest of its line only; the line after it does not start a line for `<<-`
  // (the newline before it is gone), so it keeps its indentation (as Terraform does).
  EXPECT_EQ(A("x = <<-EOF\n  %{ for s in l ~}\n  ${s}\n  %{ endfor ~}\n  EOF\n"),
            R"((tpl (%for s in l (tpl "  " s "\n"))))");
  EXPECT_EQ(A("x = <<EOF\n%{ for s in l ~}\n\n${s}\n%{ endfor }\nEOF\n"),
            R"((tpl (%for s in l (tpl "\n" s "\n")) "\n"))");
  EXPECT_EQ(A("x = <<EOF\nabc\n"), "error x.tf:1:5: unterminated heredoc: no line `EOF` ends it");
}

TEST(HclParser, Precedence) {
  EXPECT_EQ(E("a || b && c"), "(|| a (&& b c))");
  EXPECT_EQ(E("a && b == c"), "(&& a (== b c))");
  EXPECT_EQ(E("a == b < c"), "(== a (< b c))");
  EXPECT_EQ(E("a < b + c"), "(< a (+ b c))");
  EXPECT_EQ(E("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(E("a * b % c / d"), "(/ (% (* a b) c) d)");
  EXPECT_EQ(E("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(E("!a && -b > c"), "(&& (! a) (> (neg b) c))");
  EXPECT_EQ(E("-a.b[0]"), "(neg ([] (. a b) 0))");
  EXPECT_EQ(E("(a + b) * c"), "(* (paren (+ a b)) c)");
  EXPECT_EQ(E("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(E("a || b ? c + 1 : d"), "(? (|| a b) (+ c 1) d)");
  EXPECT_EQ(E("!!a"), "(! (! a))");
  EXPECT_EQ(E("a >= 1 != b <= 2"), "(!= (>= a 1) (<= b 2))");
}

TEST(HclParser, TraversalsIndexesAndSplats) {
  EXPECT_EQ(E("aws_iam_role.this.arn"), "(. (. aws_iam_role this) arn)");
  EXPECT_EQ(E("module.a[\"k\"].out[0]"), "([] (. ([] (. module a) (tpl \"k\")) out) 0)");
  EXPECT_EQ(E("a.0.b"), "(. (.[] a 0) b)");
  EXPECT_EQ(E("a.0[1]"), "([] (.[] a 0) 1)");
  EXPECT_EQ(E("a.0.1"),  // as Terraform says: "Invalid legacy index syntax"
            "error 1:3: invalid legacy index: only a whole number may follow `.` (write indexes "
            "in brackets, as in `[0][1]`)");
  EXPECT_EQ(E("a[*].b.c"), "([*] a (. (. @ b) c))");
  EXPECT_EQ(E("a[*].b[0]"), "([*] a ([] (. @ b) 0))");
  EXPECT_EQ(E("a.*.b[0]"), "([] (.* a (. @ b)) 0)");
  EXPECT_EQ(E("a[*]"), "([*] a @)");
  EXPECT_EQ(E("a[*].b[*].c"), "([*] ([*] a (. @ b)) (. @ c))");
  EXPECT_EQ(E("f(x)[0].y"), "(. ([] (call f x) 0) y)");
  EXPECT_EQ(E("a[\n  1\n]"), "([] a 1)");
  EXPECT_EQ(E("a.\"b\""), "error 1:3: expected an attribute name after `.`, found a string");
}

TEST(HclParser, FunctionCalls) {
  EXPECT_EQ(E("f()"), "(call f)");
  EXPECT_EQ(E("f(1, 2,)"), "(call f 1 2)");
  EXPECT_EQ(E("concat(a, b...)"), "(call concat a b ...)");
  EXPECT_EQ(E("f(\n  a,\n  b\n)"), "(call f a b)");
  EXPECT_EQ(E("provider::aws::arn_parse(x)"), "(call provider::aws::arn_parse x)");
  EXPECT_EQ(E("f(a..., b)"), "error 1:7: expected `)` after the expanded argument, found `,`");
  EXPECT_EQ(E("f(a b)"), "error 1:5: expected `,` or `)` in the call, found `b`");
}

TEST(HclParser, TuplesAndObjects) {
  EXPECT_EQ(E("[]"), "[ ]");
  EXPECT_EQ(E("[1, \"a\", [true],]"), "[ 1 (tpl \"a\") [ true ] ]");
  EXPECT_EQ(E("[\n  1,\n  2\n]"), "[ 1 2 ]");
  EXPECT_EQ(E("{}"), "{}");
  EXPECT_EQ(E("{ a = 1, \"b\" : 2, (c) = 3, \"${d}\" = 4 }"),
            R"({"a"=1 (tpl "b")=2 (paren c)=3 (tpl d)=4})");
  EXPECT_EQ(E("{\n  a = 1\n  b = 2,\n\n  c = {\n    d = [\n      1,\n    ]\n  }\n}"),
            R"({"a"=1 "b"=2 "c"={"d"=[ 1 ]}})");
  EXPECT_EQ(E("{ a = 1 b = 2 }"),
            "error 1:9: expected a comma or a newline after the object member, found `b`");
  EXPECT_EQ(E("{ a 1 }"), "error 1:5: expected `=` or `:` after the object key, found `1`");
}

TEST(HclParser, ForExpressions) {
  EXPECT_EQ(E("[for s in var.l : upper(s)]"), "(for s in (. var l) : (call upper s) ])");
  EXPECT_EQ(E("[for i, v in l : v if i > 0]"), "(for i v in l : v if (> i 0) ])");
  EXPECT_EQ(E("{for k, v in m : k => v}"), "(for k v in m : k => v })");
  EXPECT_EQ(E("{for u in users : u.role => u.name... if u.on}"),
            "(for u in users : (. u role) => (. u name) ... if (. u on) })");
  EXPECT_EQ(E("{\n  for k, v in m :\n  k => v\n}"), "(for k v in m : k => v })");
  // `for` is an ordinary name where no `for` expression can start.
  EXPECT_EQ(E("[for]"), "[ for ]");
  EXPECT_EQ(E("{for = 1}"), "{\"for\"=1}");
  EXPECT_EQ(E("[for x on l : x]"), "error 1:8: expected `in` in the `for` expression, found `on`");
  EXPECT_EQ(E("{for k in m : k}"),
            "error 1:16: expected `=>` between the key and the value of the object `for`, found "
            "`}`");
}

TEST(HclParser, NewlinesAfterOperatorsAndInsideBrackets) {
  // As in Terraform: an expression continues on the next line only inside brackets.
  EXPECT_EQ(A("x = a &&\n  b\n"), "error x.tf:1:9: expected an expression, found a newline");
  EXPECT_EQ(A("x = c ?\n  a :\n  b\n"), "error x.tf:1:8: expected an expression, found a newline");
  EXPECT_EQ(A("x = [c ?\n  a :\n  b]\n"), "[ (? c a b) ]");
  EXPECT_EQ(A("x = {\n  k = c ?\n  a : b\n}\n"),
            "error x.tf:2:10: expected an expression, found a newline");
  EXPECT_EQ(A("x = {\n  k = f(c,\n  a)\n}\n"), R"({"k"=(call f c a)})");
  EXPECT_EQ(A("x = (\n  c\n  ? a\n  : b\n)\n"), "(paren (? c a b))");
  EXPECT_EQ(Err("x = a\n+ b\n"), "2:1: expected an attribute or a block, found `+`");
}

TEST(HclParser, BodiesAndBlocks) {
  File f;
  Error err;
  const std::string text =
      "# header\n"
      "resource \"aws_iam_role\" \"this\" {\n"
      "  name = \"r\"\n"
      "\n"
      "  dynamic \"inline_policy\" {\n"
      "    for_each = var.p\n"
      "    content {\n"
      "      name = inline_policy.key\n"
      "    }\n"
      "  }\n"
      "}\n"
      "locals {\n  a = 1\n}\n"
      "terraform { required_version = \">= 1.5\" }\n"
      "empty {}\n"
      "provider aws { alias = \"x\" }\n";
  ASSERT_TRUE(ParseConfig(text, "main.tf", &f, &err)) << err.ToString();
  ASSERT_EQ(f.body.blocks.size(), 5u);
  const Block& role = f.body.blocks[0];
  EXPECT_EQ(role.type, "resource");
  EXPECT_EQ(role.labels, (std::vector<std::string>{"aws_iam_role", "this"}));
  ASSERT_EQ(role.body.attributes.size(), 1u);
  EXPECT_EQ(role.body.attributes[0].name, "name");
  ASSERT_EQ(role.body.blocks.size(), 1u);
  const Block& dyn = role.body.blocks[0];
  EXPECT_EQ(dyn.type, "dynamic");
  EXPECT_EQ(dyn.labels, (std::vector<std::string>{"inline_policy"}));
  ASSERT_EQ(dyn.body.blocks.size(), 1u);
  EXPECT_EQ(dyn.body.blocks[0].type, "content");
  EXPECT_EQ(Dump(*dyn.body.blocks[0].body.Find("name")->expr), "(. inline_policy key)");
  EXPECT_EQ(f.body.blocks[1].body.attributes.size(), 1u);
  EXPECT_EQ(f.body.blocks[4].labels, (std::vector<std::string>{"aws"}));
  EXPECT_EQ(f.body.blocks[3].body.attributes.size(), 0u);
}

TEST(HclParser, RangesOfBlocksAttributesAndExpressions) {
  File f;
  Error err;
  const std::string text =
      "resource \"aws_iam_role\" \"r\" {\n"
      "  assume_role_policy = jsonencode({\n"
      "    Version = \"2012-10-17\"\n"
      "  })\n"
      "}\n";
  ASSERT_TRUE(ParseConfig(text, "dir/main.tf", &f, &err));
  const Block& b = f.body.blocks[0];
  EXPECT_EQ(*b.range.file, "dir/main.tf");
  EXPECT_EQ(b.range.begin.line, 1u);
  EXPECT_EQ(b.range.begin.column, 1u);
  EXPECT_EQ(b.range.end.line, 5u);
  EXPECT_EQ(b.range.end.column, 2u);
  EXPECT_EQ(b.range.end.offset, text.size() - 1);
  EXPECT_EQ(b.label_ranges[1].begin.column, 25u);
  EXPECT_EQ(b.label_ranges[1].end.column, 28u);
  const Attribute& a = b.body.attributes[0];
  EXPECT_EQ(a.name_range.begin.line, 2u);
  EXPECT_EQ(a.name_range.begin.column, 3u);
  EXPECT_EQ(a.range.end.line, 4u);
  EXPECT_EQ(a.range.end.column, 5u);
  const Expr& call = *a.expr;
  EXPECT_EQ(call.range.begin.column, 24u);
  const Expr& obj = *call.parts[0];
  EXPECT_EQ(obj.range.begin.line, 2u);
  EXPECT_EQ(obj.range.begin.column, 35u);
  const Expr& version = *obj.members[0].value;
  EXPECT_EQ(version.range.begin.line, 3u);
  EXPECT_EQ(version.range.begin.column, 15u);
  EXPECT_EQ(version.range.begin.offset, text.find("\"2012"));
  EXPECT_EQ(version.parts[0]->range.begin.column, 16u);
}

TEST(HclParser, LocatedSyntaxErrors) {
  EXPECT_EQ(Err("a = \n"), "1:5: expected an expression, found a newline");
  EXPECT_EQ(Err("resource \"a\" \"b\" {\n  x = 1\n"),
            "3:1: expected an attribute, a block or `}`, found end of file");
  EXPECT_EQ(Err("a = 1 b = 2\n"),
            "1:7: expected a newline after the attribute `a`, found `b`: an attribute or a block "
            "ends its line");
  EXPECT_EQ(Err("b {\n  a = 1 }\n"),
            "2:9: expected a newline after the attribute `a`, found `}`: an attribute or a block "
            "ends its line (the `}` closing a block goes on a line of its own)");
  EXPECT_EQ(Err("b { a = 1\n}\n"),
            "1:10: expected `}` after the attribute `a`, found a newline: an attribute on the line "
            "of its block's `{` makes a single-line block, which closes on that line (or move the "
            "attribute to a line of its own)");
  EXPECT_EQ(Err("b { a = 1, c = 2 }\n"),
            "1:10: expected `}` after the attribute `a`, found `,`: a single-line block holds one "
            "attribute only (write more on lines of their own, one per line)");
  EXPECT_EQ(Err("b { c {} }\n").substr(0, 58),
            "1:5: expected an attribute (`name = value`) after `{`: a b");
  EXPECT_EQ(Err("b {} c {}\n"),
            "1:6: expected a newline after the block `b`, found `c`: an attribute or a block ends "
            "its line");
  EXPECT_EQ(Err("}\n"), "1:1: expected an attribute or a block, found `}`");
  EXPECT_EQ(Err("a = 1\na = 2\n"), "2:1: attribute `a` is already set at line 1");
  EXPECT_EQ(Err("block \"${x}\" {}\n"),
            "1:8: a block label is a plain string: it cannot hold `${` or `%{`");
  EXPECT_EQ(Err("a = [1, 2\n"), "2:1: expected `,` or `]` in the tuple, found end of file");
  EXPECT_EQ(Err("a = (1\n"), "2:1: expected `)`, found end of file");
  EXPECT_EQ(Err("a = f(1\n"), "2:1: expected `,` or `)` in the call, found end of file");
  EXPECT_EQ(Err("a = {\n"), "2:1: expected `}` closing the object, found end of file");
  EXPECT_EQ(Err("a = \"x\ny\"\n"),
            "1:5: unterminated string: a quoted string ends on its own line (a heredoc can hold "
            "several lines)");
  EXPECT_EQ(Err("a = \"${x\"\n"), "1:9: expected `}` closing the `${` sequence, found a string");
  EXPECT_EQ(Err("x {\n  a = \"${\n"), "2:8: unterminated template sequence: this `${` has no `}`");
  EXPECT_EQ(Err("a = 1\n/* open\n"), "2:1: unterminated comment: this `/*` has no `*/`");
  EXPECT_EQ(Err("a = b.\n"), "1:7: expected an attribute name after `.`, found a newline");
  EXPECT_EQ(Err("a = 1 +\n"), "1:8: expected an expression, found a newline");
}

TEST(HclParser, EncodingAndOddBytes) {
  EXPECT_EQ(Err("a = 1\nb = \"\xff\"\n"), "2:6: invalid UTF-8: the text must be UTF-8 encoded");
  EXPECT_EQ(Err(std::string("a = 1\n\0", 7)), "2:1: invalid character byte 0x00");
  // NUL bytes inside strings and comments are text.
  EXPECT_EQ(Err(std::string("# \0\na = \"\0\"\n", 11)), "ok");
  EXPECT_EQ(Err("\xef\xbb\xbf"
                "a = 1\n"),
            "ok");  // a byte-order mark
  EXPECT_EQ(Err("a = \"caf\xc3\xa9\"\n"), "ok");
  EXPECT_EQ(Err(""), "ok");
  EXPECT_EQ(Err("\n\n# only a comment"), "ok");
  EXPECT_EQ(Err("a = 1"), "ok");  // no final newline
  EXPECT_EQ(Err("a = 1\r\nb = 2\r\n"), "ok");
}

TEST(HclParser, StandaloneTemplate) {
  ParsedExpr out;
  Error err;
  ASSERT_TRUE(
      ParseTemplate("{\n  \"Arn\": \"${arn}\"%{ if x },%{ endif }\n}\n", "p.tpl", &out, &err));
  EXPECT_EQ(Dump(*out.expr), R"((tpl "{\n  \"Arn\": \"" arn "\"" (%if x (tpl ",")) "\n}\n"))");
  EXPECT_FALSE(ParseTemplate("a ${b", "p.tpl", &out, &err));
  EXPECT_EQ(err.ToString(), "p.tpl:1:3: unterminated template sequence: this `${` has no `}`");
}

}  // namespace
}  // namespace iamlint::hcl
