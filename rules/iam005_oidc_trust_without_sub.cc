// IAM005 oidc-trust-without-sub: GitHub Actions (OIDC) trust that does not restrict the
// repository by `sub`.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/statement_checks.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM005",
    .name = "oidc-trust-without-sub",
    .severity = Severity::kError,
    .summary = "Role trusts GitHub Actions OIDC without restricting the repository (`sub`)",
    .what =
        "Finds trust statements that allow sts:AssumeRoleWithWebIdentity to the GitHub Actions "
        "OIDC provider (`token.actions.githubusercontent.com`, or an enterprise's "
        "`token.actions.githubusercontent.com/SLUG`) and do not pin the repository with a "
        "condition on its `:sub` key. An error: no `sub` condition at all (also when the "
        "repository was put in the `:aud` condition instead); only negated tests "
        "(`StringNotEquals`/`StringNotLike` one repository lets every other one in) or `Null`; or "
        "values any repository matches: `*`, `repo:*`, `repo:*/*`, `repo:*/my-repo:*`, "
        "`*:ref:refs/heads/main`, or a customised subject that names no repository or owner "
        "(`environment:prod`). A warning: a value that pins the owner but not the repository "
        "(`repo:my-org/*`), so every repository of that organisation may assume the role -- a "
        "choice some teams make on purpose. Several `sub` conditions must all hold, so the "
        "narrowest decides; several values of one condition are alternatives, so the widest "
        "decides. `ForAnyValue:`/`ForAllValues:` and `...IfExists` read the same as the plain "
        "operator here (GitHub always sends one `sub`). Under `StringEquals`, `*` is a literal "
        "character (it matches no workflow, so nothing is open).",
    .why =
        "Without a `sub` condition that pins the repository, a workflow in ANY GitHub repository "
        "-- anyone's -- can request a token for your provider and assume the role: the repository "
        "and owner in `sub` are the only parts GitHub sets from where the workflow runs. The "
        "`aud` condition alone does not help: it is the same for everyone.",
    .example =
        "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": "
        "\"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\"},\n"
        " \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"
        " \"Condition\": {\"StringLike\": {\"token.actions.githubusercontent.com:sub\": "
        "\"repo:*\"}}}",
    .fix =
        "Add `StringEquals` (or `StringLike`) on `token.actions.githubusercontent.com:sub` naming "
        "the repository, e.g. `repo:my-org/my-repo:ref:refs/heads/main`, "
        "`repo:my-org/my-repo:environment:prod` or `repo:my-org/my-repo:*`.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
        },
};

constexpr std::string_view kHost = "token.actions.githubusercontent.com";

/// How far a `sub` value reaches.
enum class Reach {
  kRepository,  // one repository (or nothing GitHub sends): closed
  kOwner,       // every repository of one owner
  kAnyone,      // repositories of any owner
};

struct SubjectReach {
  Reach reach = Reach::kRepository;
  std::string owner;  // for kOwner
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

/// The reach of one `sub` value. `glob`: `*` and `?` are wildcards (StringLike). GitHub writes
/// the default subject `repo:OWNER/REPO:CONTEXT` (`...:ref:refs/heads/main`,
/// `...:environment:prod`, `...:pull_request`), and a customised one as `claim:value` pairs
/// starting with the claims the owner picked; owners and repositories hold no `/` or `:`.
SubjectReach ReachOf(const std::string& value, bool glob) {
  const size_t wild = glob ? value.find_first_of("*?") : std::string::npos;
  const std::string_view lit = std::string_view(value).substr(0, wild);
  const bool exact = wild == std::string::npos;
  // Claims GitHub fills from the repository: an owner (and repository) written out after one
  // of them is pinned.
  struct Claim {
    std::string_view name;
    bool repository;  // names the repository itself (owner/repo, or its id)
  };
  static constexpr Claim kPinning[] = {
      {"repo:", true},
      {"repository:", true},
      {"repository_id:", true},
      {"repository_owner:", false},
      {"repository_owner_id:", false},
  };
  for (const Claim& c : kPinning) {
    if (!StartsWith(lit, c.name)) continue;
    const std::string_view rest = lit.substr(c.name.size());
    const bool slashed = c.name == "repo:" || c.name == "repository:";
    if (!slashed) {
      // repository_owner:OWNER:..., repository_id:ID:...
      const size_t end = rest.find(':');
      if (end == 0 || (end == std::string_view::npos && (!exact || rest.empty()))) {
        return {Reach::kAnyone, ""};
      }
      if (c.repository) return {Reach::kRepository, ""};
      return {Reach::kOwner, std::string(rest.substr(0, end))};
    }
    const size_t slash = rest.find('/');
    if (slash == 0 || slash == std::string_view::npos) {
      return exact ? SubjectReach{Reach::kRepository, ""} : SubjectReach{Reach::kAnyone, ""};
    }
    const size_t colon = rest.find(':', slash + 1);
    if (exact || (colon != std::string_view::npos && colon > slash + 1)) {
      return {Reach::kRepository, ""};
    }
    return {Reach::kOwner, std::string(rest.substr(0, slash))};
  }
  if (lit.empty()) return {exact ? Reach::kRepository : Reach::kAnyone, ""};
  // A customised subject made only of claims a workflow anywhere can share (its environment,
  // branch, workflow name, event...): any repository whose owner picks the same claims matches.
  static constexpr std::string_view kOther[] = {
      "environment:",
      "ref:",
      "ref_type:",
      "workflow:",
      "workflow_ref:",
      "context:",
      "actor:",
      "actor_id:",
      "event_name:",
      "head_ref:",
      "base_ref:",
      "runner_environment:",
      "repository_visibility:",
      "enterprise:",
      "enterprise_id:",
      "sha:",
  };
  for (std::string_view k : kOther) {
    if (StartsWith(lit, k)) return {Reach::kAnyone, ""};
  }
  // A wildcard within the first claim's name (`re*`, `repo*`) reaches every claim after it.
  if (!exact) {
    for (const Claim& c : kPinning) {
      if (StartsWith(c.name, lit)) return {Reach::kAnyone, ""};
    }
    for (std::string_view k : kOther) {
      if (StartsWith(k, lit)) return {Reach::kAnyone, ""};
    }
  }
  // Anything else (job_workflow_ref:..., text GitHub never sends): not judged.
  return {Reach::kRepository, ""};
}

/// The condition-key prefix of the GitHub provider a statement trusts ("" when none): the
/// provider's URL, as IAM names its keys (`token.actions.githubusercontent.com/SLUG:sub` for an
/// enterprise's own issuer).
std::string GitHubProvider(const Statement& st) {
  auto fed = st.principal.ids.find("Federated");
  if (fed != st.principal.ids.end() && !st.not_principal) {
    for (const auto& id : fed->second) {
      const size_t at = id.find(kHost);
      if (at != std::string::npos) return id.substr(at);
    }
  }
  // Principal "*" with conditions on GitHub's claims trusts GitHub's tokens too.
  if (st.principal.any && !st.not_principal) {
    for (const auto& c : st.conditions) {
      if (StartsWith(c.key, kHost)) return std::string(kHost);
    }
  }
  return "";
}

bool IsKey(const std::string& key, const std::string& provider, std::string_view claim) {
  for (const std::string& p : {provider, std::string(kHost)}) {
    if (key.size() == p.size() + 1 + claim.size() && AsciiEqualFold(key.substr(0, p.size()), p) &&
        key[p.size()] == ':' && AsciiEqualFold(key.substr(p.size() + 1), claim)) {
      return true;
    }
  }
  return false;
}

std::string Quoted(const std::vector<std::string>& values) {
  std::vector<std::string> q;
  q.reserve(values.size());
  for (const auto& v : values) q.push_back("\"" + v + "\"");
  return JoinLimited(q, 3);
}

/// What a statement's conditions on the provider's `sub` key let in.
struct SubTests {
  bool any_sub = false;   // some condition names the key
  bool positive = false;  // some of them is a positive test (not Null, not negated)
  Reach narrowest = Reach::kAnyone;
  std::string owner;                       // for kOwner
  std::vector<std::string> widest_values;  // of the condition that decides, for the message
  std::vector<std::string> negated;        // values of negated tests, for the message
};

/// The widest reach among one condition's values (alternatives: the widest is what it lets in).
SubjectReach WidestReach(const std::vector<std::string>& values, bool glob) {
  SubjectReach widest{Reach::kRepository, ""};
  for (const auto& v : values) {
    SubjectReach r = ReachOf(v, glob);
    if (r.reach > widest.reach) widest = r;
  }
  return widest;
}

/// Reads the statement's conditions on `provider:sub`.
SubTests ReadSubTests(const Statement& st, const std::string& provider) {
  SubTests t;
  for (const auto& c : st.conditions) {
    if (!IsKey(c.key, provider, "sub")) continue;
    t.any_sub = true;
    const ConditionOperator op = ParseConditionOperator(c.op);
    if (AsciiEqualFold(op.base, "Null"))
      continue;  // tests that a sub exists: GitHub always sends one
    if (op.negated) {
      t.negated.insert(t.negated.end(), c.values.begin(), c.values.end());
      continue;
    }
    const bool glob = AsciiEqualFold(op.base, "StringLike");
    const bool string_test = glob || AsciiEqualFold(op.base, "StringEquals") ||
                             AsciiEqualFold(op.base, "StringEqualsIgnoreCase");
    const SubjectReach widest =
        string_test ? WidestReach(c.values, glob) : SubjectReach{Reach::kRepository, ""};
    // Conditions must all hold: the narrowest one is what the statement lets in.
    if (!t.positive || widest.reach < t.narrowest) {
      t.narrowest = widest.reach;
      t.owner = widest.owner;
      t.widest_values = c.values;
    }
    t.positive = true;
  }
  return t;
}

/// The finding for trust with no condition on `key` at all (noting a repository put on :aud).
void ReportNoSub(const Role& role, const Statement& st, const std::string& provider,
                 const std::string& key, const std::string& who, Findings& out) {
  std::string aud;
  for (const auto& c : st.conditions) {
    if (!IsKey(c.key, provider, "aud")) continue;
    for (const auto& v : c.values) {
      if (StartsWith(v, "repo:")) aud = v;
    }
  }
  if (!aud.empty()) {
    out.Add(kInfo,
            {.resource = role.display,
             .loc = st.loc,
             .message =
                 who + " without a condition on " + key + ", so a workflow in any repository can " +
                 "assume it: the repository \"" + aud +
                 "\" is tested on :aud, which holds the audience (sts.amazonaws.com for every " +
                 "workflow), not the subject",
             .hint = "test the repo:... value on " + key + " instead of :aud"});
    return;
  }
  out.Add(kInfo, {.resource = role.display,
                  .loc = st.loc,
                  .message = who + " without a condition on " + key +
                             ", so a workflow in any repository can assume it",
                  .hint = "restrict " + key + " to your repository"});
}

void CheckStatement(const Role& role, const Statement& st, Findings& out) {
  const std::string provider = GitHubProvider(st);
  if (provider.empty() || !StatementReaches(st, "sts:AssumeRoleWithWebIdentity")) return;
  if (st.partially_unknown) return;  // a condition may be unknown, not absent
  const std::string key = provider + ":sub";
  const SubTests t = ReadSubTests(st, provider);
  const std::string who = "role " + role.display + " trusts GitHub Actions OIDC";
  if (!t.any_sub) {
    ReportNoSub(role, st, provider, key, who, out);
    return;
  }
  if (!t.positive) {
    out.Add(kInfo,
            {.resource = role.display,
             .loc = st.loc,
             .message = who + " and tests " + key +
                        (t.negated.empty()
                             ? std::string(" only for being present")
                             : " only with a negated operator (not " + Quoted(t.negated) + ")") +
                        ", so a workflow in every other repository can assume it",
             .hint = "test " + key + " with StringEquals or StringLike naming your repository"});
    return;
  }
  if (t.narrowest == Reach::kAnyone) {
    out.Add(kInfo, {.resource = role.display,
                    .loc = st.loc,
                    .message = who + " for " + key + " " + Quoted(t.widest_values) +
                               ", which a workflow in any repository matches",
                    .hint = "name the owner and repository: repo:OWNER/REPO:ref:refs/heads/main, "
                            "repo:OWNER/REPO:environment:NAME or repo:OWNER/REPO:*"});
  } else if (t.narrowest == Reach::kOwner) {
    out.Add(kInfo,
            {.resource = role.display,
             .loc = st.loc,
             .message = who + " for " + key + " " + Quoted(t.widest_values) +
                        ", which every repository of " + t.owner + " matches",
             .hint = "name the repository (repo:" + t.owner +
                     "/REPO:...) unless every repository of the organisation should deploy; then "
                     "suppress this finding with a reason",
             .severity = Severity::kWarning});
  }
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& role : scope.roles) {
    if (!role.trust.known()) continue;
    for (const auto& st : role.trust.value().statements) {
      if (st.effect != Effect::kAllow || st.unknown_core) continue;
      CheckStatement(role, st, out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
