// Per-format loaders. Each reads one parsed document into the model.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json/json.h"
#include "load/load.h"
#include "model/model.h"
#include "policy/parse.h"

namespace iamlint {

/// A read-only memory mapping of a whole file: big JSON inputs are parsed in place, without
/// a copy, and the pages already parsed are given back as the parser moves on.
class FileMapping {
 public:
  /// Maps the first `size` bytes of the open file `fd` (size > 0); nullptr when the file
  /// cannot be mapped (the caller then reads it). Should the file shrink while mapped (another
  /// process truncating it), touching the lost pages ends the run with exit code 2 and a
  /// message naming `path`, instead of a crash by SIGBUS.
  static std::unique_ptr<FileMapping> Map(int fd, size_t size, const std::string& path);
  ~FileMapping();
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;

  std::string_view bytes() const { return {data_ + skip_, size_ - skip_}; }
  /// Drops the first `n` bytes of bytes() (a byte order mark).
  void DropPrefix(size_t n) { skip_ += n; }
  /// Lets the kernel take back the pages within [begin, end) of bytes(): they stay readable
  /// (read again from the file when touched) but no longer count in the process's memory.
  /// Safe to call from several threads.
  void Release(size_t begin, size_t end) const;

 private:
  FileMapping(char* data, size_t size, int slot) : data_(data), size_(size), slot_(slot) {}
  char* data_;
  size_t size_;
  int slot_;  // in the table the SIGBUS handler reads; -1 when it was full
  size_t skip_ = 0;
};

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

/// Recognises a parsed JSON document by its keys. Returns kUnknown when it is
/// none of the inputs iamlint reads; `why` then says what it looks like.
InputKind SniffJson(const json::Value& root, std::string* why);

/// What LoadTerraformPlan reads of a plan or a state. Parsing with this filter drops the
/// resources no rule needs (their types, the modes prior_state is not read for) and the
/// sections the loader never reads, so memory follows the IAM and Amplify part of a plan,
/// not its size. It arms itself only on documents that start like Terraform's output (a
/// `format_version`, or a raw state's `version` and `terraform_version`): anything else is
/// kept whole.
const json::ParseFilter* TerraformPlanFilter();

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
