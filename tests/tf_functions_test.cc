// Terraform's built-in functions as iamlint evaluates them (src/tf/functions*.cc): the
// documented examples of Terraform's function reference (as input/output facts), unknown
// arguments (an unknown result, origins kept), and the errors Terraform reports too.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tf/eval.h"
#include "tf/functions.h"
#include "tf_test_resolver.h"

namespace iamlint::tf {
namespace {

using testing::EvalText;
using testing::FirstError;
using testing::FirstNote;
using testing::TestResolver;

struct Case {
  const char* expr;
  const char* want;  // Debug text, or "error: MESSAGE"
};

class TfFunctions : public ::testing::Test {
 protected:
  void SetUp() override {
    r.vars["u"] = Value::Unknown();
    r.vars["name"] = Value::String("web");
    r.vars["tags"] = Value::Map({{"team", Value::String("core")}, {"env", Value::String("dev")}});
    r.files["./backends.tftpl"] =
        "%{ for addr in ip_addrs ~}\nbackend ${addr}:${port}\n%{ endfor ~}\n";
    r.files["policy.json.tftpl"] = "${jsonencode({Resource = arns})}";
    r.files["hello.txt"] = "Hello World";
    r.files["bad.tftpl"] = "${";
    r.files["vars.tftpl"] = "${var.name}";
    r.files["nested.tftpl"] = "${templatefile(\"hello.txt\", {})}";
  }

  std::string F(const std::string& text) {
    d = Diagnostics();
    v = EvalText(&r, text, &d);
    const std::string e = FirstError(d);
    if (!e.empty()) return "error: " + e;
    return v.Debug();
  }

  void Check(const std::vector<Case>& cases) {
    for (const Case& c : cases) EXPECT_EQ(F(c.expr), c.want) << c.expr;
  }

  TestResolver r;
  Diagnostics d;
  Value v;
};

TEST_F(TfFunctions, Format) {
  Check({
      {R"(format("Hello, %s!", "Ander"))", R"("Hello, Ander!")"},
      {R"(format("There are %d lights", 4))", R"("There are 4 lights")"},
      {R"(format("%#v", "hello"))", R"("\"hello\"")"},
      {R"(format("%#v", true))", R"("true")"},
      {R"(format("%#v", 1))", R"("1")"},
      {R"(format("%#v", {a = 1}))", R"("{\"a\":1}")"},
      {R"(format("%#v", [true]))", R"("[true]")"},
      {R"(format("%#v", null))", R"("null")"},
      {R"(format("%v|%v|%v", "s", 1.5, false))", R"("s|1.5|false")"},
      {R"(format("%5s|%-5s|%05d|%.2f|%t|%%", "ab", "cd", 42, 3.14159, true))",
       R"("   ab|cd   |00042|3.14|true|%")"},
      {R"(format("%q", "a\"b"))", R"("\"a\\\"b\"")"},
      {R"(format("%x %X %o %b", 255, 255, 8, 5))", R"("ff FF 10 101")"},
      {R"(format("%[2]s %[1]s", "a", "b"))", R"("b a")"},
      {R"(format("%.3s", "abcdef"))", R"("abc")"},
      {R"(format("%d", 1.5))", "error: format: %d needs a whole number, not 1.5"},
      {R"(format("%s %s", "a"))",
       "error: format: not enough arguments for the format specification"},
      {R"(format("%s", "a", "b"))",
       "error: format: too many arguments: the format specification uses only 1"},
      {R"(format("%z", 1))", "error: format: unsupported format verb %z"},
      {R"(format("%s", [1]))", "error: format: %s needs a string, not a list"},
      {R"(format("%s", var.u))", "(unknown)"},
      {R"(format("%s", aws_iam_role.r.arn))", "(unknown aws_iam_role.r.arn)"},
  });
}

TEST_F(TfFunctions, FormatList) {
  Check({
      {R"(formatlist("Hello, %s!", ["Valentina", "Ander"]))",
       R"(["Hello, Valentina!","Hello, Ander!"])"},
      {R"(formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"]))",
       R"(["Salutations, Valentina!","Salutations, Ander!"])"},
      {R"(formatlist("%s=%s", ["a", "b"], [1, 2]))", R"(["a=1","b=2"])"},
      {R"(formatlist("%s", ["a"], ["b", "c"]))",
       "error: formatlist: all list arguments must have the same length"},
      {R"(formatlist("%s", var.u))", "(unknown)"},
  });
}

TEST_F(TfFunctions, JoinSplitReplace) {
  Check({
      {R"(join("-", ["foo", "bar", "baz"]))", R"("foo-bar-baz")"},
      {R"(join(", ", ["foo"]))", R"("foo")"},
      {R"(join(",", ["a"], ["b", 1, true]))", R"("a,b,1,true")"},
      {R"(join(",", ["a", null]))", "error: join: element 1 of argument 2 is null"},
      {R"(join(",", "a"))", "error: join: argument 2 must be a list or set, not a string"},
      {R"(join(",", ["a", aws_iam_role.r.arn]))", "(unknown aws_iam_role.r.arn)"},
      {R"(split(",", "foo,bar,baz"))", R"(["foo","bar","baz"])"},
      {R"(split(",", "foo"))", R"(["foo"])"},
      {R"(split(",", ""))", R"([""])"},
      {R"(split("", "ab"))", R"(["a","b"])"},
      {R"(replace("1 + 2 + 3", "+", "-"))", R"("1 - 2 - 3")"},
      {R"(replace("hello world", "/w.*d/", "everybody"))", R"("hello everybody")"},
      {R"(replace("abc", "", "-"))", R"("-a-b-c-")"},
      {R"(replace("a-b", "/(a)-(b)/", "$2+$1"))", R"("b+a")"},
      {R"(replace("a-b", "/(?P<x>a)-/", "$${x}$${x}"))", R"("aab")"},
      {R"(replace("abc", "/x*/", "-"))", R"("-a-b-c-")"},
      {R"(replace("abc", "/(/", "-"))", "(unknown)"},
      {R"(replace(var.u, "a", "b"))", "(unknown)"},
  });
  F(R"(replace("abc", "/(/", "-"))");
  EXPECT_NE(FirstNote(d).find("replace: the pattern is not evaluated by iamlint"),
            std::string::npos);
}

TEST_F(TfFunctions, CaseAndTrimming) {
  Check({
      {R"(lower("HELLO"))", R"("hello")"},
      {R"(upper("hello"))", R"("HELLO")"},
      {R"(title("hello world"))", R"("Hello World")"},
      {R"(title("hello-world_x y"))", R"("Hello-World_x Y")"},
      {R"(lower("ÄB"))", "(unknown)"},
      {R"(trimspace("  hello\n\n"))", R"("hello")"},
      {R"(trimprefix("helloworld", "hello"))", R"("world")"},
      {R"(trimprefix("helloworld", "cat"))", R"("helloworld")"},
      {R"(trimsuffix("helloworld", "world"))", R"("hello")"},
      {R"(trim("?!hello?!", "!?"))", R"("hello")"},
      {R"(trim("foobar", "far"))", R"("oob")"},
      {R"(chomp("hello\n"))", R"("hello")"},
      {R"(chomp("hello\r\n"))", R"("hello")"},
      {R"(chomp("hello\n\n"))", R"("hello")"},
      {R"(indent(2, "[\n  foo,\n  bar,\n]\n"))", R"("[\n    foo,\n    bar,\n  ]\n  ")"},
      {R"(indent(-1, "x"))", "error: indent: the number of spaces must not be negative"},
      {R"(strrev("hello"))", R"("olleh")"},
      {R"(startswith("hello world", "hello"))", "true"},
      {R"(startswith("hello world", "world"))", "false"},
      {R"(endswith("hello world", "world"))", "true"},
      {R"(strcontains("hello world", "lo w"))", "true"},
      {R"(upper(1))", R"("1")"},
      {R"(upper([1]))", "error: upper: argument 1 must be a string, not a list"},
      {R"(upper("a", "b"))", "error: upper: takes 1 argument, not 2"},
      {R"(upper(null))", "error: upper: argument 1 must not be null"},
  });
}

TEST_F(TfFunctions, SubstrAndLengthCountCharacters) {
  Check({
      {R"(substr("hello world", 1, 4))", R"("ello")"},
      {R"(substr("hello world", -5, -1))", R"("world")"},
      {R"(substr("hello", 2, 100))", R"("llo")"},
      {R"(substr("🤔🤷", 0, 1))", R"("🤔")"},
      {R"(substr("héllo", 1, 1))", R"("é")"},
      {R"(length("hello"))", "5"},
      {R"(length("héllo"))", "5"},
      {R"(length([]))", "0"},
      {R"(length(["a", "b"]))", "2"},
      {R"(length({"a" = "b"}))", "1"},
      // A known list of unknown elements has a known length.
      {R"(length([aws_iam_role.r.arn, var.u]))", "2"},
      {R"(length(var.u))", "(unknown)"},
      {R"(length(1))", "error: length: length needs a list, map or string, not a number"},
  });
  // Characters made of several code points (a combining accent) are not counted by iamlint.
  EXPECT_EQ(F("length(\"e\u0301\")"), "(unknown)");
  EXPECT_EQ(F("length(\"👍🏽\")"), "(unknown)");
}

TEST_F(TfFunctions, Regex) {
  Check({
      {R"(regex("[a-z]+", "53453453.345345aaabbbccc23454"))", R"("aaabbbccc")"},
      {R"~(regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01"))~", R"(["2019","02","01"])"},
      {R"(regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/"))",
       R"({"authority":"terraform.io","scheme":"https"})"},
      {R"(regex("[a-z]+", "53453453.34534523454"))",
       "error: regex: the pattern did not match any part of the string"},
      {R"~(regex("(a)|(b)", "b"))~", R"([null,"b"])"},
      {R"~(regex("(?P<x>a)(b)", "ab"))~",
       "error: regex: the pattern cannot mix named and unnamed capture groups"},
      {R"(regexall("[a-z]+", "1234abcd5678efgh9"))", R"(["abcd","efgh"])"},
      {R"(length(regexall("[a-z]+", "123456789")) > 0)", "false"},
      {R"(regexall("x*", "ab"))", R"(["","",""])"},
      {R"~(regexall("(?P<n>[0-9]+)", "a1b22"))~", R"([{"n":"1"},{"n":"22"}])"},
      {R"(regex("(?<!a)b", "b"))", "(unknown)"},
      {R"~(regex("(?P<a>x)(?P<a>y)", "xy"))~", "(unknown)"},
      {R"(regex(var.u, "b"))", "(unknown)"},
  });
}

TEST_F(TfFunctions, Collections) {
  Check({
      {R"(concat(["a", ""], ["b", "c"]))", R"(["a","","b","c"])"},
      {R"(concat(["a"], [aws_iam_role.r.arn]))", R"(["a",(unknown aws_iam_role.r.arn)])"},
      {R"(concat(["a"], var.u))", "(unknown)"},
      {R"(concat(["a"], "b"))", "error: concat: argument 2 must be a list or set, not a string"},
      {R"(merge({a = "b", c = "d"}, {e = "f", c = "z"}))", R"({"a":"b","c":"z","e":"f"})"},
      {R"(merge({a = "b"}, null))", R"({"a":"b"})"},
      {R"(merge({a = 1}, aws_iam_role.r).arn)", "(unknown aws_iam_role.r.arn)"},
      {R"(merge({a = 1}, [1]))", "error: merge: argument 2 must be a map or object, not a list"},
      {R"(lookup({a = "ay", b = "bee"}, "a", "what?"))", R"("ay")"},
      {R"(lookup({a = "ay", b = "bee"}, "c", "what?"))", R"("what?")"},
      {R"(lookup({a = "ay"}, "c"))",
       "error: lookup: the map has no key \"c\" and no default is given"},
      {R"(lookup(aws_iam_role.r, "arn", "x"))", "(unknown aws_iam_role.r.arn)"},
      // A null default is Terraform's way to say "absent" (`lookup(s, "sid", null)`).
      {R"(lookup({a = "ay"}, "c", null))", "null"},
      {R"(lookup({a = "ay"}, "a", null))", R"("ay")"},
      {R"(lookup(null, "a", "x"))", "error: lookup: argument 1 must not be null"},
      {R"(lookup({a = "ay"}, null, "x"))", "error: lookup: argument 2 must not be null"},
      {R"(element(["a", "b", "c"], 1))", R"("b")"},
      {R"(element(["a", "b", "c"], 3))", R"("a")"},
      {R"(element(["a", "b", "c"], length(["a", "b", "c"]) - 1))", R"("c")"},
      {R"(element([], 0))", "error: element: cannot take an element of an empty list"},
      {R"(element(["a", "b", "c"], -1))", R"("c")"},
      {R"(element(["a", "b", "c"], -4))", R"("c")"},
      {R"(element([1, "x"], 0))", "1"},
      {R"(keys({a = 1, c = 2, d = 3}))", R"(["a","c","d"])"},
      {R"(values({a = 3, c = 2, d = 1}))", "[3,2,1]"},
      // A resource's attributes are more than those the configuration sets.
      {R"(keys(aws_iam_role.r))", "(unknown aws_iam_role.r)"},
      {R"(length(aws_iam_role.r))", "(unknown aws_iam_role.r)"},
      {R"(jsonencode(aws_iam_role.r))", "(unknown aws_iam_role.r)"},
      {R"(flatten([["a", "b"], [], ["c"]]))", R"(["a","b","c"])"},
      {R"(flatten([[["a", "b"], []], ["c"]]))", R"(["a","b","c"])"},
      {R"(flatten([["a"], var.u]))", "(unknown)"},
      {R"(distinct(["a", "b", "a", "c", "d", "b"]))", R"(["a","b","c","d"])"},
      {R"(compact(["a", "", "b", null, "c"]))", R"(["a","b","c"])"},
      {R"(contains(["a", "b", "c"], "a"))", "true"},
      {R"(contains(["a", "b", "c"], "d"))", "false"},
      {R"(contains(["1"], 1))", "false"},
      {R"(contains([1, "x"], 1))", "true"},
      {R"(contains(tolist([1, "x"]), 1))", "false"},
      {R"(distinct([1, "1"]))", R"(["1"])"},
      {R"(reverse([1, "a"]))", R"(["a",1])"},
      {R"(chunklist([1, "a"], 1))", R"([["1"],["a"]])"},
      {R"(distinct([1, [2]]))", "error: distinct: all elements must have the same type"},
      {R"(contains(["a", var.u], "a"))", "(unknown)"},
      {R"(coalesce("a", "b"))", R"("a")"},
      {R"(coalesce("", "b"))", R"("b")"},
      {R"(coalesce(1, 2))", "1"},
      {R"(coalesce(1, "hello"))", R"("1")"},
      {R"(coalesce(null, "", "x"))", R"("x")"},
      {R"(coalesce(var.u, "x"))", "(unknown)"},
      {R"(coalesce(null, ""))", "error: coalesce: every argument is null or an empty string"},
      {R"(coalescelist(["a", "b"], ["c", "d"]))", R"(["a","b"])"},
      {R"(coalescelist([], ["c", "d"]))", R"(["c","d"])"},
      {R"(coalescelist([], var.u))", "(unknown)"},
      {R"(zipmap(["a", "b"], [1, 2]))", R"({"a":1,"b":2})"},
      {R"(zipmap(["a", "a"], [1, 2]))", R"({"a":2})"},
      {R"(zipmap(["a"], [1, 2]))",
       "error: zipmap: the lists of keys and values must have the same length"},
      {R"(one([]))", "null"},
      {R"(one(["hello"]))", R"("hello")"},
      {R"(one(["hello", "goodbye"]))", "error: one: the list must have at most one element, not 2"},
      {R"(reverse([1, 2, 3]))", "[3,2,1]"},
      {R"(sort(["e", "d", "a", "x"]))", R"(["a","d","e","x"])"},
      {R"(sort([10, 9]))", R"(["10","9"])"},
      {R"(slice(["a", "b", "c", "d"], 1, 3))", R"(["b","c"])"},
      {R"(slice(["a"], 1, 3))",
       "error: slice: the indices 1, 3 are out of range for a list of 1 elements"},
      {R"(chunklist(["a", "b", "c", "d", "e"], 2))", R"([["a","b"],["c","d"],["e"]])"},
      {R"(chunklist(["a", "b"], 0))", R"([["a","b"]])"},
      {R"(index(["a", "b", "c"], "b"))", "1"},
      {R"(index(["a"], "z"))", "error: index: the value is not in the list"},
      {R"(alltrue(["true", true]))", "true"},
      {R"(alltrue([true, false]))", "false"},
      {R"(alltrue([]))", "true"},
      {R"(anytrue(["true"]))", "true"},
      {R"(anytrue([]))", "false"},
      {R"(anytrue([true, var.u]))", "(unknown)"},
  });
}

TEST_F(TfFunctions, Sets) {
  Check({
      {R"(setunion(["a", "b"], ["b", "c"], ["d"]))", R"(["a","b","c","d"])"},
      {R"(setintersection(["a", "b"], ["b", "c"], ["b", "d"]))", R"(["b"])"},
      {R"(setsubtract(["a", "b", "c"], ["a", "c"]))", R"(["b"])"},
      {R"(setunion(["a"], [1]))", R"(["1","a"])"},
      {R"(setunion(["a"], [var.u]))", "(unknown)"},
      {R"(setproduct(["development", "staging"], ["app1", "app2"]))",
       R"([["development","app1"],["development","app2"],["staging","app1"],["staging","app2"]])"},
      {R"(setproduct(["a"], []))", "[]"},
      {R"(setproduct(range(1000), range(1000)))",
       "error: this value would have more than 262144 elements (a limit of iamlint's, not of "
       "Terraform's: it cannot check past it)"},
      {R"(transpose({"a" = ["1", "2"], "b" = ["2", "3"]}))",
       R"({"1":["a"],"2":["a","b"],"3":["b"]})"},
      {R"(transpose({"a" = "1"}))",
       "error: transpose: argument 1 must be a list or set, not a string"},
  });
}

TEST_F(TfFunctions, Range) {
  Check({
      {"range(3)", "[0,1,2]"},
      {"range(1, 4)", "[1,2,3]"},
      {"range(1, 8, 2)", "[1,3,5,7]"},
      {"range(1, 4, 0.5)", "[1,1.5,2,2.5,3,3.5]"},
      {"range(4, 1)", "[4,3,2]"},
      {"range(10, 5, -2)", "[10,8,6]"},
      {"range(0)", "[]"},
      {"range(1, 2, 0)", "error: range: the step must not be zero"},
      {"range(1000000)",
       "error: range: more than 1024 numbers: Terraform limits range to 1024 elements"},
      {"range(0, 1, 1e-300)",
       "error: range: more than 1024 numbers: Terraform limits range to 1024 elements"},
      {"range(var.u)", "(unknown)"},
      {"range(\"x\")", "error: range: argument 1 must be a number, not a string"},
  });
}

TEST_F(TfFunctions, Numbers) {
  Check({
      {"abs(23)", "23"},
      {"abs(0)", "0"},
      {"abs(-12.4)", "12.4"},
      {"ceil(5)", "5"},
      {"ceil(5.1)", "6"},
      {"floor(5)", "5"},
      {"floor(4.9)", "4"},
      {"max(12, 54, 3)", "54"},
      {"max([12, 54, 3]...)", "54"},
      {"min(12, 54, 3)", "3"},
      {"sum([10, 13, 6, 4.5])", "33.5"},
      {"sum([])", "error: sum: cannot sum an empty list"},
      {"signum(-13)", "-1"},
      {"max()", "error: max: takes at least 1 arguments, not 0"},
      {"max(var.u, 1)", "(unknown)"},
      {"max(\"7\", 3)", "7"},
      {"max(12345678901234567890, 1)", "(unknown)"},
      {"abs(-12345678901234567890)", "(unknown)"},
  });
}

TEST_F(TfFunctions, Conversions) {
  Check({
      {R"(tostring("hello"))", R"("hello")"},
      {"tostring(1)", R"("1")"},
      {"tostring(true)", R"("true")"},
      {"tostring(null)", "null"},
      {"tostring([])", "error: tostring: cannot convert a list to a string"},
      {"tonumber(1)", "1"},
      {R"(tonumber("1"))", "1"},
      {R"(tonumber("1.50"))", "1.5"},
      {"tonumber(null)", "null"},
      {R"(tonumber("no"))", "error: tonumber: cannot convert a string to a number"},
      {"tobool(true)", "true"},
      {R"(tobool("true"))", "true"},
      {"tobool(null)", "null"},
      {R"(tobool("no"))", "error: tobool: cannot convert a string to a bool"},
      {R"(tolist(["a", "b", "c"]))", R"(["a","b","c"])"},
      {R"(tolist(["a", "b", 3]))", R"(["a","b","3"])"},
      {R"(tolist(["a", [1]]))", "error: tolist: all elements must have the same type"},
      {R"(tolist(["a", aws_iam_role.r.arn]))", R"(["a",(unknown aws_iam_role.r.arn)])"},
      {R"(tolist([1, var.u]))", "(unknown)"},
      {R"(toset(["a", "b", "c"]))", R"(["a","b","c"])"},
      {R"(toset(["a", "b", 3]))", R"(["3","a","b"])"},
      {R"(toset(["c", "b", "b"]))", R"(["b","c"])"},
      {R"(toset(["a", var.u]))", "(unknown)"},
      {R"(tomap({"a" = 1, "b" = 2}))", R"({"a":1,"b":2})"},
      {R"(tomap({"a" = "foo", "b" = true}))", R"({"a":"foo","b":"true"})"},
      {R"(tomap(["a"]))", "error: tomap: cannot convert a list to a map"},
  });
}

TEST_F(TfFunctions, Encoding) {
  Check({
      {R"(jsonencode({"hello" = "world"}))", R"("{\"hello\":\"world\"}")"},
      {R"(jsonencode({b = [1, true, null], a = "<&>"}))",
       R"("{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1,true,null]}")"},
      {R"(jsonencode(aws_iam_role.r.arn))", "(unknown aws_iam_role.r.arn)"},
      {R"(jsonencode({a = [aws_iam_role.r.arn]}))", "(unknown aws_iam_role.r.arn)"},
      {R"(jsondecode("{\"hello\": \"world\"}"))", R"({"hello":"world"})"},
      {R"(jsondecode("true"))", "true"},
      {R"(jsondecode("[1e400, 12345678901234567890, 1.0]"))", "[1e400,12345678901234567890,1]"},
      {R"(yamlencode({"a" = "b", "c" = "d"}))", R"("\"a\": \"b\"\n\"c\": \"d\"\n")"},
      {R"(yamlencode({"foo" = [1, 2, 3], "bar" = "baz"}))",
       R"("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n")"},
      {R"(yamlencode({"foo" = [1, {"a" = "b", "c" = "d"}, 3], "bar" = "baz"}))",
       R"("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")"},
      {R"(yamlencode({a = {b = []}}))", R"("\"a\":\n  \"b\": []\n")"},
      {R"(yamlencode("x"))", R"("\"x\"\n")"},
      {R"(yamlencode("multi\nline"))", "(unknown)"},
      {R"(base64encode("Hello World"))", R"("SGVsbG8gV29ybGQ=")"},
      {R"(base64decode("SGVsbG8gV29ybGQ="))", R"("Hello World")"},
      {R"(base64decode(base64encode("ab")))", R"("ab")"},
      {R"(base64decode("SGVsbG8*"))", "error: base64decode: the text is not valid base64"},
      {R"(base64decode("/w=="))", "error: base64decode: the decoded bytes are not valid UTF-8"},
      {R"(urlencode("Hello World!"))", R"("Hello+World%21")"},
      {R"(urlencode("☃"))", R"("%E2%98%83")"},
      {R"(urlencode("foo:bar@localhost?foo=bar&bar=baz"))",
       R"("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz")"},
      {R"(cidrsubnet("172.16.0.0/12", 4, 2))", R"("172.18.0.0/16")"},
      {R"(cidrsubnet("10.1.2.0/24", 4, 15))", R"("10.1.2.240/28")"},
      {R"(cidrsubnet("10.1.2.0/24", 4, 16))",
       "error: cidrsubnet: the network number 16 does not fit in 4 bits"},
      {R"(cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162))", "(unknown)"},
  });
  // The error's location and the JSON parser's message are both there.
  EXPECT_EQ(F(R"(jsondecode("{"))")
                .rfind("error: jsondecode: the text is no JSON: line 1, column 2: ", 0),
            0u);
  ASSERT_FALSE(d.items.empty());
  EXPECT_EQ(d.items[0].pos.column, 12u);
}

TEST_F(TfFunctions, FilesAndTemplates) {
  Check({
      {R"(file("hello.txt"))", R"("Hello World")"},
      {R"(file("missing.txt"))", "(unknown)"},
      {R"(templatefile("${path.module}/backends.tftpl", { port = 8080, ip_addrs = ["10.0.0.1", "10.0.0.2"] }))",
       R"("backend 10.0.0.1:8080\nbackend 10.0.0.2:8080\n")"},
      {R"(templatefile("policy.json.tftpl", { arns = ["a", "b"] }))",
       R"("{\"Resource\":[\"a\",\"b\"]}")"},
      {R"(templatefile("policy.json.tftpl", { arns = [aws_iam_role.r.arn] }))",
       "(unknown aws_iam_role.r.arn)"},
      {R"(templatefile("vars.tftpl", {}))",
       "error: \"var\" is not one of the variables given to templatefile"},
      {R"(templatefile("nested.tftpl", {}))",
       "error: templatefile: templatefile cannot be called from a template"},
      {R"(templatefile("missing.tftpl", {}))", "(unknown)"},
  });
  EXPECT_NE(
      F(R"(templatefile("bad.tftpl", {}))").find("error: templatefile: the template is invalid"),
      std::string::npos);
  F(R"(file("missing.txt"))");
  EXPECT_EQ(FirstNote(d), "no file missing.txt");
}

TEST_F(TfFunctions, TryAndCan) {
  Check({
      {R"(try(var.tags.owner, "fallback"))", R"("fallback")"},
      {R"(try(var.tags.team, "fallback"))", R"("core")"},
      {R"(try(var.nope, var.name))", R"("web")"},
      {R"(try(aws_iam_role.r.arn, "x"))", "(unknown aws_iam_role.r.arn)"},
      {R"(try(var.nope))", "error: try: no argument could be evaluated without an error"},
      {R"(can(var.tags.owner))", "false"},
      {R"(can(var.tags.team))", "true"},
      {R"(can(var.u))", "(unknown)"},
      {R"(can(regex("^[a-z]+$", "abc")))", "true"},
      {R"(can(regex("^[a-z]+$", "ab1")))", "false"},
      {R"(can(1, 2))", "error: can: needs one argument"},
  });
  // A limit met inside try() is no error it recovers from: the value stays unknown.
  Limits small;
  small.max_nodes = 100;
  d = Diagnostics();
  v = EvalText(&r, "try([for i in range(200) : i], \"small\")", &d, small);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_EQ(FirstError(d),
            "this value would have more than 100 elements (a limit of iamlint's, not of "
            "Terraform's: it cannot check past it)");
}

TEST_F(TfFunctions, ExpansionAndArity) {
  Check({
      {R"(join(",", ["a"], [["b"], ["c"]]...))", R"("a,b,c")"},
      {R"(max([]...))", "error: max: takes at least 1 arguments, not 0"},
      {R"(max(var.u...))", "(unknown)"},
      {R"(max("a"...))", "error: max: the argument before `...` must be a list, not a string"},
      {R"(lookup({}))", "error: lookup: takes 2 to 3 arguments, not 1"},
  });
}

TEST_F(TfFunctions, UnknownOnlyFunctions) {
  for (const char* e : {"uuid()", "timestamp()", "bcrypt(\"x\")", "sha256(\"x\")"}) {
    EXPECT_EQ(F(e), "(unknown)") << e;
    EXPECT_NE(FirstNote(d).find("is not evaluated by iamlint: its value is unknown"),
              std::string::npos)
        << e;
  }
  EXPECT_EQ(F("provider::aws::arn_parse(aws_iam_role.r.arn)"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(FirstNote(d),
            "provider-defined function provider::aws::arn_parse is not evaluated by iamlint: its "
            "value is unknown");
}

// Every function iamlint evaluates: unknown arguments give an unknown result that keeps
// their origins (never an error, never a known value), and a wrong number of arguments is
// an error.
TEST_F(TfFunctions, EveryFunctionPropagatesUnknownAndChecksArity) {
  std::vector<Function> all;
  AddStringFunctions(&all);
  AddCollectionFunctions(&all);
  AddEncodingFunctions(&all);
  ASSERT_GT(all.size(), 70u);
  for (const Function& f : all) {
    const int n = std::max(1, f.min_args);
    std::string call = std::string(f.name) + "(";
    for (int i = 0; i < n; ++i) call += (i > 0 ? ", " : "") + std::string("aws_iam_role.r.arn");
    call += ")";
    if (f.max_args == 0) call = std::string(f.name) + "()";
    EXPECT_EQ(F(call).rfind("error", 0), std::string::npos) << call;
    EXPECT_TRUE(v.IsUnknown()) << call;
    EXPECT_EQ(v.origins().size(), f.max_args == 0 ? 0u : 1u) << call;
    if (f.max_args >= 0) {
      std::string too_many = std::string(f.name) + "(";
      for (int i = 0; i <= f.max_args; ++i) too_many += (i > 0 ? ", " : "") + std::string("1");
      too_many += ")";
      EXPECT_EQ(F(too_many).rfind(std::string("error: ") + f.name + ": takes ", 0), 0u)
          << too_many << " -> " << F(too_many);
    }
  }
}

TEST_F(TfFunctions, SensitiveArgumentsMakeSensitiveResults) {
  Value pw = Value::String("p<w");
  pw.set_sensitive(true);
  r.vars["pw"] = pw;
  for (const char* e : {"upper(var.pw)", "jsonencode({a = var.pw})", "join(\",\", [var.pw])",
                        "format(\"%s\", var.pw)", "length(var.pw)", "base64encode(var.pw)"}) {
    F(e);
    EXPECT_TRUE(v.sensitive()) << e;
    EXPECT_TRUE(FirstError(d).empty()) << e;
  }
  EXPECT_EQ(F("nonsensitive(var.pw)"), R"("p\u003cw")");
  EXPECT_EQ(F("sensitive(var.u)"), "(sensitive)");
  EXPECT_TRUE(v.IsUnknown());
}

}  // namespace
}  // namespace iamlint::tf
