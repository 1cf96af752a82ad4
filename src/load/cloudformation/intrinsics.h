// CloudFormation's intrinsic functions as a table: one function per intrinsic (Ref,
// Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select, Fn::FindInMap), each evaluating its
// argument as far as the template allows. Fn::Split makes a list and is read by Fn::Select.
// Those whose value the template does not hold (Fn::ImportValue, Fn::Base64, Fn::GetAZs, ...)
// are not in the table: unknown.
#pragma once

#include <string_view>

#include "json/json.h"
#include "load/cloudformation/evaluator.h"
#include "load/cloudformation/value.h"

namespace iamlint::cfn {

/// One call of an intrinsic function.
struct Call {
  const json::Value& arg;  // the function's argument: `{"Fn::Sub": ARG}`
  int depth;               // of the evaluation, against runaway nesting
  /// In a string Fn::Sub or Fn::Join builds, what stands for a part not known exactly;
  /// nullptr: `*`, a pattern over the values it may take.
  const char* unknown_as = nullptr;
};

using IntrinsicFn = Str (*)(const Evaluator& ev, const Call& call);

/// The function of the intrinsic `name` ("Ref", "Fn::Sub", ...), or nullptr when its value is
/// not in the template.
IntrinsicFn IntrinsicNamed(std::string_view name);

}  // namespace iamlint::cfn
