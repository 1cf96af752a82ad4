// Terraform's built-in functions, as iamlint evaluates them (internal to src/tf).
//
// A Function sees its arguments evaluated and checked against its arity; by default an
// argument that is null is an error, and a call with an argument that is (or holds) an
// unknown value is unknown without the function running (see the flags).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "hcl/ast.h"
#include "tf/machine.h"
#include "tf/value.h"

namespace iamlint::tf {

/// One call: its arguments and the helpers functions use to read them.
struct Call {
  Machine* m = nullptr;
  const hcl::Expr* expr = nullptr;
  std::string name;
  std::vector<Value> args;
  std::vector<hcl::Range> ranges;  // of each argument (an expanded `...` one: its list's)

  const hcl::Range& At(size_t i) const { return i < ranges.size() ? ranges[i] : expr->range; }
  /// A located error ("NAME: message" at argument i); returns an unknown value.
  Value Fail(size_t i, const std::string& message);
  Value Fail(const std::string& message) { return Fail(args.size(), message); }
  /// A note that this call is not evaluated; returns an unknown value with the arguments'
  /// origins.
  Value NotEvaluated(const std::string& why);

  // Argument i converted as Terraform converts parameters; false (with an error) if not.
  bool Str(size_t i, std::string* out);
  bool Num(size_t i, double* out);
  bool Int(size_t i, int64_t* out);
  bool Bool(size_t i, bool* out);
  bool List(size_t i, const Value** out);
  bool Map(size_t i, const Value** out);
  /// Argument i as a list of strings (numbers and bools converted; null elements an error).
  bool Strings(size_t i, std::vector<std::string>* out);
};

enum FunctionFlags : unsigned {
  kAllowNull = 1,     // null arguments are the function's business
  kPartial = 2,       // arguments holding unknown values (not unknown themselves) are passed
  kAllowUnknown = 4,  // even unknown arguments are passed
  kOwnSensitive = 8,  // the function decides the result's sensitivity
};

using FunctionImpl = Value (*)(Call& c);

struct Function {
  const char* name;
  int min_args;
  int max_args;  // -1: any number
  unsigned flags;
  FunctionImpl impl;
};

void AddStringFunctions(std::vector<Function>* out);      // functions_string.cc
void AddCollectionFunctions(std::vector<Function>* out);  // functions_collection.cc
void AddEncodingFunctions(std::vector<Function>* out);    // functions_encoding.cc

// Text helpers shared by the function files (functions.cc).

/// The code points of valid UTF-8 text (false for invalid text).
bool DecodeUtf8(const std::string& s, std::vector<uint32_t>* out);
void AppendUtf8(uint32_t c, std::string* out);
/// True when every code point of `s` is one user-perceived character (no combining marks,
/// joiners or other sequences Terraform counts as one grapheme cluster).
bool SimpleGraphemes(const std::vector<uint32_t>& cps);

/// A set as Terraform builds one from a list (sorted, distinct).
Value MakeSet(std::vector<Value> items);

}  // namespace iamlint::tf
