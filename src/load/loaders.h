// Per-format loaders, one folder each (cloudformation/, aws_cli/, policy_file/ and the
// Terraform plan loader). Each reads one parsed document into the model.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"
#include "load/load.h"
#include "load/mapping.h"
#include "model/model.h"
#include "policy/parse.h"

namespace iamlint {

/// A parsed input file.
struct InputFile {
  std::string path;
  std::string text;  // UTF-8 (decoded from UTF-16 when needed); empty while `mapping` is set
  /// A big JSON file, parsed in place; let go once parsed (the document does not refer to
  /// the text).
  std::unique_ptr<FileMapping> mapping;
  json::Document doc;

  /// The input's bytes: the mapping while there is one, else `text`.
  std::string_view bytes() const {
    return mapping != nullptr ? mapping->bytes() : std::string_view(text);
  }
};

/// What LoadTerraformPlan reads of a plan or a state. Parsing with this filter drops the
/// resources no rule needs (their types, the modes prior_state is not read for) and the
/// sections the loader never reads, so memory follows the IAM and Amplify part of a plan,
/// not its size. It arms itself only on documents that start like Terraform's output (a
/// `format_version`, or a raw state's `version` and `terraform_version`): anything else is
/// kept whole.
const json::ParseFilter* TerraformPlanFilter();

/// Terraform `show -json` of a plan (or of a state: `values.root_module`).
void LoadTerraformPlan(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

/// A Terraform configuration evaluated from source (load/terraform_source/), as the plan
/// document it stands for (`planned_values`, `resource_changes` with `after_unknown`) plus
/// `instance_expressions`: each instance's references, already resolved to absolute
/// addresses. Read by the plan loader, so source and plan give one model.
void LoadEvaluatedConfiguration(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

/// The bundled document of an AWS managed policy (by ARN), or unknown when not bundled.
Known<PolicyDocument> BundledManagedPolicy(const std::string& arn);

/// A CloudFormation template (JSON or YAML; CDK-synthesised and SAM templates too).
void LoadCloudFormation(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

/// A standalone IAM policy document.
void LoadPolicyFile(const InputFile& in, Scope* scope);

/// Collects AWS CLI dumps from many files and merges them by ARN into one scope.
class AwsAccountBuilder {
 public:
  AwsAccountBuilder();
  ~AwsAccountBuilder();
  AwsAccountBuilder(const AwsAccountBuilder&) = delete;
  AwsAccountBuilder& operator=(const AwsAccountBuilder&) = delete;

  /// Reads one dump. The InputFile must outlive Build().
  void Add(const InputFile& in, std::vector<LoadError>* errors);
  bool empty() const;
  Scope Build(std::vector<LoadError>* errors);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iamlint
