// Per-format loaders. Each reads one parsed document into the model.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "json/json.h"
#include "load/load.h"
#include "model/model.h"

namespace iamlint {

/// A parsed input file.
struct InputFile {
  std::string path;
  std::string text;  // UTF-8 (decoded from UTF-16 when needed)
  json::Document doc;
};

/// Recognises a parsed JSON document by its keys. Returns kUnknown when it is
/// none of the inputs iamlint reads; `why` then says what it looks like.
InputKind SniffJson(const json::Value& root, std::string* why);

/// Terraform `show -json` of a plan (or of a state: `values.root_module`).
void LoadTerraformPlan(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

/// The bundled document of an AWS managed policy (by ARN), or unknown when not bundled.
Known<PolicyDocument> BundledManagedPolicy(const std::string& arn);

/// A CloudFormation template (JSON or YAML; CDK-synthesised and SAM templates too).
void LoadCloudFormation(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

/// A standalone IAM policy document.
void LoadPolicyFile(const InputFile& in, Scope* scope, std::vector<LoadError>* errors);

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
