// What a CloudFormation expression is worth as far as the template reveals it (Str), shared by
// the files of the CloudFormation loader.
#pragma once

#include <string>

#include "json/json.h"
#include "model/model.h"

namespace iamlint::cfn {

/// A value as far as the template reveals it.
struct Str {
  enum class State { kKnown, kUnknown, kAbsent };
  State state = State::kUnknown;
  std::string text;  // when known (may hold `*` for parts that are not)
  std::string ref;   // the logical ID of the resource it comes from (Ref, GetAtt, ${X})
  std::string attr;  // the attribute (GetAtt X.Arn -> "Arn"; Ref -> "")
  /// For display: the text with unknown parts as written (`${AWS::StackName}-logs`); "" when
  /// it equals `text`.
  std::string raw;
  /// Some part of `text` was not known and stands there as `*`: a pattern over the values it
  /// may take, never the value itself.
  bool wild = false;
  bool known() const { return state == State::kKnown; }
  /// Known exactly: no part of it stands for something the template does not say.
  bool exact() const { return known() && !wild; }
  /// What to call a name built from this value.
  std::string Name(const std::string& fallback) const {
    if (!raw.empty()) return raw;
    return state == State::kKnown ? text : fallback;
  }
};

/// A known value.
inline Str Val(std::string s) {
  Str r;
  r.state = Str::State::kKnown;
  r.text = std::move(s);
  return r;
}

/// An unknown value, coming from resource `ref` (attribute `attr`) when they are given.
inline Str Unk(std::string ref = "", std::string attr = "") {
  Str r;
  r.ref = std::move(ref);
  r.attr = std::move(attr);
  return r;
}

/// `AWS::NoValue`: no value at all (the property or list entry is left out).
inline Str Absent() {
  Str r;
  r.state = Str::State::kAbsent;
  return r;
}

/// A name for display: exact, or with its unknown parts as written (`shop-${Env}`).
inline Known<std::string> NameOf(const Str& s) {
  return s.known() ? Known<std::string>::Of(s.Name(s.text)) : Known<std::string>::Unknown();
}

/// The text of a string, number or boolean; "" for anything else.
inline std::string ScalarText(const json::Value& v) {
  if (v.IsString() || v.IsNumber()) return v.str();
  if (v.IsBool()) return v.AsBool() ? "true" : "false";
  return "";
}

/// The intrinsic function of a one-key object ("Ref", "Condition", "Fn::Sub", ...), or "".
inline const std::string& IntrinsicName(const json::Value& v) {
  static const std::string kNone;
  if (!v.IsObject() || v.members().size() != 1) return kNone;
  const std::string& k = v.members()[0].key;
  if (k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0) return k;
  return kNone;
}

}  // namespace iamlint::cfn
