// The plan being read: its file, its errors, locations in it, and the shape checks.
//
// Wherever the loader expects an object, an array or a string, anything else (but null,
// which Terraform writes for "none") is a located input error: a plan whose resources are
// not a list was never read, and must not pass as checked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "load/loaders.h"
#include "load/plan/instance.h"

namespace iamlint::plan {

enum class Want { kObject, kArray, kString, kObjectOrBool };

class PlanInput {
 public:
  PlanInput(const InputFile& in, std::vector<LoadError>* errors) : in_(in), errors_(errors) {}

  const InputFile& file() const { return in_; }

  /// A located error: at the node `at` (nullptr: no line), JSON pointer `pointer`.
  void Error(const Value* at, const std::string& pointer, std::string message) const;

  /// A location in this plan: JSON pointer `pointer`, on the line of byte `offset`.
  Location Loc(const std::string& pointer, size_t offset) const;

  /// Whether `v` (at `pointer`) has the shape wanted; a located error when it has another
  /// (null is "none": false, without an error).
  bool Shaped(const Value& v, Want want, const std::string& pointer) const;

  /// Member `key` of the object `parent` (at `pointer`) when it has the shape wanted; nullptr
  /// when absent or null, and a located error when it has another shape.
  const Value* Get(const Value& parent, std::string_view key, Want want,
                   const std::string& pointer) const;

  /// A known attribute of an instance, of the shape wanted; nullptr when null or absent.
  const Value* ShapedAttr(const Instance& in, std::string_view attr, Want want) const;

 private:
  const InputFile& in_;
  std::vector<LoadError>* errors_;
};

}  // namespace iamlint::plan
