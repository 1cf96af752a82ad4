// The engine asked about a resource pattern (EvaluatePattern): every resource the pattern
// matches, none, or cannot tell -- checked by hand and against brute force, and the witness
// strings core/wildcard finds for it.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/wildcard.h"
#include "json/json.h"
#include "policy/eval.h"
#include "policy/parse.h"

namespace iamlint {
namespace {

PolicyDocument Doc(const std::string& text) {
  json::Document d;
  json::ParseError err;
  EXPECT_TRUE(json::Parse(text, &d, &err)) << err.message;
  return PolicyFromJson(d.root(), Location{}, nullptr);
}

EvalRequest Ask(const std::string& resource) {
  EvalRequest r;
  r.principal = "arn:aws:iam::123456789012:role/compute";
  r.action = "dynamodb:PutItem";
  r.resource = resource;
  r.context_complete = false;
  return r;
}

const char* kAppTables = "arn:aws:dynamodb:*:*:table/app-*";

PatternResult OnPattern(const std::string& identity, const std::string& pattern,
                        const std::string& boundary = "") {
  static PolicyDocument id;
  static PolicyDocument b;
  id = Doc(identity);
  EvalPolicies p;
  p.identity.push_back({"identity", &id});
  if (!boundary.empty()) {
    b = Doc(boundary);
    p.boundary.push_back({"boundary", &b});
  }
  return EvaluatePattern(p, Ask(pattern));
}

TEST(EvaluatePattern, AGrantCoveringThePatternAllowsEveryResource) {
  auto r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "Resource": "arn:aws:dynamodb:*:*:table/*"}})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kAllowed);
}

TEST(EvaluatePattern, AGrantElsewhereAllowsNone) {
  auto r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "Resource": "arn:aws:s3:::*"}})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  // `*` matches colons too: `...:*:table/web-*` and `...:*:table/app-*` share
  // `...::table/app-:table/web-`, so set-wise it cannot tell; a witness of the pattern's shape
  // shows the refusal.
  r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "Resource": "arn:aws:dynamodb:*:*:table/web-*"}})",
                kAppTables);
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_EQ(r.refused_on, "arn:aws:dynamodb:::table/app-");
  EXPECT_TRUE(r.allowed_on.empty());
}

TEST(EvaluatePattern, AGrantOnPartOfThePatternIsCannotTellWithWitnesses) {
  auto r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "Resource": "arn:aws:dynamodb:eu-west-1:*:table/app-users"}})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_TRUE(r.missing_keys.empty()) << "it depends on the resource, not on a condition";
  EXPECT_EQ(r.allowed_on, "arn:aws:dynamodb:eu-west-1::table/app-users");
  EXPECT_EQ(r.refused_on, "arn:aws:dynamodb:::table/app-");
  EXPECT_FALSE(r.refused_explicitly);
}

TEST(EvaluatePattern, ADenyOnPartOfThePatternGivesAnExplicitWitness) {
  auto r = OnPattern(R"({"Statement": [
    {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:*:*:table/app-prod-*"}]})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_EQ(r.refused_on, "arn:aws:dynamodb:::table/app-prod-");
  EXPECT_TRUE(r.refused_explicitly);
  EXPECT_FALSE(r.allowed_on.empty());
}

TEST(EvaluatePattern, AWitnessIsAResourceOfThePatternsShape) {
  // The patterns share `...:table/app-:table/billing-` (a `*` takes colons), no table's ARN.
  auto r = OnPattern(R"({"Statement": [
    {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:*:*:table/billing-*"}]})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_TRUE(r.refused_on.empty()) << r.refused_on;
}

TEST(EvaluatePattern, ADenyCoveringThePatternDeniesEveryResource) {
  auto r = OnPattern(R"({"Statement": [
    {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:*:*:table/*"}]})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kExplicitDeny);
}

TEST(EvaluatePattern, AConditionalGrantDependsOnItsKeysAndHasNoRefusedWitness) {
  auto r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_EQ(r.missing_keys, std::vector<std::string>{"aws:SourceIp"});
  EXPECT_TRUE(r.refused_on.empty()) << "a condition that may hold is never a refusal";
}

TEST(EvaluatePattern, NotResourceExcludingThePatternAllowsNone) {
  auto r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "NotResource": "arn:aws:dynamodb:*:*:table/*"}})",
                     kAppTables);
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
  r = OnPattern(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "NotResource": "arn:aws:s3:::*"}})",
                kAppTables);
  EXPECT_EQ(r.decision, Decision::kAllowed);
}

TEST(EvaluatePattern, ABoundaryOnAnotherServiceRefusesEveryResource) {
  auto r = OnPattern(
      R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}})", kAppTables,
      R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
  EXPECT_EQ(r.decision, Decision::kImplicitDeny);
}

TEST(EvaluatePattern, AResourcePolicyCountsOnlyOnItsOwnResource) {
  PolicyDocument none = Doc(R"({"Statement": []})");
  PolicyDocument table = Doc(R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:*",
    "Principal": {"AWS": "arn:aws:iam::123456789012:role/compute"}, "Resource": "*"}})");
  EvalPolicies p;
  p.identity.push_back({"identity", &none});
  const std::string users = "arn:aws:dynamodb:eu-west-1:123456789012:table/app-users";
  p.resource.push_back({"table policy", &table, {users}});
  EXPECT_EQ(EvaluatePattern(p, Ask(users)).decision, Decision::kAllowed);
  PatternResult r = EvaluatePattern(p, Ask(kAppTables));
  EXPECT_EQ(r.decision, Decision::kDepends);
  EXPECT_EQ(r.allowed_on, users);
  EXPECT_FALSE(r.refused_on.empty());
  EXPECT_EQ(Evaluate(p, Ask("arn:aws:dynamodb:eu-west-1:123456789012:table/app-orders")).decision,
            Decision::kImplicitDeny)
      << "a resource policy with applies_to does not govern other resources";
}

// --- brute force -----------------------------------------------------------------------------

std::string RandomPattern(std::mt19937& rng, size_t max_len, bool wild) {
  static const char kLetters[] = "ab";
  static const char kAll[] = "ab*?";
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::string out;
  for (size_t i = len(rng); i > 0; --i) out.push_back(wild ? kAll[rng() % 4] : kLetters[rng() % 2]);
  return out;
}

std::string RandomPolicy(std::mt19937& rng) {
  std::string out = R"({"Statement": [)";
  const size_t n = 1 + rng() % 3;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += ",";
    out += std::string(R"({"Effect": ")") + (rng() % 3 == 0 ? "Deny" : "Allow") +
           R"(", "Action": "dynamodb:*", ")" + (rng() % 5 == 0 ? "NotResource" : "Resource") +
           R"(": [")" + RandomPattern(rng, 4, true) + R"(", ")" + RandomPattern(rng, 4, true) +
           R"("])";
    if (rng() % 5 == 0) out += R"(, "Condition": {"StringEquals": {"k": "v"}})";
    out += "}";
  }
  return out + "]}";
}

void Strings(const std::string& prefix, size_t left, std::vector<std::string>* out) {
  out->push_back(prefix);
  if (left == 0) return;
  Strings(prefix + "a", left - 1, out);
  Strings(prefix + "b", left - 1, out);
}

bool Refused(Decision d) { return d == Decision::kExplicitDeny || d == Decision::kImplicitDeny; }

TEST(EvaluatePattern, EveryAnswerHoldsForEveryResourceBruteForce) {
  std::mt19937 rng(12);
  std::vector<std::string> all;
  Strings("", 6, &all);
  size_t definite = 0;
  size_t witnessed = 0;
  constexpr size_t kCases = 3000;
  for (size_t c = 0; c < kCases; ++c) {
    PolicyDocument id = Doc(RandomPolicy(rng));
    PolicyDocument b = Doc(RandomPolicy(rng));
    EvalPolicies p;
    p.identity.push_back({"identity", &id});
    if (rng() % 3 == 0) p.boundary.push_back({"boundary", &b});
    const std::string q = RandomPattern(rng, 4, true);
    const PatternResult r = EvaluatePattern(p, Ask(q));
    SCOPED_TRACE("pattern \"" + q + "\"");
    for (const auto& w : all) {
      if (!WildcardMatch(q, w, false)) continue;
      const Decision d = Evaluate(p, Ask(w)).decision;
      if (r.decision == Decision::kAllowed) {
        ASSERT_EQ(d, Decision::kAllowed) << w;
      } else if (r.decision == Decision::kExplicitDeny) {
        ASSERT_EQ(d, Decision::kExplicitDeny) << w;
      } else if (r.decision == Decision::kImplicitDeny) {
        ASSERT_TRUE(Refused(d)) << w;
      }
    }
    if (r.decision != Decision::kDepends) ++definite;
    if (!r.refused_on.empty()) {
      ++witnessed;
      ASSERT_TRUE(WildcardMatch(q, r.refused_on, false));
      const Decision d = Evaluate(p, Ask(r.refused_on)).decision;
      ASSERT_TRUE(Refused(d));
      ASSERT_EQ(d == Decision::kExplicitDeny, r.refused_explicitly);
    }
    if (!r.allowed_on.empty()) {
      ASSERT_TRUE(WildcardMatch(q, r.allowed_on, false));
      ASSERT_EQ(Evaluate(p, Ask(r.allowed_on)).decision, Decision::kAllowed);
    }
  }
  // Not a test that passes by answering "cannot tell" to everything.
  EXPECT_GT(definite, kCases / 3);
  EXPECT_GT(witnessed, kCases / 10);
}

TEST(WildcardsCommonString, IsMatchedByBothAndFoundWhenEverTheyOverlap) {
  std::mt19937 rng(7);
  for (int c = 0; c < 20000; ++c) {
    const std::string a = RandomPattern(rng, 6, true);
    const std::string b = RandomPattern(rng, 6, true);
    std::string w;
    const bool found = WildcardsCommonString(a, b, &w);
    ASSERT_EQ(found, WildcardsOverlap(a, b)) << a << " / " << b;
    if (!found) continue;
    ASSERT_TRUE(WildcardMatch(a, w, false)) << a << " / " << b << " -> " << w;
    ASSERT_TRUE(WildcardMatch(b, w, false)) << a << " / " << b << " -> " << w;
  }
}

}  // namespace
}  // namespace iamlint
