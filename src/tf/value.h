// Values of Terraform expressions, as iamlint evaluates a configuration without a plan.
//
// A Value is null, a bool, a number, a string, a list (tuples, lists and sets: sets are kept
// sorted and distinct), a map (objects and maps, keys sorted as Terraform sorts them), or
// *unknown*: known only at apply (a computed attribute such as a role's `arn`), or never
// given (a variable without a value). Unknown values keep their *origins*: the resource
// attributes they come from, so `aws_iam_role.app.arn` still names role `app` although its
// ARN is unknown -- the way a plan's `configuration.references` do.
//
// A map read from a resource instance (`aws_iam_role.app`) remembers that instance: reading
// an attribute the configuration does not set gives an unknown value whose origin is that
// attribute, and an unknown read from it gains that origin.
//
// Values are small trees, copied freely (the evaluator bounds their size, see eval.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace iamlint::tf {

/// Where an unknown value comes from: an attribute of a resource instance, by absolute
/// address (`module.web["dev"].aws_iam_role.service`, `data.aws_iam_policy_document.p`), and
/// the attribute (`arn`; "" for the whole instance).
struct Origin {
  std::string address;
  std::string attr;
  bool operator<(const Origin& o) const;
  bool operator==(const Origin& o) const;
};

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kList, kMap, kUnknown };

  Value() = default;
  static Value Null();
  static Value Bool(bool b);
  /// A number from its decimal text as written (kept, so `1e400` and 20-digit ids survive);
  /// arithmetic uses the double.
  static Value Number(double d);
  static Value NumberText(std::string text);
  static Value String(std::string s);
  static Value List(std::vector<Value> items);
  /// A set: the items sorted and made distinct (unknown items kept in order at the end); a
  /// kList with is_set() true.
  static Value Set(std::vector<Value> items);
  static Value Map(std::map<std::string, Value> members);
  static Value Unknown(std::vector<Origin> origins = {});

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsUnknown() const { return kind_ == Kind::kUnknown; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsList() const { return kind_ == Kind::kList; }
  bool IsMap() const { return kind_ == Kind::kMap; }
  /// A kList made by Set(): its elements have no index (a `for` over it binds each element
  /// as key and value; `s[0]` is an error).
  bool is_set() const { return set_; }
  /// True when neither this value nor anything in it is unknown. A map read from a resource
  /// instance (resource() set) is not wholly known: the resource has attributes the
  /// configuration does not set (its keys, length and JSON text are unknown).
  bool WhollyKnown() const;

  bool AsBool() const { return bool_; }
  double AsDouble() const { return number_; }
  /// kString: the text. kNumber: its canonical text (`1`, `1.5`, the literal as written).
  const std::string& str() const { return str_; }
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& mutable_items() { return items_; }
  const std::map<std::string, Value>& members() const { return members_; }
  std::map<std::string, Value>& mutable_members() { return members_; }
  /// kMap: the member, or nullptr.
  const Value* Find(const std::string& key) const;

  /// kUnknown: where it comes from (sorted, distinct). Known values built from unknown ones
  /// never keep origins; unknown ones built from several keep them all.
  const std::vector<Origin>& origins() const { return origins_; }
  void AddOrigins(const std::vector<Origin>& more);
  /// Every origin of the unknown values in this value (sorted, distinct), and {address, ""}
  /// for each resource map in it.
  std::vector<Origin> AllOrigins() const;

  /// Marked `sensitive` (a sensitive variable or output, or built from one): never printed.
  bool sensitive() const { return sensitive_; }
  /// This value or anything in it is sensitive.
  bool AnySensitive() const;
  void set_sensitive(bool s) { sensitive_ = s; }

  /// kUnknown made by `jsonencode` of a value with unknown parts: that value, else nullptr.
  /// Terraform knows nothing of such a text until apply; a loader that reads one kind of
  /// text part by part (ECS container definitions) may read its known parts.
  const Value* encoded() const { return encoded_.get(); }
  void set_encoded(Value v) { encoded_ = std::make_shared<const Value>(std::move(v)); }

  /// A map read from a resource instance: its absolute address (see the file comment).
  const std::string& resource() const { return resource_; }
  void set_resource(std::string address) { resource_ = std::move(address); }

  /// Terraform's equality (`==`): numbers by value, lists and maps element-wise. Unknown
  /// values are equal to nothing (callers test IsUnknown first).
  bool operator==(const Value& o) const;
  bool operator!=(const Value& o) const { return !(*this == o); }
  /// The order sets and `sort` use: by kind, then value.
  bool operator<(const Value& o) const;

  /// Type name for messages: "string", "number", "bool", "list", "map", "null", "unknown".
  const char* TypeName() const;
  /// Compact text for tests and debugging (`{"a":[1,"x",(unknown aws_iam_role.r.arn)]}`);
  /// sensitive values print as `(sensitive)`.
  std::string Debug() const;
  /// An upper bound on the nodes of this value (for the evaluator's size limit): one per
  /// value and map key, plus one per 64 bytes of string text.
  size_t NodeCount() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  bool sensitive_ = false;
  bool set_ = false;
  double number_ = 0;
  std::string str_;
  std::vector<Value> items_;
  std::map<std::string, Value> members_;
  std::vector<Origin> origins_;
  std::string resource_;
  std::shared_ptr<const Value> encoded_;  // shared by copies: the value never changes
};

/// The value as Terraform's jsonencode writes it (keys sorted, numbers as their text, no
/// spaces). False when it is not WhollyKnown() (no text can be written then).
bool ToJson(const Value& v, std::string* out);

/// Appends `s` as a JSON string the way jsonencode writes it (Go's encoding/json: `<`, `>`,
/// `&`, U+2028, U+2029 and control characters as \u escapes).
void AppendJsonString(const std::string& s, std::string* out);

/// A JSON text read as jsondecode does (objects become maps, arrays lists). False (with a
/// message) when the text is no JSON.
bool FromJson(const std::string& text, Value* out, std::string* error);

}  // namespace iamlint::tf
