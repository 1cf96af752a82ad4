// Values of Terraform expressions (src/tf/value.h): canonical number text, sets, equality
// and order, origins, Debug text, node counts, and JSON as Terraform's jsonencode writes it.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tf/value.h"

namespace iamlint::tf {
namespace {

std::string Json(const Value& v) {
  std::string out;
  if (!ToJson(v, &out)) return "(no json)";
  return out;
}

TEST(TfValue, NumbersHaveTerraformsText) {
  EXPECT_EQ(Value::Number(1).str(), "1");
  EXPECT_EQ(Value::Number(-0.0).str(), "0");
  EXPECT_EQ(Value::Number(1.5).str(), "1.5");
  EXPECT_EQ(Value::Number(0.1).str(), "0.1");
  EXPECT_EQ(Value::Number(1.0 / 3).str(), "0.3333333333333333");
  EXPECT_EQ(Value::Number(1e21).str(), "1000000000000000000000");
  EXPECT_EQ(Value::Number(1.5e-7).str(), "0.00000015");
  EXPECT_EQ(Value::Number(-42).str(), "-42");
  EXPECT_EQ(Value::NumberText("1.0").str(), "1");
  EXPECT_EQ(Value::NumberText("1e3").str(), "1000");
  EXPECT_EQ(Value::NumberText("0012").str(), "12");
  EXPECT_EQ(Value::NumberText("-0").str(), "0");
  // Beyond a double's precision or range, the digits as written survive.
  EXPECT_EQ(Value::NumberText("12345678901234567890").str(), "12345678901234567890");
  EXPECT_EQ(Value::NumberText("1e400").str(), "1e400");
  EXPECT_DOUBLE_EQ(Value::NumberText("2.5").AsDouble(), 2.5);
}

TEST(TfValue, EqualityAndOrder) {
  EXPECT_EQ(Value::Number(1), Value::NumberText("1.0"));
  EXPECT_NE(Value::NumberText("12345678901234567890"), Value::NumberText("12345678901234567891"));
  EXPECT_NE(Value::String("1"), Value::Number(1));
  EXPECT_EQ(Value::Null(), Value::Null());
  EXPECT_NE(Value::Unknown(), Value::Unknown());
  EXPECT_EQ(Value::List({Value::Number(1), Value::String("a")}),
            Value::List({Value::Number(1), Value::String("a")}));
  EXPECT_NE(Value::Map({{"a", Value::Number(1)}}), Value::Map({{"a", Value::Number(2)}}));
  EXPECT_LT(Value::Number(2), Value::Number(10));
  EXPECT_LT(Value::String("10"), Value::String("2"));
  EXPECT_LT(Value::Bool(false), Value::Bool(true));
  EXPECT_LT(Value::Bool(true), Value::Number(0));  // by kind first
  EXPECT_FALSE(Value::Number(3) < Value::Number(3));
}

TEST(TfValue, SetsAreSortedAndDistinctWithUnknownsLast) {
  Value s = Value::Set({Value::String("b"), Value::Unknown({{"x.y", "id"}}), Value::String("a"),
                        Value::String("b")});
  EXPECT_EQ(s.Debug(), R"(["a","b",(unknown x.y.id)])");
  EXPECT_EQ(Value::Set({Value::Number(10), Value::Number(2), Value::Number(2.0)}).Debug(),
            "[2,10]");
  EXPECT_EQ(Value::Set({}).Debug(), "[]");
}

TEST(TfValue, KnownnessAndOrigins) {
  EXPECT_TRUE(Value::List({Value::Number(1)}).WhollyKnown());
  Value nested = Value::Map({{"a", Value::List({Value::Unknown({{"r.b", "arn"}})})},
                             {"b", Value::Unknown({{"r.a", "id"}, {"r.a", "id"}})}});
  EXPECT_FALSE(nested.WhollyKnown());
  const std::vector<Origin> all = nested.AllOrigins();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].address, "r.a");
  EXPECT_EQ(all[0].attr, "id");
  EXPECT_EQ(all[1].address, "r.b");
  Value u = Value::Unknown({{"z", "1"}});
  u.AddOrigins({{"a", "2"}, {"z", "1"}});
  ASSERT_EQ(u.origins().size(), 2u);
  EXPECT_EQ(u.origins()[0].address, "a");
  // A resource map is open: more attributes than those it holds.
  Value role = Value::Map({{"name", Value::String("app")}});
  role.set_resource("aws_iam_role.r");
  EXPECT_FALSE(role.WhollyKnown());
  ASSERT_EQ(role.AllOrigins().size(), 1u);
  EXPECT_EQ(role.AllOrigins()[0].address, "aws_iam_role.r");
  EXPECT_EQ(Json(role), "(no json)");
  // Find.
  ASSERT_NE(role.Find("name"), nullptr);
  EXPECT_EQ(role.Find("name")->str(), "app");
  EXPECT_EQ(role.Find("arn"), nullptr);
  EXPECT_EQ(Value::String("x").Find("x"), nullptr);
}

TEST(TfValue, TypeNamesDebugAndSensitive) {
  EXPECT_STREQ(Value::Null().TypeName(), "null");
  EXPECT_STREQ(Value::Bool(true).TypeName(), "bool");
  EXPECT_STREQ(Value::Number(1).TypeName(), "number");
  EXPECT_STREQ(Value::String("").TypeName(), "string");
  EXPECT_STREQ(Value::List({}).TypeName(), "list");
  EXPECT_STREQ(Value::Map({}).TypeName(), "map");
  EXPECT_STREQ(Value::Unknown().TypeName(), "unknown");
  Value secret = Value::String("pw");
  secret.set_sensitive(true);
  Value v = Value::Map({{"a", Value::List({Value::Number(1), Value::String("x"),
                                           Value::Unknown({{"aws_iam_role.r", "arn"}})})},
                        {"s", secret}});
  EXPECT_EQ(v.Debug(), R"({"a":[1,"x",(unknown aws_iam_role.r.arn)],"s":(sensitive)})");
  EXPECT_TRUE(v.AnySensitive());
  EXPECT_FALSE(v.sensitive());
  EXPECT_EQ(Value::Unknown({{"a.b", ""}}).Debug(), "(unknown a.b)");
}

TEST(TfValue, NodeCountBoundsTheSize) {
  EXPECT_EQ(Value::Number(1).NodeCount(), 1u);
  EXPECT_EQ(Value::List({Value::Number(1), Value::Number(2)}).NodeCount(), 3u);
  EXPECT_EQ(Value::Map({{"a", Value::Number(1)}}).NodeCount(), 3u);
  EXPECT_EQ(Value::String(std::string(640, 'x')).NodeCount(), 11u);
}

TEST(TfValue, JsonAsJsonencodeWritesIt) {
  Value v = Value::Map({{"b", Value::List({Value::Number(1), Value::Bool(true), Value::Null()})},
                        {"a", Value::String("x")},
                        {"n", Value::NumberText("12345678901234567890")}});
  EXPECT_EQ(Json(v), R"({"a":"x","b":[1,true,null],"n":12345678901234567890})");
  // Go's encoding/json: HTML characters, U+2028/U+2029 and control characters escaped.
  EXPECT_EQ(Json(Value::String("<a href=\"x\">&</a>")),
            R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e")");
  EXPECT_EQ(Json(Value::String("\xE2\x80\xA8\xE2\x80\xA9")), R"("\u2028\u2029")");
  EXPECT_EQ(Json(Value::String("\n\r\t\b\f\x01\\")), R"("\n\r\t\b\f\u0001\\")");
  EXPECT_EQ(Json(Value::String("é✓")), "\"é✓\"");
  EXPECT_EQ(Json(Value::String("\xFF")), R"("\ufffd")");
  EXPECT_EQ(Json(Value::List({})), "[]");
  EXPECT_EQ(Json(Value::Map({})), "{}");
  EXPECT_EQ(Json(Value::List({Value::Unknown()})), "(no json)");
}

TEST(TfValue, FromJsonKeepsNumberTextAndReportsErrors) {
  Value v;
  std::string error;
  ASSERT_TRUE(
      FromJson(R"({"b":[1.0,2e2,12345678901234567890],"a":{"c":null,"d":"\u003c"}})", &v, &error));
  EXPECT_EQ(v.Debug(), R"({"a":{"c":null,"d":"\u003c"},"b":[1,200,12345678901234567890]})");
  EXPECT_EQ(v.Find("a")->Find("d")->str(), "<");
  std::string again;
  ASSERT_TRUE(ToJson(v, &again));
  Value back;
  ASSERT_TRUE(FromJson(again, &back, &error));
  EXPECT_EQ(back, v);
  EXPECT_FALSE(FromJson("{\"a\":", &v, &error));
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
  EXPECT_FALSE(FromJson(std::string(1000, '[') + std::string(1000, ']'), &v, &error));
}

}  // namespace
}  // namespace iamlint::tf
