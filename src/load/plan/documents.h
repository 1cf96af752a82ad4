// Policy documents of a plan: a JSON string attribute (parsed once per distinct text), or
// the document a referenced `aws_iam_policy_document` data source renders (its `json` when
// known, else emulated from its statements).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "load/plan/references.h"

namespace iamlint::plan {

class PlanDocuments {
 public:
  PlanDocuments(const PlanInput& input, const References& refs) : input_(input), refs_(refs) {}

  /// The document attribute `attr` of an instance holds (a JSON string, at
  /// `pointer_base`/attr), or renders through a referenced aws_iam_policy_document. Absent
  /// when the attribute is known not to be set; unknown when it cannot be told.
  Known<PolicyDocument> DocumentOf(const Instance& in, std::string_view attr,
                                   const std::string& pointer_base);

  /// A policy text embedded in the JSON string `str` (at `pointer`); a located error (and an
  /// unknown document) when it is no policy.
  Known<PolicyDocument> ParseEmbedded(const Value& str, const std::string& pointer);

 private:
  Known<PolicyDocument> DataDocument(const Instance& d);

  const PlanInput& input_;
  const References& refs_;
  /// A policy text embedded in a string, parsed.
  struct Embedded {
    json::Document doc;
    bool failed = false;
    std::string error;
  };
  std::unordered_map<std::string, Embedded> embedded_;  // by text
};

}  // namespace iamlint::plan
