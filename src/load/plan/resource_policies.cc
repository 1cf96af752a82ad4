#include "load/plan/resource_policies.h"

#include <re2/re2.h>

#include <string>
#include <string_view>
#include <utility>

#include "core/arn.h"

namespace iamlint::plan {
namespace {

/// A resource-based policy type: which attribute names the resource, which holds the policy.
struct Kind {
  std::string_view type;
  std::string_view service;
  std::string_view target;  // the attribute naming the resource ("": no ARN to be had)
  std::string_view policy;  // the attribute holding the policy
};

constexpr Kind kKinds[] = {
    {"aws_s3_bucket_policy", "s3", "bucket", "policy"},  // a bucket name
    {"aws_sqs_queue_policy", "sqs", "queue_url", "policy"},
    {"aws_sns_topic_policy", "sns", "arn", "policy"},
    {"aws_kms_key", "kms", "arn", "policy"},
    {"aws_secretsmanager_secret_policy", "secretsmanager", "secret_arn", "policy"},
    {"aws_dynamodb_resource_policy", "dynamodb", "resource_arn", "policy"},
    {"aws_kinesis_resource_policy", "kinesis", "resource_arn", "policy"},
    {"aws_s3tables_table_bucket_policy", "s3tables", "table_bucket_arn", "resource_policy"},
    // Named by ID or name, not ARN: linted, and unknown to `simulate`.
    {"aws_api_gateway_rest_api_policy", "execute-api", "", "policy"},
    {"aws_backup_vault_policy", "backup", "", "policy"},
    {"aws_codeartifact_domain_permissions_policy", "codeartifact", "", "policy_document"},
    {"aws_opensearch_domain_policy", "es", "", "access_policies"},
    {"aws_ecr_repository_policy", "ecr", "", "policy"},
    {"aws_efs_file_system_policy", "elasticfilesystem", "", "policy"},
};

const Kind* KindOf(const std::string& type) {
  const Kind* kind = nullptr;
  for (const auto& k : kKinds) {
    if (k.type == type) kind = &k;
  }
  return kind;
}

/// `https://sqs.us-east-1.amazonaws.com/123456789012/jobs` -> `arn:aws:sqs:us-east-1:
/// 123456789012:jobs`; "" when the URL is not of that shape.
std::string QueueArnFromUrl(const std::string& url) {
  static const re2::RE2 kUrl(R"(https://sqs\.([a-z0-9-]+)\.amazonaws\.com/(\d{12})/([^/]+))");
  std::string region;
  std::string account;
  std::string name;
  if (!re2::RE2::FullMatch(url, kUrl, &region, &account, &name)) return "";
  return "arn:aws:sqs:" + region + ":" + account + ":" + name;
}

/// The ARN of the resource the policy is attached to, when the plan shows it ("" when not).
std::string TargetArn(const Kind& kind, const Instance& in) {
  std::string target = kind.target.empty() ? "" : StringAttr(in, kind.target);
  if (kind.service == "s3" && !target.empty() && target.rfind("arn:", 0) != 0) {
    target = "arn:aws:s3:::" + target;
  } else if (kind.service == "sqs") {
    target = QueueArnFromUrl(target);
  }
  return target;
}

/// The policy AWS gives a key created without one: the key's account may manage access with
/// IAM policies (the account root principal on kms:*).
Known<PolicyDocument> DefaultKeyPolicy(const std::string& key_arn, const Location& loc) {
  std::optional<Arn> arn = ParseArn(key_arn);  // arn:aws:kms:REGION:ACCOUNT:key/ID
  if (!arn) return Known<PolicyDocument>::Unknown();
  PolicyDocument doc;
  doc.version = "2012-10-17";
  Statement st;
  st.sid = "Enable IAM User Permissions";
  st.effect = Effect::kAllow;
  st.principal.present = true;
  st.principal.ids["AWS"] = {"arn:" + std::string(arn->partition) +
                             ":iam::" + std::string(arn->account) + ":root"};
  st.actions = {"kms:*"};
  st.has_resource = true;
  st.resources = {"*"};
  st.loc = loc;
  doc.statements.push_back(std::move(st));
  doc.loc = loc;
  return Known<PolicyDocument>::Of(std::move(doc));
}

}  // namespace

std::optional<ResourcePolicy> ResourcePolicyOf(const Instance& in, const PlanInput& input,
                                               PlanDocuments* docs) {
  const Kind* kind = KindOf(in.type);
  if (kind == nullptr) return std::nullopt;
  ResourcePolicy rp;
  rp.display = in.address;
  rp.service = std::string(kind->service);
  rp.loc = input.Loc(in.pointer, in.offset);
  const std::string target = TargetArn(*kind, in);
  rp.arn = target.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(target);
  rp.document = docs->DocumentOf(in, kind->policy, in.values_pointer());
  if (kind->service == "kms" && rp.document.absent() &&
      !IsUnknown(in.after_unknown, kind->policy) && rp.arn.known()) {
    rp.document = DefaultKeyPolicy(rp.arn.value(), rp.loc);
  }
  if (rp.document.absent()) return std::nullopt;
  return rp;
}

}  // namespace iamlint::plan
