#include "rules/analysis.h"
#include "core/ascii.h"
#include "data/catalogue.h"
#include "policy/role_policies.h"
#include "rules/statement_checks.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

namespace iamlint {
namespace {

/// The Amplify service role's own duties among application-data actions: an action matching
/// `actions` on resources all within `resources` is the service role's work (build artifacts and
/// deployment buckets), not the app's data. (Logging, Amplify, CloudFormation and other deploy
/// actions are not application data in the first place: see AppDataActions.)
struct ServiceRoleDuty {
  const char* actions;
  std::vector<const char*> resources;
};

const std::vector<ServiceRoleDuty>& ServiceRoleDuties() {
  static const std::vector<ServiceRoleDuty> kDuties = {
      {"s3:*", {"arn:aws:s3:::amplify-*", "arn:aws:s3:::aws-amplify-*"}},
  };
  return kDuties;
}

/// Whether the duty covers every resource of the statement.
bool DutyCoversStatement(const ServiceRoleDuty& duty, const Statement& st) {
  if (!st.has_resource || st.not_resource || st.resources.empty()) return false;
  return std::all_of(st.resources.begin(), st.resources.end(), [&](const std::string& r) {
    return std::any_of(duty.resources.begin(), duty.resources.end(),
                       [&](const char* d) { return GlobCovers(d, r, false); });
  });
}

/// The candidate application-data actions: the catalogue's, then the team's own.
std::vector<std::string> DataActions(const RuleOptions& options) {
  std::vector<std::string> out;
  for (const ActionInfo* a : AppDataActions()) out.emplace_back(a->name);
  for (const auto& a : options.app_data_actions) {
    if (std::none_of(out.begin(), out.end(),
                     [&](const std::string& o) { return AsciiEqualFold(o, a); })) {
      out.push_back(a);
    }
  }
  return out;
}

bool StatementMatchesAction(const Statement& st, const std::string& action) {
  bool any = false;
  for (const auto& p : st.actions) {
    if (ActionMatches(p, action)) any = true;
  }
  return st.not_action ? !any : any;
}

/// Whether a data action is a service-role duty: one the team accepts, or a built-in one among
/// `duties` (those covering all of the statement's resources).
bool IsServiceRoleDuty(const std::string& action, const RuleOptions& options,
                       const std::vector<const ServiceRoleDuty*>& duties) {
  return std::any_of(options.service_role_duties.begin(), options.service_role_duties.end(),
                     [&](const std::string& d) { return ActionMatches(d, action); }) ||
         std::any_of(duties.begin(), duties.end(),
                     [&](const ServiceRoleDuty* d) { return ActionMatches(d->actions, action); });
}

/// The statement's action patterns (as written) that allow at least one of `actions`; for
/// NotAction, the NotAction list itself.
std::vector<std::string> PatternsGranting(const Statement& st,
                                          const std::vector<std::string>& actions) {
  std::vector<std::string> patterns;
  if (st.not_action) {
    patterns.push_back("NotAction " + JoinLimited(st.actions, 3));
    return patterns;
  }
  for (const auto& pat : st.actions) {
    if (std::any_of(actions.begin(), actions.end(),
                    [&](const std::string& a) { return ActionMatches(pat, a); })) {
      patterns.push_back(pat);
    }
  }
  return patterns;
}

/// The application-data actions among `candidates` an Allow statement grants, less the service
/// role's duties (none: `actions` is empty).
DataGrant StatementDataGrant(const Policy& p, const Grant& g, const Statement& st,
                             const std::vector<std::string>& candidates,
                             const RuleOptions& options) {
  std::vector<const ServiceRoleDuty*> duties;  // duties that cover all of its resources
  for (const auto& d : ServiceRoleDuties()) {
    if (DutyCoversStatement(d, st)) duties.push_back(&d);
  }
  DataGrant dg;
  dg.policy = &p;
  dg.grant = &g;
  dg.statement = &st;
  for (const auto& a : candidates) {
    if (!StatementMatchesAction(st, a)) continue;
    if (IsServiceRoleDuty(a, options, duties)) continue;
    dg.actions.push_back(a);
  }
  if (!dg.actions.empty()) dg.patterns = PatternsGranting(st, dg.actions);
  return dg;
}

}  // namespace

bool PatternsOverlap(const std::string& a, const std::string& b) {
  return WildcardsOverlap(a, b, /*case_insensitive=*/false);
}

std::string ComputeRoleField(const Scope& scope) {
  switch (scope.kind) {
    case Scope::Kind::kCloudFormation:
      return "ComputeRoleArn";
    case Scope::Kind::kAwsAccount:
      return "--compute-role-arn (aws amplify update-app / update-branch)";
    default:
      return "compute_role_arn";
  }
}

const Role* RoleOf(const Scope& scope, const RoleRef& ref) {
  if (ref.state != RoleRef::State::kResolved || ref.role < 0 ||
      static_cast<size_t>(ref.role) >= scope.roles.size()) {
    return nullptr;
  }
  return &scope.roles[static_cast<size_t>(ref.role)];
}

RoleDataAccess DataAccessOf(const Scope& scope, const Role& role, const RuleOptions& options) {
  RoleDataAccess out;
  out.complete = role.grants_complete;
  const std::vector<std::string> candidates = DataActions(options);
  for (const auto& g : role.grants) {
    const Policy& p = scope.policies[static_cast<size_t>(g.policy)];
    // AWS's own Amplify policies (AdministratorAccess-Amplify, AmplifyBackendDeployFullAccess)
    // are the service role's build and deploy duties, not application data access.
    if (p.aws_managed && p.arn.known() && p.arn.value().find("Amplify") != std::string::npos) {
      continue;
    }
    if (!p.document.known()) {
      if (p.document.unknown()) out.complete = false;
      continue;
    }
    const PolicyDocument& doc = p.document.value();
    // Unknown parts about other actions (a logs statement on a log group by reference) hide
    // no data access.
    if (std::any_of(candidates.begin(), candidates.end(),
                    [&](const std::string& a) { return UnknownPartsMayConcern(doc, a); })) {
      out.complete = false;
    }
    for (const auto& st : doc.statements) {
      if (st.effect != Effect::kAllow) continue;
      DataGrant dg = StatementDataGrant(p, g, st, candidates, options);
      if (dg.actions.empty()) continue;
      out.grants.push_back(std::move(dg));
    }
  }
  return out;
}

namespace {

/// The condition keys a role's own request is known to carry: who asks.
void PrincipalContext(const Role& role, EvalRequest* req) {
  if (!role.arn.known()) return;
  const std::string& arn = role.arn.value();
  // arn:PARTITION:iam::ACCOUNT:role/NAME
  size_t colon = 0;
  std::vector<size_t> at;
  while ((colon = arn.find(':', colon)) != std::string::npos) at.push_back(colon++);
  if (at.size() < 5 || arn.compare(at[4] + 1, 5, "role/") != 0) return;
  req->context["aws:PrincipalArn"] = {arn};
  req->context["aws:PrincipalAccount"] = {arn.substr(at[3] + 1, at[4] - at[3] - 1)};
  req->context["aws:PrincipalType"] = {"AssumedRole"};
}

/// The part of the gathered policies a question weighs, with what out of view could change it.
void Keep(PolicyPart part, RolePolicies* g) {
  if (part == PolicyPart::kIdentity) {
    g->policies.boundary.clear();
    g->boundary_unknown = false;
  } else if (part == PolicyPart::kBoundary) {
    g->policies.identity = std::move(g->policies.boundary);
    g->policies.boundary.clear();
    g->policies.resource.clear();
    g->unknown.clear();
    // The boundary as the grant: its text out of view could allow what it seems to refuse.
    if (g->boundary_unknown) g->unknown.push_back("(the permissions boundary)");
    g->boundary_unknown = false;
  }
}

}  // namespace

RoleAnswer AskRole(const Scope& scope, const Role& role, const std::string& action,
                   const std::string& pattern, PolicyPart part) {
  RolePolicies gathered = GatherRolePolicies(scope, role, action, pattern);
  Keep(part, &gathered);
  EvalRequest req;
  req.principal = role.arn.value_or(role.display);
  req.action = action;
  req.resource = pattern;
  req.context_complete = false;  // keys the input cannot know are unknown, never absent
  PrincipalContext(role, &req);
  const PatternResult r = EvaluatePattern(gathered.policies, req);
  RoleAnswer out;
  out.decision = Settled(r.decision, gathered);
  // A witness refused by a Deny stands; one refused for want of an Allow only when no policy
  // out of view could allow it.
  if (out.decision == Decision::kDepends &&
      (r.refused_explicitly || !OutOfViewCouldChange(Decision::kImplicitDeny, gathered))) {
    out.refused_on = r.refused_on;
  }
  return out;
}

std::vector<std::string> GrantedPatterns(const Statement& st, bool* not_resource) {
  *not_resource = st.not_resource || !st.has_resource;
  if (*not_resource) return {"*"};
  for (const auto& r : st.resources) {
    if (r.find("${") != std::string::npos) return {};
  }
  return st.resources;
}

namespace {

/// Whether the engine says `runtime` is surely refused `action` on some resource the statement
/// grants it on (for a NotResource grant: on every resource).
bool RefusedTo(const Scope& scope, const Role& runtime, const std::string& action,
               const Statement& grant, std::string* boundary) {
  bool not_resource = false;
  std::vector<std::string> patterns = GrantedPatterns(grant, &not_resource);
  // A grant on a resource known only at apply (`aws_dynamodb_table.t.arn`): whatever it is,
  // code refused the action on every resource does not get it.
  const bool unknown_resource = grant.unknown_resources && !grant.not_resource;
  if (unknown_resource) patterns.emplace_back("*");
  for (const auto& pattern : patterns) {
    const RoleAnswer answer = AskRole(scope, runtime, action, pattern);
    const bool everywhere = not_resource || (unknown_resource && pattern == "*");
    if (everywhere ? !answer.RefusedEverywhere() : !answer.SurelyRefusedSomewhere()) continue;
    if (boundary->empty() && runtime.boundary.state == PolicyRef::State::kResolved &&
        AskRole(scope, runtime, action, pattern, PolicyPart::kIdentity).decision ==
            Decision::kAllowed) {
      *boundary = scope.policies[static_cast<size_t>(runtime.boundary.policy)].display;
    }
    return true;
  }
  return false;
}

}  // namespace

std::set<std::string> PatternsRefusedTo(const Scope& scope, const Role& runtime,
                                        const DataGrant& grant, std::string* boundary) {
  std::set<std::string> missing;
  for (const auto& pat : grant.patterns) {
    const bool not_action = pat.rfind("NotAction", 0) == 0;
    for (const auto& a : grant.actions) {
      if (!not_action && !ActionMatches(pat, a)) continue;
      if (RefusedTo(scope, runtime, a, *grant.statement, boundary)) missing.insert(pat);
    }
  }
  return missing;
}

std::string GrantGap::Where() const {
  std::string where = policy->display;
  if (grant->via != policy->display && grant->via != "inline_policy") where += " via " + grant->via;
  return where;
}

std::vector<GrantGap> GapsByGrant(
    const RoleDataAccess& access,
    const std::function<std::set<std::string>(const DataGrant&, GrantGap*)>& missing) {
  std::vector<GrantGap> all;
  for (const auto& g : access.grants) {
    if (all.empty() || all.back().grant != g.grant) {
      all.emplace_back();
      all.back().grant = g.grant;
      all.back().policy = g.policy;
    }
    GrantGap& gap = all.back();
    const std::set<std::string> gone = missing(g, &gap);
    bool any = false;
    for (const auto& p : g.patterns) {
      if (gone.count(p) == 0) continue;
      any = true;
      if (std::find(gap.patterns.begin(), gap.patterns.end(), p) == gap.patterns.end()) {
        gap.patterns.push_back(p);
      }
    }
    if (!any) continue;
    gap.statements.push_back(g.statement);
    for (const auto& r : g.statement->resources) {
      if (std::find(gap.resources.begin(), gap.resources.end(), r) == gap.resources.end()) {
        gap.resources.push_back(r);
      }
    }
  }
  std::vector<GrantGap> out;
  for (auto& gap : all) {
    if (!gap.patterns.empty()) out.push_back(std::move(gap));
  }
  return out;
}

namespace {

/// Condition keys a service principal's sts:AssumeRole request never carries: multi-factor
/// authentication is a person's sign-in, and the keys are in a request only when its caller's
/// temporary credentials came from one.
const std::vector<std::string>& KeysAbsentForServices() {
  static const std::vector<std::string> keys = {"aws:MultiFactorAuthPresent",
                                                "aws:MultiFactorAuthAge"};
  return keys;
}

}  // namespace

Tri TrustAllowsService(const PolicyDocument& trust, const std::string& service,
                       std::vector<std::string>* trusted, std::vector<std::string>* never_met) {
  auto names_service = [&](const Principal& p) {
    if (p.any) return true;
    auto it = p.ids.find("Service");
    if (it == p.ids.end()) return false;
    return std::find(it->second.begin(), it->second.end(), service) != it->second.end();
  };
  EvalRequest request;
  request.principal = service;
  request.action = "sts:AssumeRole";
  request.context_complete = false;               // what a service's request holds is unknown...
  request.absent_keys = KeysAbsentForServices();  // ...but for these
  bool allowed = false;
  bool unknown = trust.unknown_statements;
  std::vector<std::string> unmet;
  for (const auto& st : trust.statements) {
    if (st.unknown_core) {
      // It might be the statement that allows (or denies) it -- unless it is about other actions.
      if (MayConcern(st, "sts:AssumeRole")) unknown = true;
      continue;
    }
    if (!StatementMatchesAction(st, "sts:AssumeRole")) continue;
    if (auto it = st.principal.ids.find("Service");
        it != st.principal.ids.end() && st.effect == Effect::kAllow && !st.not_principal) {
      for (const auto& s : it->second) trusted->push_back(s);
    }
    bool applies = st.not_principal ? !names_service(st.principal) : names_service(st.principal);
    if (!applies) continue;
    std::vector<std::string> missing;
    const Applies conditions = ConditionsApply(st, request, &missing);
    if (st.effect == Effect::kDeny && conditions == Applies::kYes) return Tri::kNo;
    if (st.effect != Effect::kAllow || st.not_principal) continue;
    if (conditions != Applies::kNo) {
      allowed = true;
      continue;
    }
    for (const auto& c : st.conditions) {
      for (const auto& key : KeysAbsentForServices()) {
        if (AsciiEqualFold(c.key, key)) unmet.push_back(key);
      }
    }
  }
  std::sort(trusted->begin(), trusted->end());
  trusted->erase(std::unique(trusted->begin(), trusted->end()), trusted->end());
  if (allowed) return Tri::kYes;
  if (never_met != nullptr) {
    std::sort(unmet.begin(), unmet.end());
    unmet.erase(std::unique(unmet.begin(), unmet.end()), unmet.end());
    *never_met = std::move(unmet);
  }
  return unknown ? Tri::kUnknown : Tri::kNo;
}

std::string TrustRefusal(const std::string& service, const std::vector<std::string>& trusted,
                         const std::vector<std::string>& never_met) {
  if (!never_met.empty()) {
    return "it trusts " + service + " only under a condition on " + JoinLimited(never_met, 2) +
           ", which a service's request never carries (multi-factor authentication is a "
           "person's sign-in)";
  }
  if (trusted.empty()) return "no statement allows " + service + " sts:AssumeRole";
  if (std::find(trusted.begin(), trusted.end(), service) != trusted.end()) {
    return "a Deny statement refuses " + service + " sts:AssumeRole";
  }
  return "it trusts " + JoinLimited(trusted, 3) + ", not " + service;
}

std::string JoinLimited(const std::vector<std::string>& items, size_t limit) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) out += " and " + std::to_string(items.size() - limit) + " more";
  return out;
}

}  // namespace iamlint

namespace iamlint {

void ForEachEnvVar(const Scope& scope,
                   const std::function<void(const EnvVar&, const std::string& owner,
                                            const std::string& resource)>& fn) {
  for (const auto& app : scope.apps) {
    for (const auto& e : app.env) fn(e, "app " + app.display, app.display);
    for (const auto& e : app.auto_branch_env) {
      fn(e, "the auto-branch settings of app " + app.display, app.display);
    }
  }
  for (const auto& b : scope.branches) {
    for (const auto& e : b.env) fn(e, "branch " + b.display, b.display);
  }
}

std::vector<LintedPolicy> IdentityPoliciesOf(const Scope& scope) {
  std::vector<LintedPolicy> out;
  for (const auto& d : scope.documents) out.push_back({&d, d.loc.file});
  std::vector<char> granted(scope.policies.size(), 0);
  std::vector<char> boundary(scope.policies.size(), 0);
  auto holder = [&](const std::vector<Grant>& grants, const PolicyRef& b) {
    for (const auto& g : grants) granted[static_cast<size_t>(g.policy)] = 1;
    if (b.state == PolicyRef::State::kResolved) boundary[static_cast<size_t>(b.policy)] = 1;
  };
  for (const auto& r : scope.roles) holder(r.grants, r.boundary);
  for (const auto& u : scope.users_and_groups) holder(u.grants, u.boundary);
  for (size_t i = 0; i < scope.policies.size(); ++i) {
    const Policy& p = scope.policies[i];
    if (p.aws_managed || !p.document.known()) continue;
    out.push_back({&p.document.value(), p.display, boundary[i] != 0 && granted[i] == 0});
  }
  return out;
}

std::vector<LintedPolicy> PoliciesToValidate(const Scope& scope) {
  std::vector<LintedPolicy> out = IdentityPoliciesOf(scope);
  for (const auto& rp : scope.resource_policies) {
    if (!rp.document.known()) continue;
    LintedPolicy lp{&rp.document.value(), rp.display};
    lp.resource_policy = true;
    out.push_back(std::move(lp));
  }
  return out;
}

bool NamesAction(const Statement& st, const std::string& action) {
  if (st.not_action) return false;
  for (const auto& a : st.actions) {
    if (a != "*" && ActionMatches(a, action)) return true;
  }
  return false;
}

bool HasConditionKey(const Statement& st, const std::string& key) {
  for (const auto& c : st.conditions) {
    if (c.key.size() == key.size() &&
        std::equal(c.key.begin(), c.key.end(), key.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

bool AllResources(const Statement& st) {
  if (!st.has_resource || st.not_resource) return false;
  // `arn:*` and `arn:aws:*:*:*:*` read like narrowings but reach every resource `*` does.
  return std::any_of(st.resources.begin(), st.resources.end(),
                     [](const std::string& r) { return r == "*" || CoversWholePartition(r); });
}

/// The unconditional Deny statements of one document, indexed by their action patterns, so
/// that asking about every action of every Allow is not statements x statements.
/// Patterns are sorted into `*`, literals (a hash lookup) and the rest by their literal part
/// before the first wildcard (a sorted table walked along the action): `x:Get*` decides by that
/// part alone; other patterns found there are matched one by one against a work budget (past
/// it, an action is taken as not denied, the cautious answer: the finding stays).
struct DenyIndex {
  const Statement* data = nullptr;
  size_t size = 0;
  std::vector<const Statement*> denies;
  std::vector<size_t> any_action;                        // denies with Action "*"
  std::unordered_multimap<std::string, size_t> literal;  // lower-case action -> deny
  struct Prefixed {
    std::string head;         // lower-case literal part before the first wildcard
    const std::string* rest;  // the whole pattern when more than `head*`, else null
    size_t deny;
    bool operator<(const Prefixed& o) const {
      return std::tie(head, deny) < std::tie(o.head, o.deny);
    }
  };
  std::vector<Prefixed> prefix;                                   // sorted by head
  std::unordered_map<std::string, std::vector<size_t>> covering;  // memo: action -> denies
  std::map<std::pair<const Statement*, size_t>, bool> resources;  // memo: (allow, deny) -> covered
  size_t budget = size_t{256} << 20;  // character comparisons for general patterns and resources

  bool Spend(size_t a, size_t b) {
    const size_t cost = (a + 1) * (b + 1);
    if (cost > budget) {
      budget = 0;
      return false;
    }
    budget -= cost;
    return true;
  }
};

namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

DenyIndex& IndexOf(const PolicyDocument& doc) {
  if (doc.deny_index && doc.deny_index->data == doc.statements.data() &&
      doc.deny_index->size == doc.statements.size()) {
    return *doc.deny_index;
  }
  auto index = std::make_shared<DenyIndex>();
  index->data = doc.statements.data();
  index->size = doc.statements.size();
  for (const auto& st : doc.statements) {
    if (st.effect != Effect::kDeny || st.unknown_core || st.partially_unknown ||
        !st.conditions.empty() || st.not_action || st.not_resource || !st.has_resource) {
      continue;
    }
    const size_t id = index->denies.size();
    index->denies.push_back(&st);
    for (const auto& d : st.actions) {
      const size_t wild = d.find_first_of("*?");
      if (d == "*") {
        index->any_action.push_back(id);
      } else if (wild == std::string::npos) {
        index->literal.emplace(LowerAscii(d), id);
      } else {
        const bool plain = wild + 1 == d.size() && d[wild] == '*';
        index->prefix.push_back({LowerAscii(d.substr(0, wild)), plain ? nullptr : &d, id});
      }
    }
  }
  std::sort(index->prefix.begin(), index->prefix.end());
  doc.deny_index = index;
  return *index;
}

/// The denies (ids, ascending, once each) whose actions cover `action_pattern`.
const std::vector<size_t>& DeniesCovering(DenyIndex& index, const std::string& action_pattern) {
  const std::string lower = LowerAscii(action_pattern);
  if (auto it = index.covering.find(lower); it != index.covering.end()) return it->second;
  std::vector<size_t> ids = index.any_action;
  if (action_pattern.find_first_of("*?") == std::string::npos) {
    auto range = index.literal.equal_range(lower);
    for (auto it = range.first; it != range.second; ++it) ids.push_back(it->second);
  }
  // A pattern covers only what starts with its literal head ("x:Get*" all of it): walk the
  // sorted heads along the action, one character at a time, narrowing [lo, hi) to those that
  // start with what was read so far.
  auto lo = index.prefix.begin();
  auto hi = index.prefix.end();
  for (size_t len = 0; lo != hi; ++len) {
    for (; lo != hi && lo->head.size() == len; ++lo) {
      // `head*` covers all it reaches; a longer pattern only when it matches, within budget.
      if (lo->rest == nullptr || (index.Spend(lo->rest->size(), action_pattern.size()) &&
                                  GlobCovers(*lo->rest, action_pattern,
                                             /*case_insensitive=*/true))) {
        ids.push_back(lo->deny);
      }
    }
    if (len == lower.size() || lo == hi) break;
    const char c = lower[len];
    lo = std::lower_bound(lo, hi, c, [len](const auto& e, char ch) { return e.head[len] < ch; });
    hi = std::upper_bound(lo, hi, c, [len](char ch, const auto& e) { return ch < e.head[len]; });
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return index.covering.emplace(lower, std::move(ids)).first->second;
}

bool ResourcesCovered(DenyIndex& index, const Statement& allow, size_t id) {
  const auto key = std::make_pair(&allow, id);
  if (auto it = index.resources.find(key); it != index.resources.end()) return it->second;
  const Statement& deny = *index.denies[id];
  auto covered = [&](const std::string& resource) {
    for (const auto& d : deny.resources) {
      if (d == "*") return true;
      if (!index.Spend(d.size(), resource.size())) return false;
      if (GlobCovers(d, resource, /*case_insensitive=*/false)) return true;
    }
    return false;
  };
  // An Allow with NotResource reaches resources nobody listed: only a Deny on "*" covers it.
  const bool result = allow.not_resource
                          ? covered("*")
                          : (!allow.resources.empty() &&
                             std::all_of(allow.resources.begin(), allow.resources.end(), covered));
  index.resources.emplace(key, result);
  return result;
}

}  // namespace

bool DeniedInSameDocument(const PolicyDocument& doc, const Statement& allow,
                          const std::string& action_pattern) {
  DenyIndex& index = IndexOf(doc);
  if (index.denies.empty()) return false;
  for (size_t id : DeniesCovering(index, action_pattern)) {
    if (ResourcesCovered(index, allow, id)) return true;
  }
  return false;
}

}  // namespace iamlint
