// Reading a template's policy documents, intrinsics evaluated and unknown parts marked.
#include "load/cloudformation/documents.h"

#include <vector>

#include "load/cloudformation/intrinsics.h"
#include "load/unknown_parts.h"

namespace iamlint::cfn {
namespace {

using json::Value;

bool IsNoValue(const Value& v) {
  return IntrinsicName(v) == "Ref" && v.members()[0].value->IsString() &&
         v.members()[0].value->str() == "AWS::NoValue";
}

Value CopyOf(const Value& v) {
  if (v.IsString()) return Value::String(v.str(), v.offset());
  if (v.IsNumber()) return Value::Number(v.str(), v.offset());
  if (v.IsBool()) return Value::Bool(v.AsBool(), v.offset());
  return Value::Null(v.offset());
}

/// A copy of `v` where a string holding the unknown marker is the marker alone, or, within a
/// Resource, a pattern with `*` for each unknown part (as ResolveTree makes them). A key
/// holding it clears `ok`.
Value MarkUnknown(const Value& v, bool resource, bool* ok) {
  if (v.IsObject()) {
    Value obj = Value::Object(v.offset());
    for (const auto& m : v.members()) {
      if (m.key.find(kUnknownPart) != std::string::npos) *ok = false;
      obj.Add(m.key, MarkUnknown(*m.value, m.key == "Resource" || m.key == "NotResource", ok));
    }
    return obj;
  }
  if (v.IsArray()) {
    Value arr = Value::Array(v.offset());
    for (const auto& item : v.items()) arr.Push(MarkUnknown(item, resource, ok));
    return arr;
  }
  if (!v.IsString() || v.str().find(kUnknownPart) == std::string::npos) return CopyOf(v);
  if (resource) {
    std::string pattern = v.str();
    const std::string marker(kUnknownPart);
    for (size_t at = pattern.find(marker); at != std::string::npos;
         at = pattern.find(marker, at + 1)) {
      pattern.replace(at, marker.size(), "*");
    }
    if (pattern.find_first_not_of('*') != std::string::npos) {
      return Value::String(kPatternPart + pattern, v.offset());
    }
  }
  return Value::String(kUnknownPart, v.offset());
}

}  // namespace

Known<PolicyDocument> DocumentReader::Document(const Value* v, const std::string& pointer) const {
  if (v == nullptr) return Known<PolicyDocument>::Absent();
  if (const std::string& fn = IntrinsicName(*v); !fn.empty()) {
    return BuiltDocument(*v, fn, pointer);
  }
  if (v->IsString()) return TextDocument(v->str(), *v, pointer, "");
  if (const Value* st = v->IsObject() ? v->Find("Statement") : nullptr;
      st != nullptr && !IntrinsicName(*st).empty()) {
    return Known<PolicyDocument>::Unknown();  // the whole statement list is chosen at deploy
  }
  bool statements_unknown = false;
  Value resolved = ResolveTree(*v, 0, false, false, &statements_unknown);
  return Known<PolicyDocument>::Of(PolicyWithUnknownParts(
      resolved, t_.Loc(pointer, v), &t_.file().doc.lines(), statements_unknown));
}

/// A copy of a policy document with intrinsics evaluated (unknown ones become the marker;
/// `AWS::NoValue` drops the element). A value with unknown parts is unknown too (an action
/// `${Service}:*` is not every action of every service), except within `resource`, where
/// it is kept as a pattern with kPatternPart in front. A statement chosen by an intrinsic sets
/// `statements_unknown`.
Value DocumentReader::ResolveTree(const Value& v, int depth, bool statements, bool resource,
                                  bool* statements_unknown) const {
  if (depth > 64) return Value::String(kUnknownPart, v.offset());
  if (!IntrinsicName(v).empty()) {
    Str s = ev_.Resolve(v, depth);
    if (s.exact()) return Value::String(s.text, v.offset());
    if (s.known() && resource && s.text.find_first_not_of('*') != std::string::npos) {
      return Value::String(kPatternPart + s.text, v.offset());
    }
    return Value::String(kUnknownPart, v.offset());
  }
  if (v.IsObject()) {
    Value obj = Value::Object(v.offset());
    for (const auto& m : v.members()) {
      if (IsNoValue(*m.value)) continue;
      obj.Add(m.key,
              ResolveTree(*m.value, depth + 1, m.key == "Statement",
                          m.key == "Resource" || m.key == "NotResource", statements_unknown));
    }
    return obj;
  }
  if (v.IsArray()) {
    Value arr = Value::Array(v.offset());
    for (const auto& item : v.items()) {
      if (IsNoValue(item)) continue;
      if (statements && !IntrinsicName(item).empty()) {
        // A statement chosen by Fn::If (or built otherwise): it may or may not be there.
        *statements_unknown = true;
        continue;
      }
      arr.Push(ResolveTree(item, depth + 1, false, resource, statements_unknown));
    }
    return arr;
  }
  return CopyOf(v);
}

/// A document given as JSON text: written out, or built by intrinsics (`how` says which).
/// Text that is not JSON is a located error: IAM refuses it at deploy.
Known<PolicyDocument> DocumentReader::TextDocument(const std::string& text, const Value& at,
                                                   const std::string& pointer,
                                                   const std::string& how) const {
  json::Document d;
  std::string error;
  if (!ParsePolicyText(text, &d, &error)) {
    t_.Error(&at, pointer, "the policy document" + how + " is a string but not JSON: " + error);
    return Known<PolicyDocument>::Unknown();
  }
  return Known<PolicyDocument>::Of(PolicyFromJson(d.root(), t_.Loc(pointer, &at), nullptr));
}

/// A document given by an intrinsic: JSON text built by Fn::Sub / Fn::Join (or a parameter's
/// default) is read as written out when every part of it is known. With unknown parts, each
/// is a marker inside its JSON string, read as ResolveTree reads unknown values; one outside
/// a string (`"Action": ${Actions}`) or in a key leaves the document unknown.
Known<PolicyDocument> DocumentReader::BuiltDocument(const Value& v, const std::string& fn,
                                                    const std::string& pointer) const {
  const std::string how = fn == "Ref" ? " (a parameter's default)" : " built by " + fn;
  Str s = ev_.Resolve(v, 0);
  if (s.exact()) return TextDocument(s.text, v, pointer, how);
  if (fn != "Fn::Sub" && fn != "Fn::Join") return Known<PolicyDocument>::Unknown();
  Str marked = IntrinsicNamed(fn)(ev_, Call{*v.members()[0].value, 0, kUnknownPartInJson});
  json::Document d;
  std::string error;
  if (!marked.known() || !ParsePolicyText(marked.text, &d, &error)) {
    return Known<PolicyDocument>::Unknown();
  }
  bool ok = true;
  Value resolved = MarkUnknown(d.root(), false, &ok);
  const Value* st = resolved.IsObject() ? resolved.Find("Statement") : nullptr;
  if (!ok || (st != nullptr && st->IsString())) return Known<PolicyDocument>::Unknown();
  if (st != nullptr && st->IsArray()) {
    for (const auto& item : st->items()) {
      if (item.IsString()) return Known<PolicyDocument>::Unknown();
    }
  }
  return Known<PolicyDocument>::Of(
      PolicyWithUnknownParts(resolved, t_.Loc(pointer, &v), nullptr, false));
}

}  // namespace iamlint::cfn
