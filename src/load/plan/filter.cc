#include "load/plan/filter.h"

#include "load/loaders.h"

namespace iamlint::plan {

bool Interesting(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "aws_amplify_app",
      "aws_amplify_branch",
      "aws_iam_role",
      "aws_iam_policy",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_iam_policy_attachment",
      "aws_iam_policy_document",
      "awscc_amplify_app",
      "awscc_amplify_branch",
      "awscc_iam_role",
      // Workloads: code that runs with AWS credentials.
      "aws_ecs_task_definition",
      "aws_lambda_function",
      "aws_instance",
      "aws_launch_template",
      "aws_iam_instance_profile",
      "aws_codebuild_project",
      // Resource-based policies (linted, and weighed by `simulate`).
      "aws_s3_bucket_policy",
      "aws_sqs_queue_policy",
      "aws_sns_topic_policy",
      "aws_kms_key",
      "aws_secretsmanager_secret_policy",
      "aws_dynamodb_resource_policy",
      "aws_kinesis_resource_policy",
      "aws_s3tables_table_bucket_policy",
      "aws_api_gateway_rest_api_policy",
      "aws_backup_vault_policy",
      "aws_codeartifact_domain_permissions_policy",
      "aws_opensearch_domain_policy",
      "aws_ecr_repository_policy",
      "aws_efs_file_system_policy",
  };
  for (std::string_view t : kTypes) {
    if (t == type) return true;
  }
  return false;
}

int PlanFilter::Enter(int parent, std::string_view key) const {
  switch (parent) {
    case kPlan:
      if (key == "planned_values" || key == "values") return kValues;
      if (key == "prior_state") return kPriorState;
      if (key == "resource_changes") return kChanges;
      if (key == "configuration") return kConfig;
      if (key == "resource_drift" || key == "relevant_attributes" || key == "output_changes" ||
          key == "checks") {
        return kUnread;
      }
      return kAll;
    case kRawState:
      return key == "resources" ? kRawResources : kAll;
    case kValues:
      return key == "root_module" ? kModule : kAll;
    case kPriorState:
      return key == "values" ? kPriorValues : kAll;
    case kPriorValues:
      return key == "root_module" ? kPriorModule : kAll;
    case kModule:
      if (key == "resources") return kResources;
      return key == "child_modules" ? kChildModules : kAll;
    case kPriorModule:
      if (key == "resources") return kPriorResources;
      return key == "child_modules" ? kPriorChildModules : kAll;
    case kResources:
    case kChanges:
    case kConfigResources:
    case kRawResources:
      return kResource;
    case kPriorResources:
      return kPriorResource;
    case kChildModules:
      return kModule;
    case kPriorChildModules:
      return kPriorModule;
    case kConfig:
      return key == "root_module" ? kConfigModule : kAll;
    case kConfigModule:
      if (key == "resources") return kConfigResources;
      return key == "module_calls" ? kModuleCalls : kAll;
    case kModuleCalls:
      return kModuleCall;
    case kModuleCall:
      return key == "module" ? kConfigModule : kAll;
    case kUnread:
      return kDrop;
    default:
      return kAll;
  }
}

int PlanFilter::Member(int state, std::string_view key, const json::Value& value) const {
  switch (state) {
    case kRoot:
    case kRootVersion:
    case kRootTfVersion:
      if (key == "format_version") return kPlan;
      if (key == "version") return state == kRootTfVersion ? kRawState : kRootVersion;
      if (key == "terraform_version") return state == kRootVersion ? kRawState : kRootTfVersion;
      return state;
    case kPriorResource:
      if (key == "mode" && value.IsString() && value.str() != "data") return kDrop;
      [[fallthrough]];
    case kResource:
      if (key != "type") return state;
      return value.IsString() && !Interesting(value.str()) ? kDrop : kAll;
    default:
      return state;
  }
}

}  // namespace iamlint::plan

namespace iamlint {

const json::ParseFilter* TerraformPlanFilter() {
  static const plan::PlanFilter kFilter;
  return &kFilter;
}

}  // namespace iamlint
