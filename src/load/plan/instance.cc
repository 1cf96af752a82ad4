#include "load/plan/instance.h"

namespace iamlint::plan {

std::string Instance::local() const { return (mode == "data" ? "data." : "") + type + "." + name; }

std::string Instance::values_pointer() const { return json::PointerAppend(pointer, "values"); }

bool IsAwscc(const std::string& type) { return type.rfind("awscc_", 0) == 0; }

bool IsRoleType(const std::string& type) {
  return type == "aws_iam_role" || type == "awscc_iam_role";
}

bool IsUnknown(const Value* after_unknown, std::string_view attr) {
  if (after_unknown == nullptr) return false;
  const Value* v = after_unknown->Find(attr);
  return v != nullptr && v->IsBool() && v->AsBool();
}

const Value* KnownAttr(const Instance& in, std::string_view attr) {
  if (in.values == nullptr) return nullptr;
  const Value* v = in.values->Find(attr);
  if (v == nullptr || v->IsNull()) return nullptr;
  return v;
}

std::string StringAttr(const Instance& in, std::string_view attr) {
  const Value* v = KnownAttr(in, attr);
  return v != nullptr && v->IsString() ? v->str() : std::string();
}

std::string RoleNameFromArn(const std::string& arn) {
  size_t role = arn.find(":role/");
  if (role == std::string::npos) return "";
  size_t slash = arn.rfind('/');
  return arn.substr(slash + 1);
}

std::string IndexKey(const Value* index) {
  if (index == nullptr || index->IsNull()) return "";
  if (index->IsNumber()) return index->str();
  if (index->IsString()) {
    std::string q;
    json::AppendQuoted(&q, index->str());
    return q;
  }
  return "";
}

}  // namespace iamlint::plan
