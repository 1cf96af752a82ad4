// The evaluation of config.h, shared by its files (not part of the API).
//
//   config.cc     EvaluateRoot, the module instance as a Resolver, resources and instances
//   body.cc       a block's body to a value: attributes, nested and `dynamic` blocks
//   variables.cc  variable values: defaults, tfvars, environment, -var, type constraints
//   calls.cc      module calls: sources, modules.json, count / for_each, inputs, outputs
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tf/config.h"

namespace iamlint::tf::internal {

/// What a whole root evaluation shares: options, output, modules read once per folder.
struct RootState {
  const RootOptions* options = nullptr;
  Evaluated* out = nullptr;
  std::map<std::string, Module*> modules_by_dir;
  /// `.terraform/modules/modules.json` of the root: module key (`a.b`) -> folder.
  std::map<std::string, std::string> installed;
  bool installed_read = false;
  /// Lazy evaluations in progress (a local waiting for another...): bounded by kMaxChain so
  /// no configuration nests evaluations without limit.
  size_t active = 0;
  static constexpr size_t kMaxChain = 128;

  /// The module in `dir`, read (and its files recorded) on first use.
  const Module* ModuleAt(const std::string& dir);
};

/// The instances `count` or `for_each` make of a resource or a module call.
struct Expansion {
  /// kMissing: a module call whose module is not read (not installed, too deep).
  enum class Shape { kSingle, kCount, kForEach, kUnknown, kMissing };
  Shape shape = Shape::kSingle;
  struct Item {
    std::string key_text;  // as the address writes it: `0`, `"dev"`; "" for kSingle / kUnknown
    std::string key;       // each.key (for_each): the map key the instances are read by
    std::map<std::string, Value> bindings;  // `count` / `each`
  };
  /// One item for kSingle and kUnknown (whose `count.index` / `each` are unknown), none for
  /// kMissing.
  std::vector<Item> items;
};

/// A memoised evaluation: not started, in progress (meeting it again is a cycle), done.
struct Memo {
  enum class State { kNone, kBusy, kDone } state = State::kNone;
  Value value;
};

class ModuleInstance : public Resolver {
 public:
  /// `address`: "" for the root, `module.a["k"]`...; `key_path`: the modules.json key
  /// (`a.b`); `inputs`: the call's arguments (null for the root: variables come from
  /// RootState's options); `depth`: module nesting.
  ModuleInstance(RootState* root, const Module* module, std::string address, std::string key_path,
                 std::map<std::string, Value> inputs, bool is_root, size_t depth);

  bool Resolve(const std::string& root, const std::vector<std::string>& names,
               const hcl::Range& range, Value* out, size_t* consumed, Diagnostics* diags) override;
  bool ReadFile(const std::string& path, const hcl::Range& range, std::string* text,
                Diagnostics* diags) override;

  /// Evaluates every wanted resource of this module and of the modules it calls, and
  /// appends their instances to the output in order.
  void EvaluateAll();

  Value OutputValue(const std::string& name, const hcl::Range& range);

  const Module& module() const { return *module_; }
  const std::string& address() const { return address_; }
  Diagnostics* diags() { return &root_->out->diags; }

 private:
  // config.cc
  /// Evaluates `e` by a fresh Evaluator (so no outer `for` or `each` binding leaks in), with
  /// `bindings`, counting the chain of evaluations.
  Value Eval(const hcl::Expr& e, const std::map<std::string, Value>& bindings = {});
  Value Variable(const std::string& name, const hcl::Range& range, bool* ok);
  Value Local(const std::string& name, const hcl::Range& range, bool* ok);
  Value Resource(const std::string& key, const hcl::Range& range, bool* ok);
  /// The instances a block's `count` / `for_each` make (located errors when they cannot be
  /// evaluated one by one: then one instance stands for all).
  Expansion Expand(const MergedBody& body);
  Value EvalResource(const BlockRef& r);
  Value OneInstance(const BlockRef& r, const std::string& key, bool key_unknown,
                    const std::map<std::string, Value>& bindings);
  std::string InstanceAddress(const BlockRef& r, const std::string& key) const;
  // variables.cc
  void InitVariables();
  // calls.cc
  /// `module.NAME`: an object of its outputs (a list or map of them with count / for_each).
  Value ModuleCall(const std::string& name, const hcl::Range& range, bool* ok);
  /// `module.NAME.OUTPUT` of a call without count / for_each: that output alone.
  Value ModuleOutput(const std::string& name, const std::string& output, const hcl::Range& range,
                     bool* ok);
  /// Creates the call's module instances (once); false when the call is not declared.
  bool Instantiate(const std::string& name, const hcl::Range& range);
  std::string CallDir(const std::string& name, const BlockRef& call, std::string* why);
  /// `unsure`: the call's count / for_each is unknown (this one instance stands for all).
  void AddCallInstance(const std::string& name, const BlockRef& call, const Module* module,
                       const Expansion::Item& item, bool unsure);
  Value OutputsOf(ModuleInstance* child, const hcl::Range& range);

  RootState* root_;
  const Module* module_;
  std::string address_;
  std::string key_path_;
  std::map<std::string, Value> inputs_;
  bool is_root_;
  size_t depth_;
  /// A call above this instance has an unknown count / for_each: it may not exist.
  bool may_not_exist_ = false;
  std::map<std::string, Value> variables_;  // resolved values (InitVariables)
  std::map<std::string, Memo> locals_;
  std::map<std::string, Memo> resources_;
  std::map<std::string, Memo> calls_;  // ModuleCall's value
  /// Per call instantiated: its instances.
  std::map<std::string, Expansion> call_expansions_;
  std::map<std::string, Memo> outputs_;
  /// Instances of this module, by resource index, in key order.
  std::map<size_t, std::vector<Instance>> instances_;
  /// Child module instances by call name, then key.
  std::map<std::string, std::map<std::string, std::unique_ptr<ModuleInstance>>> children_;
};

/// The items `for_each` iterates over: key text as the address writes it -> each.key,
/// each.value. False when the collection is unknown (or has unknown keys); an error when it
/// is no map or set of strings.
struct ForEachItem {
  std::string key_text;  // `"dev"`
  Value key;
  Value value;
};
bool ForEachItems(const Value& collection, const hcl::Range& range, Diagnostics* diags,
                  std::vector<ForEachItem>* out, bool* unknown);

/// A body to a value map (body.cc). `path` prefixes the places recorded ("" at the top).
Value EvalBody(Evaluator* ev, const MergedBody& body, const std::map<std::string, Value>& bindings,
               const std::string& path, std::map<std::string, hcl::Range>* places,
               Diagnostics* diags);

/// A value converted to a variable's type constraint (variables.cc): primitive conversions,
/// and object attributes that are `optional()` filled with their default or null.
Value ApplyType(const hcl::Expr* type, Value v, Diagnostics* diags);

/// Quoted key text as Terraform writes index keys: `"dev"` (escaped).
std::string QuoteKey(const std::string& key);

}  // namespace iamlint::tf::internal
