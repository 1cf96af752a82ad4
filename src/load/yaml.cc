// YAML -> JSON values, with CloudFormation's short-form tags and the alias budget.
#include "load/yaml.h"

#include <yaml-cpp/yaml.h>

namespace iamlint {
namespace {

using json::Value;

/// Thrown when a YAML document expands beyond its budget (e.g. an alias "billion laughs"):
/// `line` (from 1) is where the node that went over it is written.
struct YamlTooLarge {
  size_t line;
};

/// What one value costs against the budget, besides the bytes of its text: about what it
/// takes in memory.
constexpr size_t kYamlValueCost = sizeof(Value) + 16;

/// Charges `bytes` to `budget`, or throws YamlTooLarge at `n` when it is spent.
void YamlCharge(const YAML::Node& n, size_t bytes, size_t* budget) {
  if (bytes > *budget) {
    throw YamlTooLarge{n.Mark().line >= 0 ? static_cast<size_t>(n.Mark().line) + 1 : 0};
  }
  *budget -= bytes;
}

/// Turns a YAML node into a JSON value, recording offsets so lines can be found. `budget` is
/// the memory in bytes still allowed for the values made (each value's cost and the bytes of
/// its keys and scalars): aliases let a small file name the same long strings and subtrees
/// again and again, expanding it exponentially.
Value YamlToValue(const YAML::Node& n, int depth, size_t* budget, bool read_tag = true) {
  YamlCharge(n, kYamlValueCost + (n.IsScalar() ? n.Scalar().size() : 0), budget);
  size_t offset = n.Mark().pos >= 0 ? static_cast<size_t>(n.Mark().pos) : 0;
  if (depth > 500) return Value::Null(offset);
  // CloudFormation short forms: `!Ref X` is {"Ref": "X"}, `!GetAtt A.B` is
  // {"Fn::GetAtt": ["A", "B"]}, `!Sub ...` is {"Fn::Sub": ...} and so on.
  const std::string& tag = n.Tag();
  if (read_tag && tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
    std::string name = tag.substr(1);
    std::string key = name == "Ref" || name == "Condition" ? name : "Fn::" + name;
    Value inner;
    if (name == "GetAtt" && n.IsScalar()) {
      const std::string& text = n.Scalar();
      size_t dot = text.find('.');
      inner = Value::Array(offset);
      inner.Push(Value::String(text.substr(0, dot), offset));
      if (dot != std::string::npos) inner.Push(Value::String(text.substr(dot + 1), offset));
    } else if (n.IsScalar()) {
      inner = Value::String(n.Scalar(), offset);
    } else {
      inner = YamlToValue(n, depth + 1, budget, /*read_tag=*/false);
    }
    Value obj = Value::Object(offset);
    obj.Add(key, std::move(inner));
    return obj;
  }
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Value obj = Value::Object(offset);
      for (const auto& kv : n) {
        YamlCharge(kv.first, kv.first.Scalar().size(), budget);
        Value v = YamlToValue(kv.second, depth + 1, budget);
        // A block mapping or sequence begins on the line after its key: locate it at the key
        // (`MyRole:`, `Statement:`), the line a reader looks for.
        if ((v.IsObject() || v.IsArray()) && kv.first.Mark().pos >= 0 &&
            static_cast<size_t>(kv.first.Mark().pos) < v.offset()) {
          v.set_offset(static_cast<size_t>(kv.first.Mark().pos));
        }
        obj.Add(kv.first.Scalar(), std::move(v));
      }
      return obj;
    }
    case YAML::NodeType::Sequence: {
      Value arr = Value::Array(offset);
      for (const auto& item : n) arr.Push(YamlToValue(item, depth + 1, budget));
      return arr;
    }
    case YAML::NodeType::Scalar:
      return Value::String(n.Scalar(), offset);
    default:
      return Value::Null(offset);
  }
}

}  // namespace

YamlOutcome YamlToJson(const std::string& text, json::Value* root) {
  YamlOutcome out;
  YAML::Node node;
  try {
    node = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    out.kind = YamlOutcome::Kind::kSyntax;
    out.line = static_cast<size_t>(e.mark.line) + 1;
    out.message = e.msg;
    return out;
  }
  if (!node.IsMap()) {
    out.kind = YamlOutcome::Kind::kNotMapping;
    return out;
  }
  try {
    // Without aliases a document's values take less than this: a value per two bytes of
    // text at most (`[a,a,a]`), each costing kYamlValueCost (about 110 bytes) and its text;
    // a real template has one per twenty bytes or so, so aliases may expand it tenfold.
    size_t budget = (size_t{1} << 20) + text.size() * 64;
    *root = YamlToValue(node, 0, &budget);
  } catch (const YAML::Exception& e) {
    out.kind = YamlOutcome::Kind::kUnreadable;
    out.message = e.msg;
  } catch (const YamlTooLarge& e) {
    out.kind = YamlOutcome::Kind::kTooLarge;
    out.line = e.line;
  }
  return out;
}

}  // namespace iamlint
