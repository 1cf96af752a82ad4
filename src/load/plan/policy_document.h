// An emulation of Terraform's `data "aws_iam_policy_document"`: the policy document its
// attribute values render to, with the provider's semantics (`actions` / `not_actions`,
// `resources` / `not_resources`, `principals` / `not_principals` blocks of {type,
// identifiers}, `condition` blocks of {test, variable, values}), and with unknown values kept
// unknown: a statement whose effect, actions, resources or principals are unknown is
// `unknown_core`; merged `source_*` / `override_*` documents make the statement list
// incomplete.
//
// It knows nothing of plan JSON: the input is the data source's attribute values as a
// json::Value (the shape of a plan's `values`) and, optionally, a mask of the same shape that
// is `true` where a value is known only at apply (a plan's `after_unknown`). The plan loader
// calls it on a data source it finds in a plan; the Terraform source loader (issue 13) can
// call it on a `data "aws_iam_policy_document"` block it has evaluated into those values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "json/json.h"
#include "model/model.h"

namespace iamlint::plan {

/// The strings of a list value (or a string value itself); other items are left out.
std::vector<std::string> StringsOf(const json::Value* v);

/// An `aws_iam_policy_document` data source, as attribute values.
struct PolicyDocumentBlock {
  /// Its attributes: `statement` (a list of statement blocks), `source_policy_documents`,
  /// `override_policy_documents`, `source_json`, `override_json`. nullptr: none known.
  const json::Value* values = nullptr;
  /// The same shape as `values`, `true` where a value is known only at apply (Terraform's
  /// `after_unknown`); nullptr when everything in `values` is known.
  const json::Value* unknown = nullptr;
  /// Where the data source is: the document's location (and each statement's, when it is
  /// rebuilt from configuration expressions).
  Location loc;
  /// JSON pointer of `statement`; statement i is located at `statements_pointer`/i.
  std::string statements_pointer;
};

/// The location of statement block `block`, written at JSON pointer `pointer`.
using LocateStatement =
    std::function<Location(const std::string& pointer, const json::Value& block)>;

/// The document the data source renders to, from its `statement` values. std::nullopt when
/// `statement` is not a list in `values` (unknown, or not given there): the caller may know
/// the statements otherwise (PolicyDocumentFromExpressions), else the document is unknown.
std::optional<PolicyDocument> EmulatePolicyDocument(const PolicyDocumentBlock& block,
                                                    const LocateStatement& locate);

/// The document rebuilt from the configuration's `statement` expressions (a plan's
/// `configuration` when the values are unknown until apply): constants are read, references
/// make the parts they are in unknown, `dynamic` blocks make the statement unknown. Every
/// statement is located at the data source.
PolicyDocument PolicyDocumentFromExpressions(const PolicyDocumentBlock& block,
                                             const json::Value& statement_expressions);

}  // namespace iamlint::plan
