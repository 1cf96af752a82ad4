// Resolving the configuration's references: which resource instances (or attributes of them)
// an expression names, once module outputs and module variables are followed.
//
// Each expression is resolved once per module instance and key (memoised), so chains and
// fan-outs cost their size, not their paths. A reference cycle (which Terraform never plans)
// or a chain longer than kMaxHops resolves to nothing and is a located error.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/plan/index.h"

namespace iamlint::plan {

class References {
 public:
  References(const PlanInput& input, const PlanIndex& index) : input_(input), index_(index) {}

  /// The configuration expression of `attr` on an instance (nullptr when none).
  const Value* Expression(const Instance& in, std::string_view attr) const;

  /// Whether the configuration of `attr` references anything.
  bool HasReferences(const Instance& in, std::string_view attr) const;

  /// The instances of type `type` (any role type for "aws_iam_role") that the configuration
  /// of `attr` references.
  std::vector<const Instance*> Refs(const Instance& in, std::string_view attr,
                                    const std::string& type) const;

  /// The resource instances an expression references (sorted, distinct), read in module
  /// instance `module` for a referrer whose instance key is `key`.
  void ResolveExpr(const Value* expr, const std::string& module, const std::string& key,
                   std::vector<const Instance*>* out) const;

  /// The resource attributes an expression reads, as module-qualified addresses
  /// (`module.app.aws_iam_access_key.k.secret`), once outputs and variables are followed.
  std::vector<std::string> AttributeReferences(const Value* expr, const std::string& module,
                                               const std::string& key) const;

  /// Hops through module outputs and variables one chain of references may take. Terraform
  /// keeps chains far shorter; a longer one is refused (a located error), which also bounds
  /// the recursion.
  static constexpr size_t kMaxHops = 2000;

 private:
  /// What a reference comes to once module outputs and module variables are followed: a
  /// reference (`aws_iam_role.r.arn`, `data.x.y`, `local.z`) written in module instance
  /// `module`, read for a referrer whose instance key is `key`.
  struct Leaf {
    std::string module;
    std::string ref;
    std::string key;
    bool operator<(const Leaf& o) const;
    bool operator==(const Leaf& o) const;
  };
  struct Memo {
    std::vector<Leaf> leaves;
    bool done = false;  // false while being resolved: meeting it again is a cycle
  };

  const std::vector<Leaf>& Leaves(const Value* expr, const std::string& module,
                                  const std::string& key) const;
  void ReportCycle(const Value* expr, const std::string& what) const;
  void ResolveRef(const std::string& ref, const std::string& module, const std::string& key,
                  std::vector<Leaf>* out) const;
  void ResolveVar(const std::string& name, const std::string& module, std::vector<Leaf>* out) const;
  void ResolveModuleOutput(const std::string& call, const std::string& call_key,
                           const std::string& output, const std::string& module,
                           const std::string& key, std::vector<Leaf>* out) const;
  std::vector<const Instance*> FindInstances(const std::string& module, const std::string& local,
                                             const std::string& explicit_key,
                                             const std::string& referrer_key) const;

  const PlanInput& input_;
  const PlanIndex& index_;
  mutable std::unordered_map<std::string, Memo> leaves_;  // see Leaves
  mutable size_t hops_ = 0;
  mutable std::set<const Value*> cycle_reported_;
};

}  // namespace iamlint::plan
