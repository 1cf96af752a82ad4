// libFuzzer target: the policy parser and the evaluation engine on arbitrary bytes. The text is
// read as a policy document (JSON, or URL-encoded JSON as the IAM API returns it), normalised,
// and evaluated as identity, boundary and resource policy against requests built from the
// document's own strings (so that wildcards, variables and conditions are exercised).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"
#include "policy/eval.h"
#include "policy/parse.h"

namespace {

void CollectStrings(const iamlint::json::Value& v, std::vector<std::string>* out) {
  if (out->size() >= 16) return;
  if (v.IsString()) out->push_back(v.str());
  for (const auto& item : v.items()) CollectStrings(item, out);
  for (const auto& m : v.members()) CollectStrings(*m.value, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  iamlint::json::Document doc;
  std::string error;
  if (!iamlint::ParsePolicyText(text, &doc, &error)) return 0;
  iamlint::Location loc;
  loc.file = "policy.json";
  const iamlint::PolicyDocument policy = iamlint::PolicyFromJson(doc.root(), loc, &doc.lines());

  std::vector<std::string> strings;
  CollectStrings(doc.root(), &strings);
  strings.emplace_back("s3:GetObject");
  strings.emplace_back("arn:aws:s3:::bucket/key");
  iamlint::EvalPolicies policies;
  policies.identity.push_back({"identity", &policy});
  policies.boundary.push_back({"boundary", &policy});
  policies.resource.push_back({"resource", &policy});
  for (size_t i = 0; i + 1 < strings.size(); i += 2) {
    for (bool complete : {true, false}) {
      iamlint::EvalRequest request;
      request.principal = "arn:aws:iam::111122223333:role/fuzz";
      request.action = strings[i];
      request.resource = strings[i + 1];
      request.context["aws:username"] = {strings[i]};
      request.context["aws:sourceip"] = {"10.0.0.1"};
      request.context_complete = complete;
      (void)iamlint::Evaluate(policies, request);
    }
  }
  return 0;
}
