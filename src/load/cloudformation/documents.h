// The policy documents of a template: written out (with intrinsics evaluated inside them), JSON
// text, or JSON text built by Fn::Sub / Fn::Join. Parts that cannot be known are marked, and
// the statements holding them marked unknown; within a Resource, a part not known is kept as `*`
// in an Allow (a pattern over every value it may take) and unknown anywhere else.
#pragma once

#include <string>

#include "json/json.h"
#include "load/cloudformation/evaluator.h"
#include "load/cloudformation/template.h"
#include "model/model.h"

namespace iamlint::cfn {

class DocumentReader {
 public:
  DocumentReader(const Template& t, const Evaluator& ev) : t_(t), ev_(ev) {}

  /// The document `v` (at `pointer`); absent when `v` is null.
  Known<PolicyDocument> Document(const json::Value* v, const std::string& pointer) const;

 private:
  json::Value ResolveTree(const json::Value& v, int depth, bool statements, bool resource,
                          bool* statements_unknown) const;
  Known<PolicyDocument> TextDocument(const std::string& text, const json::Value& at,
                                     const std::string& pointer, const std::string& how) const;
  Known<PolicyDocument> BuiltDocument(const json::Value& v, const std::string& fn,
                                      const std::string& pointer) const;

  const Template& t_;
  const Evaluator& ev_;
};

}  // namespace iamlint::cfn
