#include "load/plan/input.h"

#include <utility>

namespace iamlint::plan {
namespace {

const char* WantName(Want w) {
  switch (w) {
    case Want::kObject:
      return "an object";
    case Want::kArray:
      return "an array";
    case Want::kString:
      return "a string";
    case Want::kObjectOrBool:
      return "an object or a boolean";
  }
  return "";
}

const char* TypeName(const Value& v) {
  if (v.IsObject()) return "an object";
  if (v.IsArray()) return "an array";
  if (v.IsString()) return "a string";
  if (v.IsNumber()) return "a number";
  if (v.IsBool()) return "a boolean";
  return "null";
}

bool HasShape(const Value& v, Want want) {
  switch (want) {
    case Want::kObject:
      return v.IsObject();
    case Want::kArray:
      return v.IsArray();
    case Want::kString:
      return v.IsString();
    case Want::kObjectOrBool:
      return v.IsObject() || v.IsBool();
  }
  return false;
}

}  // namespace

void PlanInput::Error(const Value* at, const std::string& pointer, std::string message) const {
  LoadError e;
  e.file = in_.path;
  e.pointer = pointer;
  e.line = at != nullptr ? in_.doc.LineOf(at->offset()) : 0;
  e.message = std::move(message);
  errors_->push_back(std::move(e));
}

Location PlanInput::Loc(const std::string& pointer, size_t offset) const {
  return Location{in_.path, pointer, in_.doc.LineOf(offset)};
}

bool PlanInput::Shaped(const Value& v, Want want, const std::string& pointer) const {
  if (v.IsNull()) return false;
  const bool ok = HasShape(v, want);
  if (!ok) {
    Error(&v, pointer,
          std::string("not a Terraform plan or state as iamlint reads it: ") + WantName(want) +
              " was expected here, but it is " + TypeName(v) + "; nothing in it was checked");
  }
  return ok;
}

const Value* PlanInput::Get(const Value& parent, std::string_view key, Want want,
                            const std::string& pointer) const {
  const Value* v = parent.Find(key);
  if (v == nullptr) return nullptr;
  return Shaped(*v, want, json::PointerAppend(pointer, key)) ? v : nullptr;
}

const Value* PlanInput::ShapedAttr(const Instance& in, std::string_view attr, Want want) const {
  const Value* v = KnownAttr(in, attr);
  if (v == nullptr) return nullptr;
  return Shaped(*v, want, json::PointerAppend(in.values_pointer(), attr)) ? v : nullptr;
}

}  // namespace iamlint::plan
