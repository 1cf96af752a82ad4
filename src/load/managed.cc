#include "data/managed_policies.h"
#include "load/loaders.h"

namespace iamlint {

Known<PolicyDocument> BundledManagedPolicy(const std::string& arn) {
  std::optional<std::string_view> text = ManagedPolicyDocument(arn);
  if (!text) return Known<PolicyDocument>::Unknown();
  json::Document doc;
  json::ParseError err;
  if (!json::Parse(*text, &doc, &err)) return Known<PolicyDocument>::Unknown();
  // Statements of bundled policies point at the policy's ARN: there is no file to open.
  Location loc{"(bundled AWS managed policy) " + arn, "", 0};
  return Known<PolicyDocument>::Of(PolicyFromJson(doc.root(), loc, nullptr));
}

}  // namespace iamlint
