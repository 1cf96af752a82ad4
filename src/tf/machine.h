// The evaluator's machinery (internal to src/tf): one Machine runs one Evaluator::Eval. The
// operators (eval_ops.cc), templates (template.cc) and functions (functions*.cc) use it.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "hcl/ast.h"
#include "tf/eval.h"
#include "tf/value.h"

namespace iamlint::tf {

class Machine {
 public:
  explicit Machine(Evaluator* ev) : ev_(ev), diags_(ev->diags_), start_hits_(ev->limit_hits_) {}

  Value Eval(const hcl::Expr& e);

  void Error(const hcl::Range& at, const std::string& message) { diags_->Error(at, message); }
  void Note(const hcl::Range& at, const std::string& message) { diags_->Note(at, message); }
  /// A limit error: counted, so that `try` and `can` never turn it into a known value.
  void LimitError(const hcl::Range& at, const std::string& message);
  const Limits& limits() const { return ev_->limits_; }
  Resolver* resolver() { return ev_->resolver_; }
  Diagnostics* diags() { return diags_; }
  size_t limit_hits() const { return ev_->limit_hits_; }
  /// A limit was met during this evaluation: everything from now on is unknown, and so is
  /// the result (try() and can() included: a limit is never an error they recover from).
  bool Poisoned() const { return ev_->limit_hits_ != start_hits_; }
  /// False (with a limit error, once) when the work of Limits::max_steps is done.
  bool StepsLeft(const hcl::Range& at);

  /// Runs `f` with diagnostics collected into `scratch` instead.
  template <typename F>
  auto WithDiags(Diagnostics* scratch, F f) {
    Diagnostics* saved = diags_;
    diags_ = scratch;
    auto result = f();
    diags_ = saved;
    return result;
  }

  /// False, with a located error, when `v` is bigger than Limits::max_nodes or nested deeper
  /// than Limits::max_depth.
  bool Fits(const Value& v, const hcl::Range& at);
  /// Nodes of v, counting at most up to `cap` (stops early).
  static size_t CountNodes(const Value& v, size_t cap);
  /// Counts the copying of `v` as work (Limits::max_steps).
  void Charge(const Value& v) { ev_->steps_ += CountNodes(v, limits().max_nodes); }
  /// The most bytes one string may have (max_nodes * 64).
  size_t MaxStringBytes() const { return limits().max_nodes * 64; }
  /// A located limit error for a string that would be longer than MaxStringBytes().
  void StringTooLong(const hcl::Range& at);

  /// A template evaluated with only `vars` bound (templatefile).
  Value EvalIsolated(const hcl::Expr& e, const std::map<std::string, Value>& vars);
  bool in_templatefile() const { return isolated_; }

  // Operators (eval_ops.cc).
  Value EvalUnary(const hcl::Expr& e);
  Value EvalBinary(const hcl::Expr& e);
  // Templates (template.cc).
  Value EvalTemplate(const hcl::Expr& e);
  // Function calls (functions.cc).
  Value EvalCall(const hcl::Expr& e);

 private:
  Value Dispatch(const hcl::Expr& e);
  Value EvalTraversal(const hcl::Expr& e);
  Value EvalIndex(const hcl::Expr& e);
  Value EvalSplat(const hcl::Expr& e);
  Value EvalConditional(const hcl::Expr& e);
  Value EvalTuple(const hcl::Expr& e);
  Value EvalObject(const hcl::Expr& e);
  Value EvalFor(const hcl::Expr& e);
  Value ForBody(const hcl::Expr& e, const Value& coll);
  Value TemplateString(const hcl::Expr& e);
  Value EvalTemplateIf(const hcl::Expr& e);
  Value EvalTemplateFor(const hcl::Expr& e);
  const Value* Bound(const std::string& name) const;

  Evaluator* ev_;
  Diagnostics* diags_;
  size_t start_hits_;
  bool isolated_ = false;
  std::vector<const Value*> splat_items_;
};

// Shared helpers (eval_ops.cc).

/// An unknown value with every origin of `from` (sensitive when any of them is).
Value UnknownFrom(std::initializer_list<const Value*> from);
Value UnknownFromAll(const std::vector<Value>& from);
/// `v`, marked sensitive when `sensitive`.
Value Marked(Value v, bool sensitive);
/// Terraform's conversions of a known value, as function parameters and operators apply
/// them. False when it cannot be converted (null included).
bool ToNumber(const Value& v, double* out);
bool ToNumberValue(const Value& v, Value* out);
bool ToBool(const Value& v, bool* out);
/// Adds `origin` to every unknown value in `v`.
void AddOriginDeep(Value* v, const Origin& origin);
/// A value read from a resource map `from` (sets the origin, see value.h).
Value ReadFrom(const Value& from, const Value& member, const std::string& attr);
/// "a string", "a list"...
std::string WithArticle(const Value& v);

}  // namespace iamlint::tf
