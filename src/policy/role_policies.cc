#include "policy/role_policies.h"

#include <algorithm>

#include "core/ascii.h"
#include "core/wildcard.h"
#include "policy/match.h"

namespace iamlint {
namespace {

std::string ServiceOf(const std::string& action) {
  std::string s = action.substr(0, action.find(':'));
  for (auto& c : s) c = AsciiLower(c);
  return s;
}

bool IsAssumeRole(const std::string& action) {
  static constexpr std::string_view kPrefix = "sts:assumerole";
  return action.size() >= kPrefix.size() &&
         AsciiEqualFold(std::string_view(action).substr(0, kPrefix.size()), kPrefix);
}

bool IsPattern(const std::string& resource) {
  return resource.find_first_of("*?") != std::string::npos;
}

void AddIdentity(const Scope& scope, const Role& role, const std::string& action,
                 RolePolicies* out) {
  for (const auto& g : role.grants) {
    const Policy& p = scope.policies[static_cast<size_t>(g.policy)];
    if (!p.document.known()) {
      if (p.document.unknown()) out->unknown.push_back(p.display);
      continue;
    }
    if (UnknownPartsMayConcern(p.document.value(), action)) {
      out->unknown.push_back(p.display + " (in part)");
    }
    out->policies.identity.push_back({p.display, &p.document.value()});
  }
  if (!role.grants_complete) out->unknown.push_back("(policies this input does not list)");
}

void AddBoundary(const Scope& scope, const Role& role, const std::string& action,
                 RolePolicies* out) {
  out->boundary_unknown = role.boundary.state == PolicyRef::State::kUnknown;
  if (role.boundary.state != PolicyRef::State::kResolved) return;
  const Policy& b = scope.policies[static_cast<size_t>(role.boundary.policy)];
  if (!b.document.known()) {
    out->boundary_unknown = true;
    return;
  }
  out->policies.boundary.push_back({b.display + " (permissions boundary)", &b.document.value()});
  if (UnknownPartsMayConcern(b.document.value(), action)) out->boundary_unknown = true;
}

void AddTrustPolicies(const Scope& scope, const std::string& resource, RolePolicies* out) {
  for (const auto& target : scope.roles) {
    if (!RoleIs(target, resource)) continue;
    if (target.trust.known()) {
      out->policies.resource.push_back({target.display + " (trust policy)", &target.trust.value()});
    } else if (target.trust.unknown()) {
      out->unknown.push_back(target.display + " (trust policy)");
    }
  }
}

/// The resources a resource policy attached to `arn` governs: the resource, and an S3 bucket's
/// objects too.
std::vector<std::string> Governed(const ResourcePolicy& rp) {
  std::vector<std::string> out = {rp.arn.value()};
  if (rp.service == "s3") out.push_back(rp.arn.value() + "/*");
  return out;
}

bool MayGovern(const std::vector<std::string>& governed, const std::string& resource) {
  return std::any_of(governed.begin(), governed.end(), [&](const std::string& g) {
    return IsPattern(resource) ? WildcardsOverlap(g, resource)
                               : WildcardMatch(g, resource, /*case_insensitive=*/false);
  });
}

void AddResourcePolicies(const Scope& scope, const std::string& action, const std::string& resource,
                         RolePolicies* out) {
  const std::string service = ServiceOf(action);
  for (const auto& rp : scope.resource_policies) {
    if (!AsciiEqualFold(rp.service, service)) continue;
    if (!rp.arn.known()) {
      out->unknown.push_back(rp.display + " (its resource is known only after apply)");
      continue;
    }
    std::vector<std::string> governed = Governed(rp);
    if (!MayGovern(governed, resource)) continue;
    if (!rp.document.known()) {
      out->unknown.push_back(rp.display);
      continue;
    }
    out->policies.resource.push_back({rp.display, &rp.document.value(), std::move(governed)});
    if (UnknownPartsMayConcern(rp.document.value(), action)) {
      out->unknown.push_back(rp.display + " (in part)");
    }
  }
}

/// A resource policy naming principals needs the caller's ARN, which a plan may not know.
void NoteUnknownArn(const Role& role, RolePolicies* out) {
  if (role.arn.known()) return;
  for (const auto& rp : out->policies.resource) {
    const bool names =
        std::any_of(rp.document->statements.begin(), rp.document->statements.end(),
                    [](const Statement& st) { return st.principal.present && !st.principal.any; });
    if (names)
      out->unknown.push_back(role.display + "'s ARN (for the Principal of " + rp.name + ")");
  }
}

}  // namespace

bool MayConcern(const Statement& st, const std::string& action) {
  if (st.unknown_actions || action.find_first_of("*?") != std::string::npos) return true;
  const bool listed = std::any_of(st.actions.begin(), st.actions.end(),
                                  [&](const std::string& a) { return ActionMatches(a, action); });
  return listed != st.not_action;
}

bool UnknownPartsMayConcern(const PolicyDocument& doc, const std::string& action) {
  if (!doc.partially_unknown) return false;
  if (doc.unknown_statements) return true;
  bool marked = false;  // a document marked in part with no statement marked: all of it
  for (const auto& st : doc.statements) {
    if (!st.partially_unknown) continue;
    marked = true;
    if (MayConcern(st, action)) return true;
  }
  return !marked;
}

bool RoleIs(const Role& r, const std::string& who) {
  if (r.display == who) return true;
  if (r.arn.known() && r.arn.value() == who) return true;
  if (r.name.known() && r.name.value() == who) return true;
  // A role ARN whose last path part is this role's known name.
  return r.name.known() && who.find(":role/") != std::string::npos &&
         who.substr(who.rfind('/') + 1) == r.name.value();
}

RolePolicies GatherRolePolicies(const Scope& scope, const Role& role, const std::string& action,
                                const std::string& resource) {
  RolePolicies out;
  AddIdentity(scope, role, action, &out);
  AddBoundary(scope, role, action, &out);
  if (IsAssumeRole(action)) AddTrustPolicies(scope, resource, &out);
  AddResourcePolicies(scope, action, resource, &out);
  NoteUnknownArn(role, &out);
  return out;
}

bool OutOfViewCouldChange(Decision d, const RolePolicies& gathered) {
  return (!gathered.unknown.empty() && d != Decision::kExplicitDeny) ||
         (gathered.boundary_unknown && d == Decision::kAllowed);
}

}  // namespace iamlint
