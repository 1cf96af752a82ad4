// Evaluating Terraform expressions (hcl::Expr) to Values, unknown-aware.
//
//   class MyNames : public tf::Resolver { ... };   // what `var.x`, `aws_iam_role.r` mean here
//   tf::Diagnostics diags;
//   tf::Evaluator ev(&names, &diags);
//   tf::Value v = ev.Eval(*attribute.expr);
//
// The promise is the plan loader's: never a wrong known value. Whatever cannot be computed
// without AWS or a plan -- computed attributes, variables without values, functions iamlint
// does not implement, `timestamp()` -- is unknown, with its origins kept (value.h). Only what
// Terraform itself rejects for certain (an undeclared name, a type error between known
// values, a cycle) is an error; a construct iamlint merely does not follow is a note.
//
// Input is untrusted: recursion is bounded by the parser's depth limit and Limits::max_depth,
// work by Limits::max_steps, and every value by Limits::max_nodes (a `for_each` over a
// million keys is a located error, never unbounded memory).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "hcl/ast.h"
#include "tf/value.h"

namespace iamlint::tf {

/// A located problem met while evaluating.
struct Diagnostic {
  enum class Kind { kError, kNote };
  Kind kind = Kind::kError;
  std::string file;
  hcl::Pos pos;
  std::string message;
};

struct Diagnostics {
  std::vector<Diagnostic> items;
  void Error(const hcl::Range& at, std::string message);
  void Note(const hcl::Range& at, std::string message);
  bool HasErrors() const;
};

struct Limits {
  size_t max_nodes = size_t{1} << 18;  // nodes of one value (lists, maps, their elements)
  size_t max_steps = size_t{1} << 26;  // expression nodes evaluated by one Evaluator
  size_t max_depth = 512;              // nested evaluation (templatefile, calls, for)
};

/// What the names of a configuration mean where an expression is evaluated.
class Resolver {
 public:
  virtual ~Resolver() = default;

  /// A reference: the root name (`var`, `local`, `each`, `count`, `path`, `terraform`,
  /// `module`, `data`, `self`, or a resource type such as `aws_iam_role`) followed by the
  /// attribute names written after it, as far as they are static (`data.aws_iam_policy_document
  /// .p.json` -> "data", {"aws_iam_policy_document", "p", "json"}). Sets `out` and how many of
  /// `names` the value stands for (`var.x.y`: 1, the evaluator then reads `.y`), and returns
  /// true; or records an error in `diags` (an undeclared name) and returns false.
  virtual bool Resolve(const std::string& root, const std::vector<std::string>& names,
                       const hcl::Range& range, Value* out, size_t* consumed,
                       Diagnostics* diags) = 0;

  /// The text of a file for `file()` / `templatefile()`, `path` as written (relative to the
  /// module's folder, or `${path.module}/...`, already evaluated). False, with a note in
  /// `diags`, when it is outside the scanned tree or unreadable: the value is then unknown.
  virtual bool ReadFile(const std::string& path, const hcl::Range& range, std::string* text,
                        Diagnostics* diags) = 0;
};

class Evaluator {
 public:
  Evaluator(Resolver* resolver, Diagnostics* diags, const Limits& limits = Limits())
      : resolver_(resolver), diags_(diags), limits_(limits) {}

  /// The value of an expression (unknown, with an error or a note, when it cannot be told).
  Value Eval(const hcl::Expr& e);

  /// The same with extra names bound for the duration (a `for` expression's variables, a
  /// `dynamic` block's iterator, templatefile's variables): `bindings` maps a root name to
  /// its value; they shadow the Resolver.
  Value EvalWith(const hcl::Expr& e, const std::map<std::string, Value>& bindings);

 private:
  friend class Machine;  // eval.cc: the evaluation itself

  Resolver* resolver_;
  Diagnostics* diags_;
  Limits limits_;
  size_t steps_ = 0;
  size_t depth_ = 0;
  std::vector<std::map<std::string, Value>> bound_;  // innermost last
  size_t limit_hits_ = 0;  // limit errors raised (a `try` never hides one)
  bool steps_reported_ = false;
};

/// Terraform's conversion of a value to a string for templates and string arguments:
/// numbers as their text, bools `true`/`false`. False for null, lists and maps.
bool ToStringValue(const Value& v, std::string* out);

}  // namespace iamlint::tf
