// `iamlint simulate`: can this role do this action on this resource, by the inputs' policies?
#include "cli/simulate.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "load/load.h"
#include "policy/eval.h"
#include "policy/role_policies.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {

struct Candidate {
  const Scope* scope;
  const Role* role;
};

/// The engine names a resource policy it needs but the inputs lack as a pseudo-key of
/// `missing_keys` ("(the KMS key policy)", "(the role's trust policy)"): no --context answers it.
bool IsMissingPolicy(const std::string& key) { return !key.empty() && key[0] == '('; }
bool AllMissingPolicies(const std::vector<std::string>& keys) {
  return std::all_of(keys.begin(), keys.end(), IsMissingPolicy);
}

std::string Where(const Location& loc) {
  return Visible(loc.line > 0 ? loc.file + ":" + std::to_string(loc.line) : loc.file);
}

/// Exit codes of `simulate` (a contract): 0 allowed, 1 denied, 2 error, 3 cannot tell.
int ExitFor(Decision d, bool unknown_policies) {
  if (d == Decision::kExplicitDeny) return 1;
  if (d == Decision::kDepends || unknown_policies) return 3;
  return d == Decision::kAllowed ? 0 : 1;
}

}  // namespace

int RunSimulate(const SimulateOptions& o, std::ostream& out, std::ostream& err) {
  LoadResult loaded = LoadPaths(o.paths, LoadOptions());
  for (const auto& e : loaded.errors) {
    err << Where(Location{e.file, e.pointer, e.line}) << ": input error " << Visible(e.message)
        << "\n";
  }
  if (!loaded.errors.empty()) return kExitError;

  std::vector<Candidate> found;
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& role : scope.roles) {
      if (RoleIs(role, o.principal)) found.push_back({&scope, &role});
    }
  }
  if (found.empty()) {
    err << "iamlint: no role \"" << Visible(o.principal)
        << "\" in the inputs (give its Terraform address, ARN or name)\n";
    return kExitError;
  }
  if (found.size() > 1) {
    err << "iamlint: \"" << Visible(o.principal) << "\" names " << found.size() << " roles:";
    for (const auto& c : found) {
      err << "\n  " << Visible(c.role->display) << " (" << Visible(c.scope->name) << ")";
    }
    err << "\ngive the Terraform address or the ARN of one\n";
    return kExitError;
  }
  const Scope& scope = *found[0].scope;
  const Role& role = *found[0].role;

  RolePolicies gathered = GatherRolePolicies(scope, role, o.action, o.resource);
  const EvalPolicies& policies = gathered.policies;
  std::vector<std::string>& unknown = gathered.unknown;  // policies whose text is not shown
  const bool boundary_unknown = gathered.boundary_unknown;

  EvalRequest req;
  req.principal = role.arn.value_or(role.display);
  req.action = o.action;
  req.resource = o.resource;
  req.context_complete = o.strict_context;
  for (const auto& kv : o.context) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "iamlint: --context takes KEY=VALUE (repeat a key for several values), got \""
          << Visible(kv) << "\"\n";
      return kExitError;
    }
    req.context[kv.substr(0, eq)].push_back(kv.substr(eq + 1));
  }
  EvalResult r = Evaluate(policies, req);
  // Whether the boundary is what refuses it: the identity policies alone would allow it.
  std::string refused_by;
  if (!policies.boundary.empty() && r.decision == Decision::kImplicitDeny) {
    EvalPolicies without = policies;
    without.boundary.clear();
    if (Evaluate(without, req).decision == Decision::kAllowed) {
      refused_by = policies.boundary[0].name;
    }
  }
  // Whether a key or trust policy is what refuses it: it neither names the caller nor lets the
  // caller's account decide with IAM policies, which alone would allow it.
  bool refused_by_resource = false;
  if (refused_by.empty() && !policies.resource.empty() && r.decision == Decision::kImplicitDeny) {
    EvalPolicies alone = policies;
    alone.resource.clear();
    EvalResult a = Evaluate(alone, req);
    const bool only_resource_missing =
        a.decision == Decision::kDepends && AllMissingPolicies(a.missing_keys);
    if (a.decision == Decision::kAllowed || only_resource_missing) {
      refused_by_resource = true;
      for (const auto& p : policies.resource) {
        refused_by += (refused_by.empty() ? "" : ", ") + p.name;
      }
    }
  }
  // Policies not in view could still deny, or allow: say so instead of guessing.
  const bool open = OutOfViewCouldChange(r.decision, gathered);
  if (boundary_unknown) unknown.push_back("(the permissions boundary)");

  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["decision"] = open ? "cannot tell" : DecisionName(r.decision);
    j["principal"] = role.display;
    j["action"] = o.action;
    j["resource"] = o.resource;
    j["statements"] = nlohmann::ordered_json::array();
    for (const auto& d : r.deciding) {
      nlohmann::ordered_json s;
      s["policy"] = d.policy;
      s["sid"] = d.statement->sid;
      s["effect"] = d.effect == Effect::kDeny ? "Deny" : "Allow";
      s["location"] = {{"file", d.statement->loc.file},
                       {"pointer", d.statement->loc.pointer},
                       {"line", d.statement->loc.line}};
      s["depends_on"] = d.missing_keys;
      j["statements"].push_back(s);
    }
    j["depends_on"] = r.missing_keys;
    j["not_visible"] = unknown;
    if (!refused_by.empty()) j["refused_by"] = refused_by;
    // Inputs, file names and arguments may hold any bytes: invalid UTF-8 becomes U+FFFD.
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return ExitFor(r.decision, open);
  }

  // Depending on a policy the inputs lack is not depending on conditions: iamlint cannot tell.
  const bool needs_policy_only = r.decision == Decision::kDepends && !r.missing_keys.empty() &&
                                 AllMissingPolicies(r.missing_keys);
  out << (open || needs_policy_only ? "cannot tell" : DecisionName(r.decision)) << ": "
      << Visible(role.display) << " " << Visible(o.action) << " on " << Visible(o.resource) << "\n";
  for (const auto& d : r.deciding) {
    out << "  " << Where(d.statement->loc) << ": " << (d.effect == Effect::kDeny ? "Deny" : "Allow")
        << (d.statement->sid.empty() ? "" : " \"" + Visible(d.statement->sid) + "\"") << " in "
        << Visible(d.policy);
    if (!d.missing_keys.empty()) {
      out << " (applies if its condition on ";
      for (size_t i = 0; i < d.missing_keys.size(); ++i)
        out << (i ? ", " : "") << Visible(d.missing_keys[i]);
      out << " holds)";
    }
    out << "\n";
  }
  if (!refused_by.empty()) {
    out << "  the identity policies allow it, but " << Visible(refused_by)
        << (refused_by_resource
                ? " neither allows the caller nor lets its account's IAM policies decide\n"
                : " does not\n");
  } else if (r.decision == Decision::kImplicitDeny && r.deciding.empty()) {
    out << "  no statement of the role's " << policies.identity.size()
        << " visible policies allows it\n";
  }
  if (!r.missing_keys.empty() && r.decision == Decision::kDepends) {
    // Condition keys are given with --context; a policy the inputs lack ("(the KMS key
    // policy)") only by an input that holds it.
    std::vector<std::string> keys;
    std::vector<std::string> policies_missing;
    for (const auto& k : r.missing_keys) {
      (IsMissingPolicy(k) ? policies_missing : keys).push_back(Visible(k));
    }
    out << "  depends on:";
    for (const auto& k : keys) out << " " << k;
    for (const auto& k : policies_missing) out << " " << k;
    if (!keys.empty()) out << " (give the condition keys with --context KEY=VALUE)";
    for (const auto& k : policies_missing) {
      out << (k == "(the KMS key policy)"
                  ? " (add the input that defines the key and its policy: the plan, state or "
                    "template with its aws_kms_key or AWS::KMS::Key)"
                  : " (add an input that holds " + k.substr(1, k.size() - 2) + ")");
    }
    out << "\n";
  }
  if (open) {
    out << "  not visible in these inputs:";
    for (const auto& u : unknown) out << " " << Visible(u);
    out << "\n";
  }
  return ExitFor(r.decision, open);
}

}  // namespace iamlint
