// Reading the fields of an AWS CLI dump, each type-checked where it is read: a field of the
// wrong type is a located input error (file, JSON pointer, line) and reads as absent; absent
// and null fields are absent (the CLI omits unset fields).
#pragma once

#include <string>
#include <vector>

#include "json/json.h"
#include "load/loaders.h"

namespace iamlint::aws_cli {

class Fields {
 public:
  Fields(const InputFile& in, std::vector<LoadError>* errors) : in_(in), errors_(errors) {}

  void Error(const json::Value& at, const std::string& pointer, std::string message) const {
    errors_->push_back({in_.path, in_.doc.LineOf(at.offset()), pointer, std::move(message)});
  }

  /// `obj[key]` when it is of type `want`; nullptr when absent, null, or (an error) another type.
  const json::Value* Typed(const json::Value& obj, const char* key, const std::string& obj_pointer,
                           json::Type want) const {
    const json::Value* v = obj.Find(key);
    if (v == nullptr || v->IsNull()) return nullptr;
    if (v->type() == want) return v;
    Error(*v, json::PointerAppend(obj_pointer, key),
          std::string(key) + " is " + json::TypeNameWithArticle(v->type()) + ", expected " +
              json::TypeNameWithArticle(want));
    return nullptr;
  }
  const json::Value* Object(const json::Value& obj, const char* key, const std::string& p) const {
    return Typed(obj, key, p, json::Type::kObject);
  }
  std::string String(const json::Value& obj, const char* key, const std::string& p) const {
    const json::Value* v = Typed(obj, key, p, json::Type::kString);
    return v != nullptr ? v->str() : std::string();
  }
  /// `obj[key]`, a string that must be there: when it is absent or empty, an error says
  /// `obj` "has no KEY" and why that matters (`consequence`).
  std::string Required(const json::Value& obj, const char* key, const std::string& p,
                       const char* noun, const std::string& consequence) const {
    const json::Value* v = obj.Find(key);
    std::string out = String(obj, key, p);
    if (out.empty() && (v == nullptr || v->IsNull() || v->IsString())) {
      Error(obj, p, std::string(noun) + " has no " + key + consequence);
    }
    return out;
  }
  bool Bool(const json::Value& obj, const char* key, const std::string& p) const {
    const json::Value* v = Typed(obj, key, p, json::Type::kBool);
    return v != nullptr && v->AsBool();
  }
  /// Calls `fn(entry, pointer)` for every entry of the list `obj[key]`; an entry that is not
  /// an object is an error.
  template <class Fn>
  void EachEntry(const json::Value& obj, const char* key, const std::string& obj_pointer,
                 Fn fn) const {
    const json::Value* list = Typed(obj, key, obj_pointer, json::Type::kArray);
    if (list == nullptr) return;
    const std::string list_pointer = json::PointerAppend(obj_pointer, key);
    for (size_t i = 0; i < list->items().size(); ++i) {
      const json::Value& e = list->items()[i];
      const std::string p = json::PointerAppend(list_pointer, i);
      if (e.IsObject()) {
        fn(e, p);
      } else {
        Error(e, p,
              std::string(key) + " entry is " + json::TypeNameWithArticle(e.type()) +
                  ", expected an object");
      }
    }
  }

 private:
  const InputFile& in_;
  std::vector<LoadError>* errors_;
};

}  // namespace iamlint::aws_cli
