// Evaluations per second of iamlint's policy engine on generated cases (policies parsed from
// JSON and evaluated, per case), and the same cases written out for the simulator's timing.
// usage: iamlint_eval_bench N CASES_OUT.jsonl
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "json/json.h"
#include "policy/eval.h"
#include "policy/parse.h"
#include "policy_gen.h"

namespace {

iamlint::PolicyDocument Parse(const std::string& text) {
  iamlint::json::Document d;
  iamlint::json::ParseError err;
  iamlint::json::Parse(text, &d, &err);
  return iamlint::PolicyFromJson(d.root(), iamlint::Location{}, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: iamlint_eval_bench N CASES_OUT.jsonl\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  iamlint::testing::PolicyCaseGenerator gen(7);
  std::vector<nlohmann::json> cases;
  std::vector<std::string> texts;
  std::ofstream out(argv[2]);
  for (int i = 0; i < n; ++i) {
    cases.push_back(gen.Case(i));
    out << cases.back().dump() << "\n";
  }
  // Serialise the policies up front: both engines start from policy JSON text.
  struct Prepared {
    std::vector<std::string> identity;
    std::string boundary;
    std::string resource;
    iamlint::EvalRequest request;
  };
  std::vector<Prepared> prepared;
  for (const auto& c : cases) {
    Prepared p;
    for (const auto& doc : c["identity"]) p.identity.push_back(doc.dump());
    if (c.contains("boundary")) p.boundary = c["boundary"].dump();
    if (c.contains("resourcePolicy")) p.resource = c["resourcePolicy"].dump();
    p.request.principal = c["principal"];
    p.request.action = c["action"];
    p.request.resource = c["resource"];
    for (const auto& [k, v] : c["context"].items()) {
      if (v.is_array()) {
        for (const auto& x : v) p.request.context[k].push_back(x);
      } else {
        p.request.context[k].push_back(v);
      }
    }
    prepared.push_back(std::move(p));
  }
  size_t allowed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& p : prepared) {
    std::vector<iamlint::PolicyDocument> identity;
    for (const auto& t : p.identity) identity.push_back(Parse(t));
    iamlint::PolicyDocument boundary;
    iamlint::PolicyDocument resource;
    iamlint::EvalPolicies policies;
    for (const auto& d : identity) policies.identity.push_back({"identity", &d});
    if (!p.boundary.empty()) {
      boundary = Parse(p.boundary);
      policies.boundary.push_back({"boundary", &boundary});
    }
    if (!p.resource.empty()) {
      resource = Parse(p.resource);
      policies.resource.push_back({"resource", &resource});
    }
    if (iamlint::Evaluate(policies, p.request).decision == iamlint::Decision::kAllowed) ++allowed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("iamlint %d %.6f %zu\n", n, seconds, allowed);
  return 0;
}
