// Differential test: iamlint's policy evaluation against an independent IAM simulator
// (@cloud-copilot/iam-simulate, AGPL-3.0: installed by tests/oracle/install.sh into the build
// folder, run as a separate node process, never linked or shipped).
//
// A seeded generator writes policies and concrete requests covering the policy language
// (Action/NotAction with wildcards and case, Resource/NotResource, policy variables, every
// condition operator family with IfExists and set qualifiers, Deny overriding Allow,
// permissions boundaries, resource policies with principals). Both engines decide every case;
// the cases both decide must agree 100%.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "json/json.h"
#include "policy/eval.h"
#include "policy/parse.h"
#include "policy_gen.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

PolicyDocument ToDoc(const json& j) {
  iamlint::json::Document d;
  iamlint::json::ParseError err;
  std::string text = j.dump();
  EXPECT_TRUE(iamlint::json::Parse(text, &d, &err));
  return PolicyFromJson(d.root(), Location{}, nullptr);
}

Decision Ours(const json& c) {
  std::vector<PolicyDocument> identity;
  for (const auto& p : c["identity"]) identity.push_back(ToDoc(p));
  PolicyDocument boundary;
  PolicyDocument resource;
  EvalPolicies policies;
  for (const auto& d : identity) policies.identity.push_back({"identity", &d});
  if (c.contains("boundary")) {
    boundary = ToDoc(c["boundary"]);
    policies.boundary.push_back({"boundary", &boundary});
  }
  if (c.contains("resourcePolicy")) {
    resource = ToDoc(c["resourcePolicy"]);
    policies.resource.push_back({"resource", &resource});
  }
  EvalRequest r;
  r.principal = c["principal"];
  r.action = c["action"];
  r.resource = c["resource"];
  for (const auto& [k, v] : c["context"].items()) {
    if (v.is_array()) {
      for (const auto& x : v) r.context[k].push_back(x);
    } else {
      r.context[k].push_back(v);
    }
  }
  return Evaluate(policies, r).decision;
}

const char* OracleName(Decision d) {
  switch (d) {
    case Decision::kAllowed:
      return "Allowed";
    case Decision::kExplicitDeny:
      return "ExplicitlyDenied";
    case Decision::kImplicitDeny:
      return "ImplicitlyDenied";
    case Decision::kDepends:
      return "Depends";
  }
  return "";
}

TEST(Differential, AgreesWithTheIamSimulator) {
  const fs::path modules = fs::path(IAMLINT_BUILD_DIR) / "test-tools" / "oracle" / "node_modules";
  if (!fs::exists(modules / "@cloud-copilot" / "iam-simulate")) {
    if (std::getenv("CI") != nullptr && std::string(std::getenv("CI")) == "true") {
      FAIL() << "the IAM simulator oracle is not installed (tests/oracle/install.sh)";
    }
    GTEST_SKIP() << "the IAM simulator oracle is not installed (needs node and npm): skipped";
  }
  // IAMLINT_DIFF_CASES / IAMLINT_DIFF_SEED: longer or other runs when exploring.
  const char* cases_env = std::getenv("IAMLINT_DIFF_CASES");
  const char* seed_env = std::getenv("IAMLINT_DIFF_SEED");
  const int kCases = cases_env != nullptr ? std::atoi(cases_env) : 6000;
  testing::PolicyCaseGenerator gen(
      seed_env != nullptr ? static_cast<uint32_t>(std::strtoul(seed_env, nullptr, 10)) : 20261124u);
  std::vector<json> cases;
  const fs::path in = fs::temp_directory_path() / ("iamlint_diff_" + std::to_string(getpid()));
  {
    std::ofstream f(in);
    for (int i = 0; i < kCases; ++i) {
      cases.push_back(gen.Case(i));
      f << cases.back().dump() << "\n";
    }
  }
  std::string cmd = "node " + testing::ShellQuote(testing::SourcePath("tests/oracle/oracle.mjs")) +
                    " " + testing::ShellQuote(in.string()) + " " +
                    testing::ShellQuote(modules.string());
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[65536];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ASSERT_EQ(pclose(p), 0) << out.substr(0, 2000);
  fs::remove(in);

  std::istringstream lines(out);
  int compared = 0;
  int oracle_errors = 0;
  int undecided = 0;
  int disagreements = 0;
  std::map<std::string, int> by_result;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    json r = json::parse(line);
    const json& c = cases.at(r["id"].get<size_t>());
    if (r["result"] == "error") {
      ++oracle_errors;
      continue;
    }
    std::string ours = OracleName(Ours(c));
    if (ours == "Depends") {
      ++undecided;  // e.g. a KMS key whose key policy the case does not give
      continue;
    }
    ++compared;
    ++by_result[r["result"].get<std::string>()];
    if (ours != r["result"].get<std::string>()) {
      if (const char* dump = std::getenv("IAMLINT_DIFF_DUMP")) {
        std::ofstream(dump, std::ios::app)
            << ours << " " << r["result"].get<std::string>() << " " << c.dump() << "\n";
      }
      if (++disagreements <= 5) {
        ADD_FAILURE() << "disagreement on case " << c["id"] << ": iamlint " << ours
                      << ", simulator " << r["result"] << "\n"
                      << c.dump();
      }
    }
  }
  std::printf(
      "differential: %d cases, %d compared (%d allowed, %d explicit deny, %d implicit "
      "deny), %d rejected by the simulator, %d that iamlint leaves open (depends), %d "
      "disagreements\n",
      kCases, compared, by_result["Allowed"], by_result["ExplicitlyDenied"],
      by_result["ImplicitlyDenied"], oracle_errors, undecided, disagreements);
  EXPECT_EQ(disagreements, 0);
  EXPECT_GE(compared, 5000) << "too few cases decided by both";
  // The generator must exercise every outcome substantially.
  EXPECT_GT(by_result["Allowed"], 500);
  EXPECT_GT(by_result["ExplicitlyDenied"], 500);
  EXPECT_GT(by_result["ImplicitlyDenied"], 500);
}

}  // namespace
}  // namespace iamlint
