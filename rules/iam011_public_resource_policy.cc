// IAM011 public-resource-policy: a bucket, queue, topic, key, secret or table policy allows
// everyone (`Principal: "*"`) with no condition that narrows who may call.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "data/catalogue.h"
#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/statement_checks.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM011",
    .name = "public-resource-policy",
    .severity = Severity::kError,
    .summary =
        "Resource policy allows everyone (`Principal: \"*\"`) without a condition on who calls",
    .what =
        "Checks the resource-based policies the input defines (S3 bucket, SQS queue, SNS topic, "
        "KMS key, Secrets Manager secret and DynamoDB table policies) for Allow statements whose "
        "Principal is `*` (or `{\"AWS\": \"*\"}`) and whose conditions do not narrow the caller: "
        "no positive test (not a negated operator such as StringNotEquals, which lets in every "
        "value not listed, nor `...IfExists` or `ForAllValues:`, which let in a caller whose "
        "request lacks the key) of aws:SourceArn, aws:SourceAccount, aws:SourceOwner, "
        "aws:SourceOrgID, aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, "
        "aws:PrincipalArn, aws:PrincipalServiceName, aws:PrincipalIsAWSService, aws:SourceVpc, "
        "aws:SourceVpce, aws:SourceIp, aws:userid, kms:CallerAccount, kms:ViaService. An error "
        "when the statement allows Write, Permissions management or Tagging actions (or `*`); a "
        "warning when it allows only Read and List actions, which a public website bucket does on "
        "purpose (suppress it there with a reason). An Allow with NotPrincipal grants every "
        "principal but the named ones, anonymous callers included (AWS documents NotPrincipal "
        "with Allow as unsupported): an error whatever its actions, unless a condition narrows "
        "the caller.",
    .why =
        "`Principal: \"*\"` is every AWS account and, for S3, anonymous callers on the internet. "
        "A public PutObject, SendMessage, Publish or kms:Decrypt is a data leak or an abuse "
        "channel; conditions such as aws:SecureTransport restrict how, not who.",
    .example =
        "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:PutObject\",\n"
        " \"Resource\": \"arn:aws:s3:::my-app-uploads/*\"}",
    .fix =
        "Name the principals (an account, a role, a service), or add a condition on who calls: "
        "aws:SourceArn / aws:SourceAccount for a service, aws:PrincipalOrgID for your "
        "organisation.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_principal.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_condition-keys.html",
        },
};

/// Whether an action pattern reaches a Write, Permissions management or Tagging action.
bool Mutating(const std::string& pattern) {
  if (pattern == "*") return true;
  auto mutating = [](const ActionInfo* info) {
    return info->access_level.find("Write") != std::string_view::npos ||
           info->access_level.find("Permissions") != std::string_view::npos ||
           info->access_level.find("Tagging") != std::string_view::npos;
  };
  if (pattern.find_first_of("*?") != std::string::npos) {
    auto matched = MatchActions(pattern);
    return std::any_of(matched.begin(), matched.end(), mutating);
  }
  const ActionInfo* info = FindAction(pattern);
  return info == nullptr || mutating(info);  // unknown: IAM007 says so; do not call it harmless
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : PoliciesToValidate(scope)) {
    if (!p.resource_policy) continue;
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || st.unknown_core) continue;
      const bool everyone = st.principal.any && !st.not_principal;
      // NotPrincipal with Allow: everyone but the named principals (and nobody for `*`).
      const bool all_but = st.not_principal && !st.principal.any;
      if ((!everyone && !all_but) || NarrowsCaller(st, CallerScope::kResourcePolicy)) {
        continue;
      }
      const bool mutating =
          st.not_action || std::any_of(st.actions.begin(), st.actions.end(), Mutating);
      const std::string what = st.not_action ? "every action but " + JoinLimited(st.actions, 4)
                                             : JoinLimited(st.actions, 6);
      const std::string sid = st.sid.empty() ? "" : " (\"" + st.sid + "\")";
      std::string unlimited = " with no condition on who calls";
      if (!st.conditions.empty()) {
        const std::string loophole = CallerLoophole(st, CallerScope::kResourcePolicy);
        unlimited = " and none of its conditions limits who calls" +
                    (loophole.empty() ? std::string() : " (" + loophole + ")");
      }
      if (all_but) {
        out.Add(kInfo,
                {.resource = p.resource,
                 .loc = st.loc,
                 .message = "resource policy " + p.resource + sid + " allows " + what +
                            " to every principal but those in its NotPrincipal, anonymous callers "
                            "included," +
                            unlimited,
                 .hint = "name the principals in Principal; to keep others out, Deny with a "
                         "condition on aws:PrincipalArn instead of Allow with NotPrincipal"});
      } else if (mutating) {
        out.Add(kInfo, {.resource = p.resource,
                        .loc = st.loc,
                        .message = "resource policy " + p.resource + sid + " allows " + what +
                                   " to everyone (Principal \"*\")" + unlimited,
                        .hint = "name the principals, or add aws:SourceArn / aws:SourceAccount / "
                                "aws:PrincipalOrgID conditions"});
      } else {
        out.Add(
            kInfo,
            {.resource = p.resource,
             .loc = st.loc,
             .message = "resource policy " + p.resource + sid +
                        " lets everyone (Principal \"*\") read: " + what + "," + unlimited,
             .hint = "if this is a public website's content, suppress this finding with a reason; "
                     "otherwise name the principals",
             .severity = Severity::kWarning});
      }
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
