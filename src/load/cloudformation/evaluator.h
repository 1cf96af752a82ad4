// Evaluating a template's expressions as far as the template alone allows. Ref and Fn::GetAtt
// of a parameter or resource are worked out once each (memoised), and one met again while it is
// still being worked out is a cycle: a located error, and unknown. Without this,
// `RoleName: !Sub "${Role.Arn}${Role.Arn}"` or a chain of resources each naming the next twice
// took time exponential in the depth. The strings Fn::Sub and Fn::Join build count against a
// budget for the whole template. The intrinsic functions themselves are in intrinsics.h.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "json/json.h"
#include "load/cloudformation/template.h"
#include "load/cloudformation/value.h"

namespace iamlint::cfn {

class Evaluator {
 public:
  explicit Evaluator(const Template& t);

  /// Evaluates a value to a string as far as the template allows. `depth` guards the stack.
  Str Resolve(const json::Value& v, int depth) const;
  /// `Ref name`: a pseudo parameter, a parameter's default, or a resource.
  Str RefOf(const std::string& name, int depth) const;
  /// `Fn::GetAtt [id, attr]`.
  Str GetAtt(const std::string& id, const std::string& attr, int depth) const;
  /// Counts `built`, a string Fn::Sub or Fn::Join built of `arg`, against the template's budget:
  /// `built` while the budget lasts, else unknown (the first time with a located error).
  Str Charge(Str built, const json::Value& arg) const;
  /// True the first time it is asked about `node` (for errors reported once per node).
  bool FirstReportAt(const json::Value& node) const { return reported_at_.insert(&node).second; }
  const Template& tmpl() const { return t_; }

 private:
  template <typename Compute>
  Str Memoised(const std::string& key, const std::string& who, Compute compute) const;
  void ReportCycle(const std::string& who) const;
  Str RefOfUncached(const std::string& name, int depth) const;
  Str GetAttUncached(const std::string& id, const std::string& attr, int depth) const;
  /// What the values built by one template may add up to: far more than real ones build.
  size_t BuiltBudget() const;

  const Template& t_;
  struct Memo {
    bool done = false;  // false while being worked out
    Str value;
  };
  mutable std::map<std::string, Memo> memo_;          // by "Ref\nX" and "GetAtt\nX\nAttr"
  mutable std::vector<std::string> active_;           // the references being worked out
  mutable std::set<std::string> cycles_reported_;     // by the name the cycle was met at
  mutable std::set<const json::Value*> reported_at_;  // nodes already reported
  mutable size_t built_budget_ = 0;                   // bytes Fn::Sub / Fn::Join may still build
  mutable bool built_budget_spent_ = false;
};

}  // namespace iamlint::cfn
