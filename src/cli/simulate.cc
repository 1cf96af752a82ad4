// `iamlint simulate`: can this role do this action on this resource, by the inputs' policies?
#include "cli/simulate.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/runs_as.h"
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

std::string Where(const Location& loc) { return Visible(FormatPlace(loc)); }

/// Exit codes of `simulate` (a contract): 0 allowed, 1 denied, 2 error, 3 cannot tell.
int ExitFor(Decision d, bool unknown_policies) {
  if (d == Decision::kExplicitDeny) return 1;
  if (d == Decision::kDepends || unknown_policies) return 3;
  return d == Decision::kAllowed ? 0 : 1;
}

/// The one role `principal` names, in `*found`; false (with a message on `err`) when the
/// inputs hold none or several.
bool FindRole(const LoadResult& loaded, const std::string& principal, std::ostream& err,
              Candidate* found_role) {
  std::vector<Candidate> found;
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& role : scope.roles) {
      if (RoleIs(role, principal)) found.push_back({&scope, &role});
    }
  }
  if (found.empty()) {
    err << "iamlint: no role \"" << Visible(principal)
        << "\" in the inputs (give its Terraform address, ARN or name)\n";
    return false;
  }
  if (found.size() > 1) {
    err << "iamlint: \"" << Visible(principal) << "\" names " << found.size() << " roles:";
    for (const auto& c : found) {
      err << "\n  " << Visible(c.role->display) << " (" << Visible(c.scope->name) << ")";
    }
    err << "\ngive the Terraform address or the ARN of one\n";
    return false;
  }
  *found_role = found[0];
  return true;
}

/// Adds the --context KEY=VALUE values to `req`; false (with a message) on a malformed one.
bool ParseContext(const std::vector<std::string>& context, EvalRequest* req, std::ostream& err) {
  for (const auto& kv : context) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "iamlint: --context takes KEY=VALUE (repeat a key for several values), got \""
          << Visible(kv) << "\"\n";
      return false;
    }
    req->context[kv.substr(0, eq)].push_back(kv.substr(eq + 1));
  }
  return true;
}

/// What refuses a request the identity policies alone would allow: the permissions boundary,
/// or the resource's (key or trust) policies.
struct Refusal {
  std::string by;            // the refusing policies' names; "" = none of these
  bool by_resource = false;  // they are resource policies
};

Refusal FindRefusal(const EvalPolicies& policies, const EvalRequest& req, const EvalResult& r) {
  Refusal refusal;
  // Whether the boundary is what refuses it: the identity policies alone would allow it.
  if (!policies.boundary.empty() && r.decision == Decision::kImplicitDeny) {
    EvalPolicies without = policies;
    without.boundary.clear();
    if (Evaluate(without, req).decision == Decision::kAllowed) {
      refusal.by = policies.boundary[0].name;
    }
  }
  // Whether a key or trust policy is what refuses it: it neither names the caller nor lets the
  // caller's account decide with IAM policies, which alone would allow it.
  if (refusal.by.empty() && !policies.resource.empty() && r.decision == Decision::kImplicitDeny) {
    EvalPolicies alone = policies;
    alone.resource.clear();
    EvalResult a = Evaluate(alone, req);
    const bool only_resource_missing =
        a.decision == Decision::kDepends && AllMissingPolicies(a.missing_keys);
    if (a.decision == Decision::kAllowed || only_resource_missing) {
      refusal.by_resource = true;
      for (const auto& p : policies.resource) {
        refusal.by += (refusal.by.empty() ? "" : ", ") + p.name;
      }
    }
  }
  return refusal;
}

/// What `simulate` found, for printing.
struct Simulation {
  /// Who is asked about, as the first line names it: the role, or "WORKLOAD runs as ROLE (its
  /// task role)".
  std::string subject;
  const RunsAs* runs_as = nullptr;  // with --workload
  const Role* role;
  const SimulateOptions* options;
  const EvalPolicies* policies;
  EvalResult result;
  Refusal refusal;
  bool open;                         // policies not in view could change the decision
  std::vector<std::string> unknown;  // policies whose text is not shown
};

void PrintJson(const Simulation& sim, std::ostream& out) {
  const EvalResult& r = sim.result;
  nlohmann::ordered_json j;
  j["decision"] = sim.open ? "cannot tell" : DecisionName(r.decision);
  j["principal"] = sim.role->display;
  if (sim.runs_as != nullptr) {
    j["workload"] = sim.runs_as->workload;
    j["runs_as"] = sim.role->display;
  }
  j["action"] = sim.options->action;
  j["resource"] = sim.options->resource;
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
  j["not_visible"] = sim.unknown;
  if (!sim.refusal.by.empty()) j["refused_by"] = sim.refusal.by;
  // Inputs, file names and arguments may hold any bytes: invalid UTF-8 becomes U+FFFD.
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

/// The text output's lines on the statements that decided it, one each.
void PrintDeciding(const EvalResult& r, std::ostream& out) {
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
}

/// The text output's "depends on:" line, with how to supply each missing key or policy.
void PrintDependsOn(const EvalResult& r, std::ostream& out) {
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

void PrintText(const Simulation& sim, std::ostream& out) {
  const EvalResult& r = sim.result;
  const SimulateOptions& o = *sim.options;
  // Depending on a policy the inputs lack is not depending on conditions: iamlint cannot tell.
  const bool needs_policy_only = r.decision == Decision::kDepends && !r.missing_keys.empty() &&
                                 AllMissingPolicies(r.missing_keys);
  out << (sim.open || needs_policy_only ? "cannot tell" : DecisionName(r.decision)) << ": "
      << Visible(sim.subject) << (sim.runs_as != nullptr ? ": " : " ") << Visible(o.action)
      << " on " << Visible(o.resource) << "\n";
  PrintDeciding(r, out);
  if (!sim.refusal.by.empty()) {
    out << "  the identity policies allow it, but " << Visible(sim.refusal.by)
        << (sim.refusal.by_resource
                ? " neither allows the caller nor lets its account's IAM policies decide\n"
                : " does not\n");
  } else if (r.decision == Decision::kImplicitDeny && r.deciding.empty()) {
    out << "  no statement of the role's " << sim.policies->identity.size()
        << " visible policies allows it\n";
  }
  if (!r.missing_keys.empty() && r.decision == Decision::kDepends) PrintDependsOn(r, out);
  if (sim.open) {
    out << "  not visible in these inputs:";
    for (const auto& u : sim.unknown) out << " " << Visible(u);
    out << "\n";
  }
}

/// Whether `ref` names a role of the scope that would be allowed the request.
bool RoleWouldAllow(const Scope& scope, const RoleRef& ref, const SimulateOptions& o) {
  if (ref.state != RoleRef::State::kResolved || ref.role < 0) return false;
  const Role& role = scope.roles[static_cast<size_t>(ref.role)];
  RolePolicies gathered = GatherRolePolicies(scope, role, o.action, o.resource);
  EvalRequest req;
  req.principal = role.arn.value_or(role.display);
  req.action = o.action;
  req.resource = o.resource;
  return Settled(Evaluate(gathered.policies, req).decision, gathered) == Decision::kAllowed;
}

/// The seed's mistake, said where it shows: the platform's own role holds the permission.
void PrintPlatformRoleHint(const RunsAs& w, const SimulateOptions& o, std::ostream& out) {
  if (!RoleWouldAllow(*w.scope, w.platform_role, o)) return;
  const Role& p = w.scope->roles[static_cast<size_t>(w.platform_role.role)];
  out << "  its " << w.platform_role_kind << " " << Visible(p.display)
      << " allows it, but that role is the platform's own: the code never runs as it (grant it "
         "to the "
      << w.role_kind << " instead)\n";
}

/// `--workload` when the code runs with no role the inputs describe: no policy to evaluate.
int AnswerWithoutRole(const RunsAs& w, const SimulateOptions& o, std::ostream& out) {
  const bool none = w.role.state == RoleRef::State::kAbsent;
  std::string why;
  if (none) {
    why = Visible(w.workload) + "'s " + w.code + " runs with no role: it has no " + w.role_kind;
  } else if (w.role.state == RoleRef::State::kUnknown) {
    why = Visible(w.workload) + "'s " + w.role_kind + " is known only at apply";
  } else {
    why = Visible(w.workload) + " runs as " + Visible(w.role.arn) + " (its " + w.role_kind +
          "), a role these inputs do not describe";
  }
  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["decision"] = none ? "denied" : "cannot tell";
    j["workload"] = w.workload;
    j["runs_as"] = nullptr;
    j["action"] = o.action;
    j["resource"] = o.resource;
    j["reason"] = why;
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    out << (none ? "denied: " : "cannot tell: ") << why << " (" << Visible(o.action) << " on "
        << Visible(o.resource) << ")\n";
    if (none) PrintPlatformRoleHint(w, o, out);
  }
  return none ? 1 : 3;
}

int Simulate(const Scope& scope, const Role& role, const RunsAs* runs_as, const SimulateOptions& o,
             std::ostream& out, std::ostream& err) {
  RolePolicies gathered = GatherRolePolicies(scope, role, o.action, o.resource);
  const EvalPolicies& policies = gathered.policies;

  EvalRequest req;
  req.principal = role.arn.value_or(role.display);
  req.action = o.action;
  req.resource = o.resource;
  req.context_complete = o.strict_context;
  if (!ParseContext(o.context, &req, err)) return kExitError;

  std::string subject = role.display;
  if (runs_as != nullptr) {
    subject = runs_as->workload + " runs as " + role.display + " (its " + runs_as->role_kind + ")";
  }
  Simulation sim{subject, runs_as, &role, &o, &policies, Evaluate(policies, req), {}, false, {}};
  sim.refusal = FindRefusal(policies, req, sim.result);
  // Policies not in view could still deny, or allow: say so instead of guessing.
  sim.open = OutOfViewCouldChange(sim.result.decision, gathered);
  sim.unknown = gathered.unknown;
  if (gathered.boundary_unknown) sim.unknown.push_back("(the permissions boundary)");

  if (o.format == "json") {
    PrintJson(sim, out);
  } else {
    PrintText(sim, out);
    if (runs_as != nullptr && sim.result.decision != Decision::kAllowed) {
      PrintPlatformRoleHint(*runs_as, o, out);
    }
  }
  return ExitFor(sim.result.decision, sim.open);
}

}  // namespace

int RunSimulate(const SimulateOptions& o, std::ostream& out, std::ostream& err) {
  if (o.principal.empty() && o.workload.empty()) {
    err << "iamlint: simulate asks about a role: give --principal ROLE, or --workload WORKLOAD "
           "for the role a workload's code runs as\n";
    return kExitError;
  }
  LoadResult loaded = LoadPaths(o.paths, LoadOptions());
  for (const auto& e : loaded.errors) {
    err << Visible(FormatPlace(e.file, e.line, e.column)) << ": input error " << Visible(e.message)
        << "\n";
  }
  if (!loaded.errors.empty()) return kExitError;
  if (!o.workload.empty()) {
    RunsAs w;
    if (!FindWorkload(loaded, o.workload, err, &w)) return kExitError;
    if (w.role.state != RoleRef::State::kResolved || w.role.role < 0) {
      return AnswerWithoutRole(w, o, out);
    }
    return Simulate(*w.scope, w.scope->roles[static_cast<size_t>(w.role.role)], &w, o, out, err);
  }
  Candidate found{};
  if (!FindRole(loaded, o.principal, err, &found)) return kExitError;
  return Simulate(*found.scope, *found.role, nullptr, o, out, err);
}

}  // namespace iamlint
