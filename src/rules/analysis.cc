#include "rules/analysis.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace iamlint {
namespace {

/// Concrete actions that stand for "application data access": if a statement
/// allows any of them, the role can reach the app's data. Logging, Amplify,
/// CloudFormation and deployment duties are deliberately absent.
const std::vector<std::string>& DataActions() {
  static const std::vector<std::string> kActions = {
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:ListBucket",
      "lambda:InvokeFunction",
      "lambda:InvokeFunctionUrl",
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sns:Publish",
      "ses:SendEmail",
      "ses:SendRawEmail",
      "secretsmanager:GetSecretValue",
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:GetParametersByPath",
      "kms:Decrypt",
      "kms:GenerateDataKey",
      "bedrock:InvokeModel",
      "bedrock:InvokeModelWithResponseStream",
      "rds-data:ExecuteStatement",
      "appsync:GraphQL",
      "execute-api:Invoke",
      "states:StartExecution",
      "events:PutEvents",
      "kinesis:PutRecord",
      "firehose:PutRecord",
      "cognito-idp:AdminGetUser",
  };
  return kActions;
}

/// S3 resources that are Amplify's own (build artifacts, deployment buckets).
bool IsAmplifyOwnedResource(const std::string& arn) {
  return arn.rfind("arn:aws:s3:::amplify-", 0) == 0 ||
         arn.rfind("arn:aws:s3:::aws-amplify-", 0) == 0;
}

bool StatementMatchesAction(const Statement& st, const std::string& action) {
  bool any = false;
  for (const auto& p : st.actions) {
    if (ActionMatches(p, action)) any = true;
  }
  return st.not_action ? !any : any;
}

/// Whether every resource in `wanted` is covered by the statement's Resource element.
bool StatementCoversResources(const Statement& st, const std::vector<std::string>& wanted) {
  if (!st.has_resource) return false;
  for (const auto& w : wanted) {
    bool covered = false;
    for (const auto& r : st.resources) {
      if (GlobCovers(r, w, false)) covered = true;
    }
    if (st.not_resource) {
      // NotResource covers w only when no listed resource could overlap it.
      bool overlap = false;
      for (const auto& r : st.resources) {
        if (PatternsOverlap(r, w)) overlap = true;
      }
      covered = !overlap;
    }
    if (!covered) return false;
  }
  return true;
}

bool StatementMayTouch(const Statement& st, const std::vector<std::string>& wanted) {
  if (!st.has_resource) return false;
  if (st.not_resource) return true;
  for (const auto& r : st.resources) {
    for (const auto& w : wanted) {
      if (r == "*" || PatternsOverlap(r, w)) return true;
    }
  }
  return false;
}

}  // namespace

bool PatternsOverlap(const std::string& a, const std::string& b) {
  const size_t n = a.size();
  const size_t k = b.size();
  if ((n + 1) * (k + 1) > (size_t{1} << 22)) return true;
  // at[i][j]: whether a[i..] and b[j..] can match a common string.
  std::vector<char> at((n + 1) * (k + 1), 0);
  auto cell = [&](size_t i, size_t j) -> char& { return at[i * (k + 1) + j]; };
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = k + 1; j-- > 0;) {
      bool v = false;
      if (i == n && j == k) {
        v = true;
      } else if (i < n && a[i] == '*') {
        v = cell(i + 1, j) || (j < k && cell(i, j + 1));
      } else if (j < k && b[j] == '*') {
        v = cell(i, j + 1) || (i < n && cell(i + 1, j));
      } else if (i < n && j < k && (a[i] == '?' || b[j] == '?' || a[i] == b[j])) {
        v = cell(i + 1, j + 1);
      }
      cell(i, j) = v ? 1 : 0;
    }
  }
  return cell(0, 0) != 0;
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
    if (doc.partially_unknown) out.complete = false;
    for (const auto& st : doc.statements) {
      if (st.effect != Effect::kAllow) continue;
      // S3 statements only on Amplify's own buckets are deployment duties.
      bool only_amplify_buckets = st.has_resource && !st.not_resource && !st.resources.empty();
      for (const auto& r : st.resources) {
        if (!IsAmplifyOwnedResource(r)) only_amplify_buckets = false;
      }
      DataGrant dg;
      dg.policy = &p;
      dg.grant = &g;
      dg.statement = &st;
      std::vector<std::string> candidates = DataActions();
      candidates.insert(candidates.end(), options.app_data_actions.begin(),
                        options.app_data_actions.end());
      for (const auto& a : candidates) {
        if (!StatementMatchesAction(st, a)) continue;
        if (std::any_of(options.service_role_duties.begin(), options.service_role_duties.end(),
                        [&](const std::string& d) { return ActionMatches(d, a); })) {
          continue;
        }
        if (std::find(dg.actions.begin(), dg.actions.end(), a) != dg.actions.end()) continue;
        if (only_amplify_buckets && a.rfind("s3:", 0) == 0) continue;
        dg.actions.push_back(a);
      }
      if (dg.actions.empty()) continue;
      if (st.not_action) {
        dg.patterns.push_back("NotAction " + JoinLimited(st.actions, 3));
      } else {
        for (const auto& pat : st.actions) {
          for (const auto& a : dg.actions) {
            if (ActionMatches(pat, a)) {
              dg.patterns.push_back(pat);
              break;
            }
          }
        }
      }
      out.grants.push_back(std::move(dg));
    }
  }
  return out;
}

namespace {

/// Whether one policy's statements allow `action` on every one of `resources`. `denied` is set
/// when an unconditional Deny covers them all; `unknown` when the policy's text, or a Deny that
/// may overlap, leaves the answer open.
/// With `partial_unknown`, an Allow that reaches some of `resources` but not all leaves the
/// answer open too.
bool PolicyAllows(const Policy& p, const std::string& action,
                  const std::vector<std::string>& resources, bool* denied, bool* unknown,
                  bool partial_unknown = false) {
  if (!p.document.known()) {
    if (p.document.unknown()) *unknown = true;
    return false;
  }
  if (p.document.value().partially_unknown) *unknown = true;
  bool allowed = false;
  for (const auto& st : p.document.value().statements) {
    if (!StatementMatchesAction(st, action)) continue;
    if (st.effect == Effect::kDeny && st.conditions.empty() && StatementMayTouch(st, resources)) {
      // An unconditional Deny that may overlap: allowed only if the overlap is partial.
      if (StatementCoversResources(st, resources)) {
        *denied = true;
        return false;
      }
      *unknown = true;
    }
    if (st.effect != Effect::kAllow) continue;
    if (StatementCoversResources(st, resources)) {
      allowed = true;
    } else if (partial_unknown && StatementMayTouch(st, resources)) {
      *unknown = true;
    }
  }
  return allowed;
}

}  // namespace

Tri BoundaryAllows(const Scope& scope, const Role& role, const std::string& action,
                   const std::vector<std::string>& resources) {
  switch (role.boundary.state) {
    case PolicyRef::State::kAbsent:
      return Tri::kYes;
    case PolicyRef::State::kUnknown:
      return Tri::kUnknown;
    case PolicyRef::State::kResolved:
      break;
  }
  bool denied = false;
  bool unknown = false;
  const Policy& p = scope.policies[static_cast<size_t>(role.boundary.policy)];
  // A boundary that reaches only some of the resources narrows the grant, as boundaries are
  // meant to: only one that reaches none of them refuses it.
  const bool allowed = PolicyAllows(p, action, resources, &denied, &unknown, true);
  if (denied) return Tri::kNo;
  if (unknown) return Tri::kUnknown;
  return allowed ? Tri::kYes : Tri::kNo;
}

Tri RoleAllows(const Scope& scope, const Role& role, const std::string& action,
               const std::vector<std::string>& resources, bool* by_boundary) {
  bool allowed = false;
  bool unknown = !role.grants_complete;
  for (const auto& g : role.grants) {
    bool denied = false;
    const Policy& p = scope.policies[static_cast<size_t>(g.policy)];
    allowed = PolicyAllows(p, action, resources, &denied, &unknown) || allowed;
    if (denied) return Tri::kNo;
  }
  Tri identity = allowed ? Tri::kYes : (unknown ? Tri::kUnknown : Tri::kNo);
  if (identity == Tri::kNo) return identity;
  // The boundary caps what the identity policies allow
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
  Tri cap = BoundaryAllows(scope, role, action, resources);
  if (cap == Tri::kNo) {
    if (by_boundary != nullptr) *by_boundary = true;
    return Tri::kNo;
  }
  return cap == Tri::kUnknown ? Tri::kUnknown : identity;
}

Tri TrustAllowsService(const PolicyDocument& trust, const std::string& service,
                       std::vector<std::string>* trusted) {
  auto names_service = [&](const Principal& p) {
    if (p.any) return true;
    auto it = p.ids.find("Service");
    if (it == p.ids.end()) return false;
    return std::find(it->second.begin(), it->second.end(), service) != it->second.end();
  };
  bool allowed = false;
  bool unknown = trust.unknown_statements;
  for (const auto& st : trust.statements) {
    if (st.unknown_core) {
      unknown = true;  // it might be the statement that allows (or denies) it
      continue;
    }
    if (!StatementMatchesAction(st, "sts:AssumeRole")) continue;
    if (auto it = st.principal.ids.find("Service");
        it != st.principal.ids.end() && st.effect == Effect::kAllow && !st.not_principal) {
      for (const auto& s : it->second) trusted->push_back(s);
    }
    bool applies = st.not_principal ? !names_service(st.principal) : names_service(st.principal);
    if (!applies) continue;
    if (st.effect == Effect::kDeny && st.conditions.empty()) return Tri::kNo;
    if (st.effect == Effect::kAllow && !st.not_principal) allowed = true;
  }
  std::sort(trusted->begin(), trusted->end());
  trusted->erase(std::unique(trusted->begin(), trusted->end()), trusted->end());
  if (allowed) return Tri::kYes;
  return unknown ? Tri::kUnknown : Tri::kNo;
}

CredentialKind CredentialInEnv(const EnvVar& var) {
  static const RE2 kKeyId("(AKIA|ASIA)[A-Z0-9]{16}");
  static const RE2 kKeyIdName("(?i).*ACCESS_?KEY(_?ID)?");
  static const RE2 kSecretName("(?i).*SECRET_?(ACCESS_?)?KEY");
  static const RE2 kTokenName("(?i).*SESSION_?TOKEN");
  static const RE2 kSecretValue("[A-Za-z0-9/+=]{40}");
  const bool has_value = !var.value_known || !var.value.empty();
  if (var.value_known && RE2::FullMatch(var.value, kKeyId)) return CredentialKind::kAccessKeyId;
  if (!has_value) return CredentialKind::kNone;  // an empty placeholder holds nothing
  if (RE2::FullMatch(var.name, kTokenName)) return CredentialKind::kSessionToken;
  if (RE2::FullMatch(var.name, kSecretName)) {
    // SECRET_ACCESS_KEY is AWS's name; a bare SECRET_KEY only with an AWS-shaped value.
    if (var.name.find("ACCESS") != std::string::npos ||
        var.name.find("access") != std::string::npos || !var.value_known ||
        RE2::FullMatch(var.value, kSecretValue)) {
      return CredentialKind::kSecretAccessKey;
    }
  }
  if (RE2::FullMatch(var.name, kKeyIdName) &&
      (var.name.find("ID") != std::string::npos || var.name.find("id") != std::string::npos)) {
    return CredentialKind::kAccessKeyId;
  }
  return CredentialKind::kNone;
}

const char* CredentialKindName(CredentialKind k) {
  switch (k) {
    case CredentialKind::kAccessKeyId:
      return "an AWS access key ID";
    case CredentialKind::kSecretAccessKey:
      return "an AWS secret access key";
    case CredentialKind::kSessionToken:
      return "an AWS session token";
    case CredentialKind::kNone:
      break;
  }
  return "nothing";
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
  return std::find(st.resources.begin(), st.resources.end(), "*") != st.resources.end();
}

bool DeniedInSameDocument(const PolicyDocument& doc, const Statement& allow,
                          const std::string& action_pattern) {
  for (const auto& st : doc.statements) {
    if (st.effect != Effect::kDeny || st.unknown_core || st.partially_unknown ||
        !st.conditions.empty() || st.not_action || st.not_resource || !st.has_resource) {
      continue;
    }
    const bool actions_covered =
        std::any_of(st.actions.begin(), st.actions.end(), [&](const std::string& d) {
          return GlobCovers(d, action_pattern, /*case_insensitive=*/true);
        });
    if (!actions_covered) continue;
    auto covered = [&](const std::string& resource) {
      return std::any_of(st.resources.begin(), st.resources.end(), [&](const std::string& d) {
        return GlobCovers(d, resource, /*case_insensitive=*/false);
      });
    };
    // An Allow with NotResource reaches resources nobody listed: only a Deny on "*" covers it.
    const bool resources_covered =
        allow.not_resource ? covered("*")
                           : (!allow.resources.empty() &&
                              std::all_of(allow.resources.begin(), allow.resources.end(), covered));
    if (resources_covered) return true;
  }
  return false;
}

}  // namespace iamlint
