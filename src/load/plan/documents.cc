#include "load/plan/documents.h"

#include <utility>
#include <vector>

#include "load/plan/policy_document.h"
#include "load/unknown_parts.h"

namespace iamlint::plan {

Known<PolicyDocument> PlanDocuments::DocumentOf(const Instance& in, std::string_view attr,
                                                const std::string& pointer_base) {
  const Value* v = KnownAttr(in, attr);
  if (v != nullptr && !input_.Shaped(*v, Want::kString, json::PointerAppend(pointer_base, attr))) {
    return Known<PolicyDocument>::Unknown();
  }
  if (v != nullptr && v->IsString()) {
    return ParseEmbedded(*v, json::PointerAppend(pointer_base, attr));
  }
  std::vector<const Instance*> docs = refs_.Refs(in, attr, "aws_iam_policy_document");
  if (v == nullptr && docs.size() == 1) return DataDocument(*docs[0]);
  if (v == nullptr && !IsUnknown(in.after_unknown, attr) && !refs_.HasReferences(in, attr)) {
    return Known<PolicyDocument>::Absent();
  }
  return Known<PolicyDocument>::Unknown();
}

Known<PolicyDocument> PlanDocuments::ParseEmbedded(const Value& str, const std::string& pointer) {
  if (str.str().empty()) return Known<PolicyDocument>::Absent();
  // Plans repeat policy texts (one trust policy for many roles): each is parsed once.
  auto [it, fresh] = embedded_.try_emplace(str.str());
  Embedded& parsed = it->second;
  if (fresh && !ParsePolicyText(str.str(), &parsed.doc, &parsed.error)) parsed.failed = true;
  if (parsed.failed) {
    input_.Error(&str, pointer, "embedded policy: " + parsed.error);
    return Known<PolicyDocument>::Unknown();
  }
  // Statements point at the string that holds them (the outer pointer), on its line.
  Location loc = input_.Loc(pointer, str.offset());
  // A document of a `.tf` folder known in part (terraform_source/source.cc).
  if (HasUnknownParts(str.str())) {
    return Known<PolicyDocument>::Of(
        PolicyWithUnknownParts(parsed.doc.root(), loc, nullptr, false));
  }
  return Known<PolicyDocument>::Of(PolicyFromJson(parsed.doc.root(), loc, nullptr));
}

/// The document of an aws_iam_policy_document instance: its rendered `json` when known, else
/// emulated from its `statement` blocks (values, else configuration constants).
Known<PolicyDocument> PlanDocuments::DataDocument(const Instance& d) {
  const Value* j = KnownAttr(d, "json");
  if (j != nullptr && j->IsString()) {
    return ParseEmbedded(*j, json::PointerAppend(d.values_pointer(), "json"));
  }
  input_.ShapedAttr(d, "statement", Want::kArray);  // (a located error when not a list)
  PolicyDocumentBlock block;
  block.values = d.values;
  block.unknown = d.after_unknown;
  block.loc = input_.Loc(d.pointer, d.offset);
  // (The pointer escapes the slash, as it always has: `values~1statement`.)
  block.statements_pointer = json::PointerAppend(d.pointer, "values/statement");
  const LocateStatement locate = [this](const std::string& pointer, const Value& b) {
    return input_.Loc(pointer, b.offset());
  };
  if (auto pd = EmulatePolicyDocument(block, locate))
    return Known<PolicyDocument>::Of(std::move(*pd));
  const Value* e = refs_.Expression(d, "statement");
  if (e == nullptr || !e->IsArray()) return Known<PolicyDocument>::Unknown();
  return Known<PolicyDocument>::Of(PolicyDocumentFromExpressions(block, *e));
}

}  // namespace iamlint::plan
