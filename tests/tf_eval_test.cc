// The Terraform expression evaluator (src/tf/eval.h): literals, operators and Terraform's
// conversions, templates and directives, traversals and the resolver, splats, conditionals,
// collections, `for`, unknown values and their origins, sensitivity, and the limits.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hcl/hcl.h"
#include "load/jobs.h"
#include "tf/eval.h"
#include "tf_test_resolver.h"

namespace iamlint::tf {
namespace {

using testing::EvalText;
using testing::FirstError;
using testing::FirstNote;
using testing::TestResolver;

class TfEval : public ::testing::Test {
 protected:
  void LimitCases();
  void SetUp() override {
    r.vars["name"] = Value::String("web");
    r.vars["n"] = Value::Number(3);
    r.vars["list"] = Value::List({Value::String("a"), Value::String("b")});
    r.vars["m"] = Value::Map({{"k1", Value::String("v1")}, {"k2", Value::String("v2")}});
    r.vars["unknown"] = Value::Unknown();
    r.vars["flag"] = Value::Bool(true);
    Value secret = Value::String("hunter2");
    secret.set_sensitive(true);
    r.vars["secret"] = secret;
    r.vars["users"] = Value::List({Value::Map({{"name", Value::String("ann")}}),
                                   Value::Map({{"name", Value::String("bob")}})});
  }

  // The value's Debug text, or "error: MESSAGE" for the first error.
  std::string D(const std::string& text) {
    d = Diagnostics();
    v = EvalText(&r, text, &d);
    const std::string e = FirstError(d);
    if (!e.empty()) return "error: " + e;
    return v.Debug();
  }

  TestResolver r;
  Diagnostics d;
  Value v;
};

TEST_F(TfEval, Literals) {
  EXPECT_EQ(D("1"), "1");
  EXPECT_EQ(D("1.50"), "1.5");
  EXPECT_EQ(D("1e3"), "1000");
  EXPECT_EQ(D("12345678901234567890"), "12345678901234567890");
  EXPECT_EQ(D("true"), "true");
  EXPECT_EQ(D("null"), "null");
  EXPECT_EQ(D(R"("a\nb")"), R"("a\nb")");
  EXPECT_EQ(D("[1, \"x\", [true]]"), R"([1,"x",[true]])");
  EXPECT_EQ(D("{b = 1, a = \"x\"}"), R"({"a":"x","b":1})");
}

TEST_F(TfEval, ArithmeticAndConversions) {
  EXPECT_EQ(D("1 + 2 * 3"), "7");
  EXPECT_EQ(D("\"1\" + 1"), "2");
  EXPECT_EQ(D("10 / 4"), "2.5");
  EXPECT_EQ(D("7 % 3"), "1");
  EXPECT_EQ(D("-7 % 3"), "-1");
  EXPECT_EQ(D("-var.n"), "-3");
  EXPECT_EQ(D("-12345678901234567890"), "-12345678901234567890");
  EXPECT_EQ(D("--\"2.50\""), "2.5");
  // Beyond a double's 53 bits, arithmetic and comparison would not be exact: unknown.
  EXPECT_EQ(D("12345678901234567890 + 1"), "(unknown)");
  EXPECT_EQ(D("12345678901234567890 > 12345678901234567889"), "(unknown)");
  EXPECT_EQ(D("0.1 + 0.2"), "0.30000000000000004");
  EXPECT_EQ(D("var.n > 2"), "true");
  EXPECT_EQ(D("\"10\" < 9"), "false");
  EXPECT_EQ(D("\"a\" + 1"), "error: the operands of + must be numbers, not a string");
  EXPECT_EQ(D("true + 1"), "error: the operands of + must be numbers, not a bool");
  EXPECT_EQ(D("null + 1"), "error: the operands of + must be numbers, not null");
  // Division by zero is left unknown, with a note.
  EXPECT_EQ(D("1 / 0"), "(unknown)");
  EXPECT_NE(FirstNote(d).find("division by zero"), std::string::npos);
}

TEST_F(TfEval, EqualityComparesWithoutConversion) {
  EXPECT_EQ(D("\"1\" == 1"), "false");
  EXPECT_EQ(D("1 == 1.0"), "true");
  EXPECT_EQ(D("[1, \"a\"] == [1, \"a\"]"), "true");
  EXPECT_EQ(D("{a = 1} != {a = 2}"), "true");
  EXPECT_EQ(D("null == null"), "true");
  EXPECT_EQ(D("var.name == null"), "false");
  EXPECT_EQ(D("var.unknown == 1"), "(unknown)");
}

TEST_F(TfEval, ComparingWithNullNeedsOnlyToKnowWhetherAValueIsNull) {
  // A known value holding unknown parts is known not to be null (as Terraform compares): the
  // "strip out nulls" pattern of public modules keeps such an attribute.
  EXPECT_EQ(D("{a = var.unknown} != null"), "true");
  EXPECT_EQ(D("null == [var.unknown]"), "false");
  EXPECT_EQ(
      D(R"(keys({for k, v in {a = {r = var.unknown}, b = null, c = 1} : k => v if v != null}))"),
      R"(["a","c"])");
  // Whether an unknown value is null is unknown; other comparisons with unknown parts too.
  EXPECT_EQ(D("var.unknown == null"), "(unknown)");
  EXPECT_EQ(D("null != var.unknown"), "(unknown)");
  EXPECT_EQ(D("{a = var.unknown} == {a = 1}"), "(unknown)");
  // The result is as sensitive as what was compared.
  D("{a = var.secret} != null");
  EXPECT_TRUE(v.sensitive());
}

TEST_F(TfEval, LogicalOperatorsShortCircuitOnUnknown) {
  EXPECT_EQ(D("true && false"), "false");
  EXPECT_EQ(D("true || false"), "true");
  EXPECT_EQ(D("!true"), "false");
  EXPECT_EQ(D("\"true\" && true"), "true");
  EXPECT_EQ(D("false && var.unknown"), "false");
  EXPECT_EQ(D("var.unknown && false"), "false");
  EXPECT_EQ(D("true || var.unknown"), "true");
  EXPECT_EQ(D("var.unknown || true"), "true");
  EXPECT_EQ(D("true && var.unknown"), "(unknown)");
  EXPECT_EQ(D("var.unknown || false"), "(unknown)");
  EXPECT_EQ(D("1 && true"), "error: the operands of && and || must be bools, not a number");
}

TEST_F(TfEval, Templates) {
  EXPECT_EQ(D(R"("hello ${var.name}!")"), R"("hello web!")");
  EXPECT_EQ(D(R"("n=${var.n} f=${var.flag}")"), R"("n=3 f=true")");
  // A lone interpolation keeps its value's type.
  EXPECT_EQ(D(R"("${var.list}")"), R"(["a","b"])");
  EXPECT_EQ(D(R"("x${var.list}")"),
            "error: cannot interpolate a list into a template: it needs a string");
  EXPECT_EQ(D(R"("x${null}")"), "error: the interpolated value is null: a template needs a string");
  EXPECT_EQ(D(R"("%{if var.flag}yes%{else}no%{endif}")"), R"("yes")");
  EXPECT_EQ(D(R"("%{if !var.flag}yes%{endif}")"), R"("")");
  EXPECT_EQ(D(R"("%{for x in var.list}<${x}>%{endfor}")"), R"("\u003ca\u003e\u003cb\u003e")");
  EXPECT_EQ(D(R"("%{for k, v in var.m}${k}=${v};%{endfor}")"), R"("k1=v1;k2=v2;")");
  EXPECT_EQ(D(R"("%{for i, x in var.list}${i}${x} %{endfor}")"), R"("0a 1b ")");
  // Strip markers are the parser's: the evaluator sees their result.
  EXPECT_EQ(D("\"a  ${~ \"b\" ~}  c\""), R"("abc")");
  EXPECT_EQ(D(R"("%{if var.unknown}a%{endif}")"), "(unknown)");
  EXPECT_EQ(D(R"("%{for x in var.unknown}a%{endfor}")"), "(unknown)");
}

TEST_F(TfEval, HeredocTemplatesWithStrippedDirectives) {
  hcl::File f;
  hcl::Error err;
  ASSERT_TRUE(
      hcl::ParseConfig("x = <<-EOT\n  %{~ for p in var.list ~}\n  [${p}]\n  %{~ endfor ~}\n  EOT\n"
                       "y = <<EOT\n%{ if var.flag }on%{ endif }\nEOT\n",
                       "h.tf", &f, &err))
      << err.ToString();
  Evaluator ev(&r, &d);
  // As Terraform 1.11.4 gives it: each `~` trims one line's white space only.
  EXPECT_EQ(ev.Eval(*f.body.Find("x")->expr).Debug(), R"("  [a]\n  [b]\n")");
  EXPECT_EQ(ev.Eval(*f.body.Find("y")->expr).Debug(), R"("on\n")");
  EXPECT_TRUE(d.items.empty());
}

TEST_F(TfEval, ResourceAttributesAndOrigins) {
  EXPECT_EQ(D("aws_iam_role.r.name"), R"("app")");
  EXPECT_EQ(D("aws_iam_role.r.arn"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D(R"("${aws_iam_role.r.arn}/x")"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D("aws_iam_role.r.tags.team"), R"("core")");
  EXPECT_EQ(D("aws_iam_role.r[\"arn\"]"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D("data.aws_iam_policy_document.p.json"),
            "(unknown data.aws_iam_policy_document.p.json)");
  EXPECT_EQ(D("true ? aws_iam_role.r.arn : var.unknown"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D("var.unknown ? aws_iam_role.r.arn : data.aws_iam_policy_document.p.json"),
            "(unknown aws_iam_role.r.arn data.aws_iam_policy_document.p.json)");
  EXPECT_EQ(D("[aws_iam_role.r.arn, aws_iam_role.r.id][1]"), "(unknown aws_iam_role.r.id)");
  EXPECT_EQ(D("aws_iam_role.r.arn.foo"), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D("aws_iam_role.r.arn == \"x\""), "(unknown aws_iam_role.r.arn)");
  EXPECT_EQ(D("upper(aws_iam_role.r.arn)"), "(unknown aws_iam_role.r.arn)");
}

TEST_F(TfEval, UndeclaredNamesAndBadTraversals) {
  EXPECT_EQ(D("var.nope"), "error: undeclared var.nope");
  EXPECT_EQ(D("var.m.k3"), "error: this object has no attribute named \"k3\"");
  EXPECT_EQ(D("var.m[\"k3\"]"), "error: this map has no element with the key \"k3\"");
  EXPECT_EQ(D("var.list[2]"), "error: index 2 is out of range for a list of 2 elements");
  EXPECT_EQ(D("var.list[\"1\"]"), R"("b")");
  EXPECT_EQ(D("var.list.0"), R"("a")");
  EXPECT_EQ(D("var.list.x"),
            "error: cannot read attribute \"x\" of a list: use an index ([0]) or a splat ([*].x)");
  EXPECT_EQ(D("var.name[0]"), "error: cannot index a string");
  EXPECT_EQ(D("var.list[var.unknown]"), "(unknown)");
}

TEST_F(TfEval, Splats) {
  EXPECT_EQ(D("var.users[*].name"), R"(["ann","bob"])");
  EXPECT_EQ(D("var.users.*.name"), R"(["ann","bob"])");
  EXPECT_EQ(D("null[*]"), "[]");
  EXPECT_EQ(D("var.m[*].k1"), R"(["v1"])");
  EXPECT_EQ(D("var.unknown[*].name"), "(unknown)");
  EXPECT_EQ(D("[aws_iam_role.r][*].arn"), "[(unknown aws_iam_role.r.arn)]");
  EXPECT_EQ(D("length(var.users[*].name)"), "2");
}

TEST_F(TfEval, Conditionals) {
  EXPECT_EQ(D("var.flag ? \"a\" : \"b\""), R"("a")");
  EXPECT_EQ(D("!var.flag ? \"a\" : \"b\""), R"("b")");
  // The branch not taken is not held against the expression.
  EXPECT_EQ(D("length(var.list) > 5 ? var.list[7] : \"none\""), R"("none")");
  // A number beside a string becomes a string, as Terraform unifies the two.
  EXPECT_EQ(D("true ? 1 : \"x\""), R"("1")");
  EXPECT_EQ(D("null ? 1 : 2"), "error: the condition must not be null");
  EXPECT_EQ(D("\"maybe\" ? 1 : 2"), "error: the condition must be a bool, not a string");
}

TEST_F(TfEval, Objects) {
  EXPECT_EQ(D("{(var.name) = 1}"), R"({"web":1})");
  EXPECT_EQ(D("{\"${var.name}-x\" = 1}"), R"({"web-x":1})");
  EXPECT_EQ(D("{(var.unknown) = 1, b = 2}"), "(unknown)");
  EXPECT_EQ(D("{(var.n) = true}"), R"({"3":true})");
  EXPECT_EQ(D("{(null) = 1}"), "error: an object key must not be null");
}

TEST_F(TfEval, ForExpressions) {
  EXPECT_EQ(D("[for x in var.list : upper(x)]"), R"(["A","B"])");
  EXPECT_EQ(D("[for i, x in var.list : \"${i}:${x}\"]"), R"(["0:a","1:b"])");
  EXPECT_EQ(D("[for k, v in var.m : k if v != \"v1\"]"), R"(["k2"])");
  EXPECT_EQ(D("{for x in var.list : x => upper(x)}"), R"({"a":"A","b":"B"})");
  EXPECT_EQ(D("{for u in var.users : u.name => u}"),
            R"({"ann":{"name":"ann"},"bob":{"name":"bob"}})");
  EXPECT_EQ(D("{for x in [\"a\", \"b\", \"a\"] : x => 1...}"), R"({"a":[1,1],"b":[1]})");
  EXPECT_EQ(
      D("{for x in [\"a\", \"a\"] : x => 1}"),
      "error: duplicate object key \"a\": use `...` after the value to group the values by key");
  EXPECT_EQ(D("[for x in var.unknown : x]"), "(unknown)");
  EXPECT_EQ(D("[for x in null : x]"), "error: a for expression cannot iterate over a null value");
  EXPECT_EQ(D("[for x in \"ab\" : x]"),
            "error: a for expression iterates over a list, set or map, not a string");
  EXPECT_EQ(D("[for x in var.list : x if var.unknown]"), "(unknown)");
  EXPECT_EQ(D("{for x in var.list : (x == \"a\" ? var.unknown : x) => 1}"), "(unknown)");
  // Over a set, each element is its own key; a set has no index.
  EXPECT_EQ(D("[for k, v in toset([\"b\", \"a\"]) : \"${k}=${v}\"]"), R"(["a=a","b=b"])");
  EXPECT_EQ(D("\"%{for k, v in toset([\"b\"])}${k}%{endfor}\""), R"("b")");
  EXPECT_EQ(D("toset([\"a\"])[0]"),
            "error: the elements of a set have no index: convert it with tolist() first");
  EXPECT_EQ(D("tolist(toset([\"a\"]))[0]"), R"("a")");
  // A `for` name shadows the resolver's.
  EXPECT_EQ(D("[for var in [1] : var]"), "[1]");
  // Nested `for` sees the outer names.
  EXPECT_EQ(D("[for a in [1, 2] : [for b in [10] : a + b]]"), "[[11],[12]]");
}

TEST_F(TfEval, EvalWithBindsNamesOverTheResolver) {
  hcl::ParsedExpr parsed;
  hcl::Error err;
  ASSERT_TRUE(
      hcl::ParseExpression("\"${each.key}=${each.value}/${var.name}\"", "t.tf", &parsed, &err));
  Evaluator ev(&r, &d);
  Value each = Value::Map({{"key", Value::String("k")}, {"value", Value::Number(7)}});
  EXPECT_EQ(ev.EvalWith(*parsed.expr, {{"each", each}}).Debug(), R"("k=7/web")");
  // Without the binding `each` goes to the resolver, which does not know it.
  Diagnostics d2;
  Evaluator ev2(&r, &d2);
  EXPECT_EQ(ev2.Eval(*parsed.expr).Debug(), "(unknown)");
  EXPECT_EQ(FirstError(d2), "undeclared name each");
}

// Locals written as expressions, evaluated on demand by the same Evaluator from within
// Resolve (as a module evaluator may do).
class LocalsResolver : public Resolver {
 public:
  std::map<std::string, hcl::ParsedExpr> locals;
  Evaluator* ev = nullptr;

  void Add(const std::string& name, const std::string& text) {
    hcl::Error err;
    ASSERT_TRUE(hcl::ParseExpression(text, name + ".tf", &locals[name], &err));
  }
  bool Resolve(const std::string& root, const std::vector<std::string>& names,
               const hcl::Range& range, Value* out, size_t* consumed, Diagnostics* diags) override {
    if (root != "local" || names.empty() || locals.count(names[0]) == 0) {
      diags->Error(range, "undeclared name " + root);
      return false;
    }
    *out = ev->Eval(*locals[names[0]].expr);
    *consumed = 1;
    return true;
  }
  bool ReadFile(const std::string&, const hcl::Range&, std::string*, Diagnostics*) override {
    return false;
  }
};

TEST(TfEvalReentry, ResolverMayEvaluateWithTheSameEvaluator) {
  LocalsResolver names;
  Diagnostics d;
  Evaluator ev(&names, &d);
  names.ev = &ev;
  names.Add("b", "\"b\"");
  names.Add("a", "\"${local.b}-x\"");
  names.Add("uses_x", "x");
  hcl::ParsedExpr e;
  hcl::Error err;
  ASSERT_TRUE(hcl::ParseExpression("[for x in [1, 2] : local.a]", "t.tf", &e, &err));
  EXPECT_EQ(ev.Eval(*e.expr).Debug(), R"(["b-x","b-x"])");
  EXPECT_TRUE(d.items.empty());
  // A local does not see the names of the `for` that refers to it.
  ASSERT_TRUE(hcl::ParseExpression("[for x in [1] : local.uses_x]", "t.tf", &e, &err));
  EXPECT_EQ(ev.Eval(*e.expr).Debug(), "[(unknown)]");
  EXPECT_EQ(FirstError(d), "undeclared name x");
  EXPECT_EQ(d.items[0].file, "uses_x.tf");
}

TEST_F(TfEval, SensitivePropagates) {
  EXPECT_EQ(D("var.secret"), "(sensitive)");
  EXPECT_TRUE(v.sensitive());
  D(R"("pw=${var.secret}")");
  EXPECT_TRUE(v.sensitive());
  EXPECT_EQ(v.str(), "pw=hunter2");
  D("upper(var.secret)");
  EXPECT_TRUE(v.sensitive());
  D("[var.secret]");
  EXPECT_TRUE(v.AnySensitive());
  D("jsonencode({p = var.secret})");
  EXPECT_TRUE(v.sensitive());
  D("var.secret == \"x\"");
  EXPECT_TRUE(v.sensitive());
  D("nonsensitive(var.secret)");
  EXPECT_FALSE(v.AnySensitive());
  EXPECT_EQ(v.Debug(), R"("hunter2")");
  D("sensitive(\"x\")");
  EXPECT_TRUE(v.sensitive());
  D("var.name");
  EXPECT_FALSE(v.sensitive());
}

TEST_F(TfEval, UnknownNeverBecomesAWrongKnownValue) {
  EXPECT_EQ(D("var.unknown + 1"), "(unknown)");
  EXPECT_EQ(D("-var.unknown"), "(unknown)");
  EXPECT_EQ(D("[var.unknown, 1]"), "[(unknown),1]");
  EXPECT_EQ(D("var.unknown.x.y"), "(unknown)");
  EXPECT_EQ(D("var.unknown[0]"), "(unknown)");
  EXPECT_EQ(D("\"${var.unknown}\""), "(unknown)");
  EXPECT_EQ(D("provider::aws::arn_parse(\"arn:aws:iam::1:role/x\")"), "(unknown)");
  EXPECT_NE(FirstNote(d).find("provider::aws::arn_parse is not evaluated"), std::string::npos);
  EXPECT_EQ(D("nosuchfunction(aws_iam_role.r.arn)"), "(unknown aws_iam_role.r.arn)");
  EXPECT_NE(FirstNote(d).find("function nosuchfunction is not evaluated by iamlint"),
            std::string::npos);
}

TEST_F(TfEval, LimitsAreLocatedErrorsAndFast) {
  // The deep cases parse with a parser allowed to recurse deep: on a thread with the stack
  // iamlint gives its Terraform evaluations (an 8 MiB main stack is too small under ASan).
  RunWithLargeStack([this] { LimitCases(); });
}

void TfEval::LimitCases() {
  // A for over more than max_nodes elements.
  Limits small;
  small.max_nodes = 1000;
  d = Diagnostics();
  v = EvalText(&r, "[for i in range(1000) : [i, i]]", &d, small);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_EQ(FirstError(d),
            "this value would have more than 1000 elements (a limit of iamlint's, not of "
            "Terraform's: it cannot check past it)");
  ASSERT_FALSE(d.items.empty());
  EXPECT_EQ(d.items[0].file, "t.tf");
  EXPECT_EQ(d.items[0].pos.line, 1u);
  // Nested for expressions multiplying work: stopped by the size limit.
  EXPECT_EQ(D("[for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]"),
            "error: this value would have more than 262144 elements (a limit of iamlint's, not of "
            "Terraform's: it cannot check past it)");
  // Steps: a cheap body repeated too often.
  Limits steps;
  steps.max_steps = 10000;
  d = Diagnostics();
  v = EvalText(&r, "[for a in range(1000) : length([for b in range(1000) : b])]", &d, steps);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_EQ(FirstError(d),
            "evaluation takes more than 10000 steps (a limit of iamlint's, not of Terraform's: it "
            "cannot check past it)");
  // Depth: a deep expression from a parser allowed to go deep (the parser itself recurses,
  // so 5000 levels, not 100000), and deep `for` nesting.
  std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  d = Diagnostics();
  v = EvalText(&r, deep, &d, Limits(), 10000);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_EQ(FirstError(d),
            "expressions nested more than 512 levels deep (a limit of iamlint's, not of "
            "Terraform's: it cannot check past it)");
  std::string fors = "1";
  for (int i = 0; i < 600; ++i) fors = "[for x" + std::to_string(i) + " in [1] : " + fors + "]";
  d = Diagnostics();
  v = EvalText(&r, fors, &d, Limits(), 10000);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_EQ(FirstError(d),
            "expressions nested more than 512 levels deep (a limit of iamlint's, not of "
            "Terraform's: it cannot check past it)");
  // A string doubled by nested formatlist.
  std::string grow = "[\"xxxxxxxxxxxxxxxx\"]";
  for (int i = 0; i < 40; ++i) grow = "[for s in [" + grow + "] : formatlist(\"%s%s\", s, s)][0]";
  d = Diagnostics();
  v = EvalText(&r, grow, &d, Limits(), 100000);
  EXPECT_TRUE(v.IsUnknown());
  EXPECT_NE(FirstError(d).find("more than 262144 elements"), std::string::npos) << FirstError(d);
}

}  // namespace
}  // namespace iamlint::tf
