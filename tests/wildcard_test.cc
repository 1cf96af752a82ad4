// The one wildcard matcher (core/wildcard.h): differential tests against brute-force references
// on random patterns (a fixed seed), and hostile sizes an exponential matcher would never finish
// (the ctest timeout catches a regression).
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/wildcard.h"
#include "policy/match.h"
#include "rules/analysis.h"

namespace iamlint {
namespace {

// --- references: plain recursion, exponential, obviously right --------------------------------

bool RefMatch(const std::string& p, size_t i, const std::string& t, size_t j, bool ci) {
  if (i == p.size()) return j == t.size();
  if (p[i] == '*') {
    for (size_t k = j; k <= t.size(); ++k) {
      if (RefMatch(p, i + 1, t, k, ci)) return true;
    }
    return false;
  }
  if (j == t.size()) return false;
  const bool same = ci ? AsciiLower(p[i]) == AsciiLower(t[j]) : p[i] == t[j];
  return (p[i] == '?' || same) && RefMatch(p, i + 1, t, j + 1, ci);
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string::npos) slash = s.size();
    if (slash > start) out.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool RefPath(const std::vector<std::string>& p, size_t i, const std::vector<std::string>& n,
             size_t j) {
  if (i == p.size()) return j == n.size();
  if (p[i] == "**") {
    for (size_t k = j; k <= n.size(); ++k) {
      if (RefPath(p, i + 1, n, k)) return true;
    }
    return false;
  }
  return j < n.size() && RefMatch(p[i], 0, n[j], 0, false) && RefPath(p, i + 1, n, j + 1);
}

/// Every string over `alphabet` up to `max_len` characters.
std::vector<std::string> AllStrings(const std::string& alphabet, size_t max_len) {
  std::vector<std::string> out = {""};
  for (size_t begin = 0, len = 0; len < max_len; ++len) {
    const size_t end = out.size();
    for (size_t i = begin; i < end; ++i) {
      for (char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  return out;
}

std::string RandomPattern(std::mt19937& rng, const std::string& chars, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<size_t> pick(0, chars.size() - 1);
  std::string s;
  for (size_t n = len(rng); n > 0; --n) s.push_back(chars[pick(rng)]);
  return s;
}

// --- differential ------------------------------------------------------------------------------

TEST(Wildcard, MatchAgreesWithBruteForce) {
  std::mt19937 rng(20261201);
  const std::vector<std::string> texts = AllStrings("abA", 6);
  for (int round = 0; round < 400; ++round) {
    const std::string p = RandomPattern(rng, "ab*?A", 6);
    for (const auto& t : texts) {
      ASSERT_EQ(WildcardMatch(p, t, false), RefMatch(p, 0, t, 0, false)) << p << " ~ " << t;
      ASSERT_EQ(WildcardMatch(p, t, true), RefMatch(p, 0, t, 0, true)) << p << " ~i " << t;
    }
  }
}

TEST(Wildcard, OverlapAgreesWithBruteForce) {
  // Two patterns over {a, b} with at most 3 elements each share a string iff they share one of
  // at most 6 characters over {a, b, c} (`c` stands for any other character).
  std::mt19937 rng(7);
  const std::vector<std::string> texts = AllStrings("abc", 6);
  for (int round = 0; round < 600; ++round) {
    const std::string a = RandomPattern(rng, "ab*?", 3);
    const std::string b = RandomPattern(rng, "ab*?", 3);
    bool common = false;
    for (const auto& t : texts) {
      if (RefMatch(a, 0, t, 0, false) && RefMatch(b, 0, t, 0, false)) {
        common = true;
        break;
      }
    }
    ASSERT_EQ(WildcardsOverlap(a, b), common) << a << " / " << b;
    ASSERT_EQ(PatternsOverlap(a, b), common) << a << " / " << b;
  }
}

TEST(Wildcard, CoversIsSound) {
  // Conservative, so only one way: whatever `inner` matches, a covering `outer` matches too.
  std::mt19937 rng(11);
  const std::vector<std::string> texts = AllStrings("ab", 6);
  int covered = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string outer = RandomPattern(rng, "ab*?", 4);
    const std::string inner = RandomPattern(rng, "ab*?", 4);
    if (!WildcardCovers(outer, inner, false)) continue;
    ++covered;
    for (const auto& t : texts) {
      if (RefMatch(inner, 0, t, 0, false)) {
        ASSERT_TRUE(RefMatch(outer, 0, t, 0, false)) << outer << " covers " << inner << ": " << t;
      }
    }
  }
  EXPECT_GT(covered, 100);  // the test exercised the true answers
  EXPECT_TRUE(WildcardCovers("s3:*", "s3:Get*", true));
  EXPECT_TRUE(WildcardCovers("S3:GET*", "s3:getobject", true));
  EXPECT_FALSE(WildcardCovers("s3:Get*", "s3:*", true));
  EXPECT_FALSE(WildcardCovers("s3:GetObject", "s3:GetObject*", true));
}

TEST(Wildcard, PathGlobAgreesWithBruteForce) {
  std::mt19937 rng(3);
  const std::vector<std::string> segs = {"**", "*", "a", "b", "a*", "?", "*b"};
  const std::vector<std::string> names = {"a", "b", "ab", "ba", "aa"};
  std::uniform_int_distribution<size_t> seg(0, segs.size() - 1);
  std::uniform_int_distribution<size_t> name(0, names.size() - 1);
  std::uniform_int_distribution<size_t> len(1, 5);
  for (int round = 0; round < 3000; ++round) {
    std::string pattern = "x";  // a `/` in the pattern: matched from the root
    for (size_t n = len(rng); n > 0; --n) pattern += "/" + segs[seg(rng)];
    std::string path = "x";
    for (size_t n = len(rng) - 1; n > 0; --n) path += "/" + names[name(rng)];
    ASSERT_EQ(PathGlobMatches(pattern, path), RefPath(Split(pattern), 0, Split(path), 0))
        << pattern << " ~ " << path;
  }
}

TEST(Wildcard, KnownAnswers) {
  EXPECT_TRUE(ActionMatches("S3:get*", "s3:GetObject"));
  EXPECT_FALSE(GlobMatches("arn:aws:s3:::B*", "arn:aws:s3:::bucket"));  // resources: case matters
  EXPECT_TRUE(GlobMatches("arn:aws:s3:::b?cket/*", "arn:aws:s3:::bucket/x/y"));
  EXPECT_TRUE(PathGlobMatches("envs/**/*.json", "envs/plan.json"));
  EXPECT_TRUE(PathGlobMatches("**", "a/b"));
  EXPECT_FALSE(PathGlobMatches("envs/*.json", "envs/a/plan.json"));
  EXPECT_TRUE(PathGlobMatches("*.json", "a/b/plan.json"));
  EXPECT_TRUE(WildcardsOverlap("S3:Get*", "s3:*Object", true));
  EXPECT_FALSE(WildcardsOverlap("S3:Get*", "s3:*Object", false));
}

/// The same-document Deny check as a plain scan of every statement (what the index must agree
/// with).
bool RefDenied(const PolicyDocument& doc, const Statement& allow, const std::string& action) {
  for (const auto& st : doc.statements) {
    if (st.effect != Effect::kDeny || !st.conditions.empty() || st.not_action || st.not_resource ||
        !st.has_resource) {
      continue;
    }
    bool actions = false;
    for (const auto& d : st.actions) actions = actions || WildcardCovers(d, action, true);
    if (!actions) continue;
    auto covered = [&](const std::string& r) {
      for (const auto& d : st.resources) {
        if (WildcardCovers(d, r, false)) return true;
      }
      return false;
    };
    bool all = allow.not_resource ? covered("*") : !allow.resources.empty();
    for (const auto& r : allow.resources) all = all && (allow.not_resource || covered(r));
    if (all) return true;
  }
  return false;
}

TEST(Wildcard, SameDocumentDenyAgreesWithAPlainScan) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> few(0, 3);
  for (int round = 0; round < 300; ++round) {
    PolicyDocument doc;
    for (int s = few(rng) + 2; s > 0; --s) {
      Statement st;
      st.effect = few(rng) == 0 ? Effect::kAllow : Effect::kDeny;
      st.has_resource = true;
      st.not_resource = few(rng) == 0;
      if (few(rng) == 0) st.conditions.push_back({"Bool", "aws:SecureTransport", {"true"}});
      for (int a = few(rng) + 1; a > 0; --a) st.actions.push_back(RandomPattern(rng, "sS:*?aG", 5));
      for (int r = few(rng); r > 0; --r) st.resources.push_back(RandomPattern(rng, "ab*?", 3));
      doc.statements.push_back(st);
    }
    Statement allow;
    allow.effect = Effect::kAllow;
    allow.has_resource = true;
    allow.not_resource = few(rng) == 0;
    for (int r = few(rng); r > 0; --r) allow.resources.push_back(RandomPattern(rng, "ab*?", 3));
    for (int q = 0; q < 8; ++q) {
      const std::string action = RandomPattern(rng, "sS:*?aG", 5);
      ASSERT_EQ(DeniedInSameDocument(doc, allow, action), RefDenied(doc, allow, action))
          << "round " << round << ", action " << action;
    }
  }
}

// --- hostile sizes -----------------------------------------------------------------------------

TEST(WildcardHostile, ManyStarsAgainstALongText) {
  std::string p;
  for (int i = 0; i < 200; ++i) p += "*a";
  p += "*b";
  const std::string t(20000, 'a');
  EXPECT_FALSE(WildcardMatch(p, t, false));
  EXPECT_FALSE(WildcardMatch(p, t, true));
  EXPECT_TRUE(WildcardMatch(p, t + "b", false));
}

TEST(WildcardHostile, ManyDoubleStarsAgainstADeepPath) {
  // `**/a/**/a/...` against a deep path of `a`s with a wrong last name: every split of the
  // path between the `**`s fails, which a backtracking matcher tries one by one.
  std::string pattern;
  for (int i = 0; i < 40; ++i) pattern += "**/a/";
  pattern += "x";
  std::string path;
  for (int i = 0; i < 300; ++i) path += "a/";
  EXPECT_FALSE(PathGlobMatches(pattern, path + "y"));
  EXPECT_TRUE(PathGlobMatches(pattern, path + "x"));
  std::string stars;
  for (int i = 0; i < 60; ++i) stars += "**/";
  EXPECT_FALSE(PathGlobMatches(stars + "x", path + "y"));
  std::string segment;
  for (int i = 0; i < 100; ++i) segment += "*a";
  EXPECT_FALSE(PathGlobMatches("d/" + segment + "*b", "d/" + std::string(5000, 'a')));
}

TEST(WildcardHostile, OverlapOfLongPatterns) {
  std::string a;
  std::string b;
  for (int i = 0; i < 1000; ++i) {
    a += "*a";
    b += "a*";
  }
  EXPECT_TRUE(WildcardsOverlap(a + "b", b + "b"));
  EXPECT_FALSE(WildcardsOverlap(a + "b", b + "c"));
}

/// A policy of many Allow statements naming many wildcard actions, and Denies with many
/// patterns: asking, for every action of every Allow, whether a Deny takes it away is what the
/// full-admin, resource-star and service-wildcard rules do.
TEST(WildcardHostile, SameDocumentDenyOfAHugePolicy) {
  PolicyDocument doc;
  for (int d = 0; d < 3; ++d) {
    Statement deny;
    deny.effect = Effect::kDeny;
    deny.has_resource = true;
    deny.resources = {"*"};
    for (int i = 0; i < 3000; ++i) {
      deny.actions.push_back("svc" + std::to_string(i % 50) + ":Get*" + std::to_string(i));
      deny.actions.push_back("svc" + std::to_string(i % 50) + ":Put" + std::to_string(i) + "*");
    }
    doc.statements.push_back(deny);
  }
  Statement deny_iam;
  deny_iam.effect = Effect::kDeny;
  deny_iam.has_resource = true;
  deny_iam.resources = {"*"};
  deny_iam.actions = {"iam:*"};
  doc.statements.push_back(deny_iam);
  for (int s = 0; s < 3000; ++s) {
    Statement allow;
    allow.effect = Effect::kAllow;
    allow.has_resource = true;
    allow.resources = {"*"};
    for (int i = 0; i < 20; ++i) {
      allow.actions.push_back("svc" + std::to_string((s + i) % 50) + ":Get*" +
                              std::to_string(s * 20 + i));
    }
    allow.actions.push_back("iam:*");
    allow.actions.push_back("svc7:Put" + std::to_string(s) + "x");
    doc.statements.push_back(allow);
  }
  size_t denied = 0;
  for (const auto& st : doc.statements) {
    if (st.effect != Effect::kAllow) continue;
    for (const auto& a : st.actions) denied += DeniedInSameDocument(doc, st, a) ? 1 : 0;
  }
  // iam:* (3000), svcN:Put<s>x where a "svc7:Put<s>*" with s % 50 == 7 exists, and the Gets
  // that a "svcK:Get*<n>" pattern matches literally (their text ends in the same number).
  EXPECT_GE(denied, 3000u + 60u);
  // Without the Deny of iam:*, nothing covers it.
  Statement allow = doc.statements.back();
  doc.statements.erase(doc.statements.begin() + 3);
  EXPECT_FALSE(DeniedInSameDocument(doc, allow, "iam:*"));
  EXPECT_TRUE(DeniedInSameDocument(doc, allow, "svc7:Put7x"));
  EXPECT_TRUE(DeniedInSameDocument(doc, allow, "SVC7:put7*"));  // actions: case folds
  EXPECT_FALSE(DeniedInSameDocument(doc, allow, "svc7:Pu*"));
}

}  // namespace
}  // namespace iamlint
