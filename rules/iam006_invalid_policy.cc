// IAM006 invalid-policy: policy grammar mistakes IAM rejects or silently misreads.
#include <set>
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM006",
    .name = "invalid-policy",
    .severity = Severity::kError,
    .summary =
        "Policy grammar error: bad Effect, missing Action or Resource, duplicate Sid, old Version",
    .what =
        "Checks the policy grammar of the identity and resource-based policies (bucket, queue, "
        "topic, key, secret, table and repository policies) the input defines: Effect must be "
        "Allow or Deny; each statement needs Action or NotAction, and Resource or NotResource "
        "(and, in a resource policy, Principal or NotPrincipal) -- except in the resource "
        "policies of services that apply a statement without Resource to the resource the policy "
        "is attached to (Amazon ECR and ECR Public repository policies); role trust policies are "
        "not checked for Resource. Sids must be unique; elements must have the right shape; "
        "`Version` must be `2012-10-17` or the old `2008-10-17`. A policy that uses policy "
        "variables such as `${aws:username}` with a `Version` of `2008-10-17` (or none) is a "
        "warning: the variables are then plain text.",
    .why =
        "IAM rejects invalid policies at deploy time, after the plan looked fine; an old or "
        "missing Version silently turns `${aws:username}` into a literal string, so a statement "
        "meant for one user's prefix matches nothing (or the wrong thing).",
    .example =
        "{\"Version\": \"2008-10-17\", \"Statement\": [{\"Sid\": \"A\", \"Effect\": \"allow\", "
        "\"Action\": \"s3:GetObject\"}]}",
    .fix =
        "Use `\"Version\": \"2012-10-17\"`, `Effect` `Allow`/`Deny` (case matters), and give "
        "every statement an Action and a Resource; make Sids unique.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_version.html",
        },
};

// The first policy variable (`${aws:username}`) of a Resource, NotResource or condition value,
// or "" when the document uses none.
std::string FirstPolicyVariable(const PolicyDocument& doc) {
  auto find = [](const std::string& text) -> std::string {
    size_t at = text.find("${");
    if (at == std::string::npos) return "";
    size_t end = text.find('}', at);
    return end == std::string::npos ? "" : text.substr(at, end - at + 1);
  };
  for (const auto& st : doc.statements) {
    for (const auto& r : st.resources) {
      if (std::string v = find(r); !v.empty()) return v;
    }
    for (const auto& c : st.conditions) {
      for (const auto& value : c.values) {
        if (std::string v = find(value); !v.empty()) return v;
      }
    }
  }
  return "";
}

/// Services whose resource policies may leave Resource out: a statement then applies to the
/// resource the policy is attached to. ECR's repository policy examples have no Resource
/// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html),
/// nor have ECR Public's. Other services' policies (S3, SQS, SNS, KMS, Secrets Manager...)
/// name their resources.
bool ResourceImplied(const std::string& service) {
  return service == "ecr" || service == "ecr-public";
}

/// A Version IAM rejects, or an old (or missing) one that leaves policy variables unsubstituted.
void CheckVersion(const LintedPolicy& p, const PolicyDocument& doc, Findings& out) {
  if (!doc.statements.empty() && !doc.version.empty() && doc.version != "2012-10-17" &&
      doc.version != "2008-10-17") {
    out.Add(kInfo, {.resource = p.resource,
                    .loc = doc.loc,
                    .message = "policy " + p.resource + " has Version \"" + doc.version +
                               "\", which IAM does not accept (only \"2012-10-17\" or the old "
                               "\"2008-10-17\")",
                    .hint = "set \"Version\": \"2012-10-17\""});
  } else if (doc.version != "2012-10-17") {
    // Without variables the old language reads the policy the same: nothing to report.
    const std::string variable = FirstPolicyVariable(doc);
    if (!variable.empty()) {
      out.Add(kInfo, {.resource = p.resource,
                      .loc = doc.loc,
                      .message = "policy " + p.resource + " has " +
                                 (doc.version.empty() ? std::string("no Version")
                                                      : "Version \"" + doc.version + "\"") +
                                 ", so its policy variables such as " + variable +
                                 " are not substituted: they match only that literal text",
                      .hint = "set \"Version\": \"2012-10-17\"",
                      .severity = Severity::kWarning});
    }
  }
}

/// One statement's grammar: Effect, Action, Resource (when `resource_required`), Principal (in a
/// resource policy) and a Sid not already in `sids`.
void CheckStatement(const LintedPolicy& p, const Statement& st, bool resource_required,
                    std::set<std::string>& sids, Findings& out) {
  if (st.effect == Effect::kInvalid) {
    out.Add(kInfo, {.resource = p.resource,
                    .loc = st.loc,
                    .message = "policy " + p.resource +
                               " has a statement whose Effect is not Allow or Deny",
                    .hint = "use \"Allow\" or \"Deny\" (case matters)"});
  }
  if (st.actions.empty()) {
    out.Add(kInfo,
            {.resource = p.resource,
             .loc = st.loc,
             .message = "policy " + p.resource + " has a statement without Action or NotAction",
             .hint = "add the actions"});
  }
  if (!st.has_resource && resource_required) {
    out.Add(kInfo,
            {.resource = p.resource,
             .loc = st.loc,
             .message = "policy " + p.resource + " has a statement without Resource or NotResource",
             .hint = p.resource_policy ? "add the resources (a resource policy needs them too)"
                                       : "add the resources (an identity policy needs them)"});
  }
  if (p.resource_policy && !st.principal.present) {
    out.Add(kInfo, {.resource = p.resource,
                    .loc = st.loc,
                    .message = "resource policy " + p.resource +
                               " has a statement without Principal or NotPrincipal",
                    .hint = "name who the statement is for (a resource policy needs a Principal)"});
  }
  if (!st.sid.empty() && !sids.insert(st.sid).second) {
    out.Add(kInfo, {.resource = p.resource,
                    .loc = st.loc,
                    .message = "policy " + p.resource + " repeats the Sid \"" + st.sid + "\"",
                    .hint = "make every Sid unique"});
  }
}

void Check(const Scope& scope, Findings& out) {
  // Resource policies whose statements may leave Resource out.
  std::set<const PolicyDocument*> resource_implied;
  for (const auto& rp : scope.resource_policies) {
    if (rp.document.known() && ResourceImplied(rp.service)) {
      resource_implied.insert(&rp.document.value());
    }
  }
  for (const auto& p : PoliciesToValidate(scope)) {
    const PolicyDocument& doc = *p.doc;
    const bool resource_required = !p.resource_policy || resource_implied.count(&doc) == 0;
    if (doc.partially_unknown) continue;
    for (const auto& problem : doc.problems) {
      out.Add(kInfo, {.resource = p.resource,
                      .loc = problem.loc,
                      .message = "policy " + p.resource + ": " + problem.message,
                      .hint = "fix the policy's shape"});
    }
    CheckVersion(p, doc, out);
    std::set<std::string> sids;
    for (const auto& st : doc.statements) {
      if (st.unknown_core) continue;
      CheckStatement(p, st, resource_required, sids, out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
