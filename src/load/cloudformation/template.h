// A CloudFormation template's parts as written: its parameters (with the defaults that count),
// its mappings and its resources (the last of each logical ID), and the located errors against
// its file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json/json.h"
#include "load/loaders.h"

namespace iamlint::cfn {

/// One resource of the template.
struct Resource {
  std::string id;       // the logical ID
  std::string type;     // `AWS::IAM::Role`
  std::string display;  // the logical ID, or the CDK construct path
  std::string pointer;  // `/Resources/ID`
  const json::Value* node = nullptr;
  const json::Value* props = nullptr;  // may be null
};

class Template {
 public:
  Template(const InputFile& in, std::vector<LoadError>* errors) : in_(in), errors_(errors) {}

  /// Reads the parameters, mappings and resources. A resource without a `Type` string or with
  /// `Properties` that are not an object is a located error and left out; false (a located
  /// error) when the template has no `Resources` object.
  bool Read();

  const InputFile& file() const { return in_; }
  /// The logical IDs of the resources read, in the order the template writes them.
  const std::vector<std::string>& order() const { return order_; }
  /// The resource of logical ID `id`, or nullptr.
  const Resource* Find(const std::string& id) const {
    auto it = res_.find(id);
    return it == res_.end() ? nullptr : &it->second;
  }
  /// The resource of a logical ID in order().
  const Resource& At(const std::string& id) const { return res_.at(id); }
  size_t resource_count() const { return res_.size(); }
  /// Parameter name -> its Default (nullptr when it has none, or is an SSM parameter type).
  const std::map<std::string, const json::Value*>& params() const { return params_; }
  const json::Value* mappings() const { return mappings_; }
  /// The template declares the SAM transform (`Transform: AWS::Serverless-2016-10-31`, alone
  /// or in a list): its `AWS::Serverless::*` resources and `Globals` count.
  bool sam() const { return sam_; }
  /// SAM's `Globals` section, or nullptr.
  const json::Value* globals() const { return sam_ ? globals_ : nullptr; }

  /// A located input error at `at` (the file's line of it; 0 when null).
  void Error(const json::Value* at, const std::string& pointer, std::string message) const;
  Location Loc(const std::string& pointer, const json::Value* v) const {
    return Location{in_.path, pointer, v != nullptr ? in_.doc.LineOf(v->offset()) : 0};
  }
  /// The property `name` of `r`, or nullptr.
  static const json::Value* Prop(const Resource& r, const char* name) {
    return r.props != nullptr ? r.props->Find(name) : nullptr;
  }
  static std::string PropPointer(const Resource& r, const std::string& name) {
    return json::PointerAppend(json::PointerAppend(r.pointer, "Properties"), name);
  }

 private:
  void ReadParameters(const json::Value& root);
  void ReadResource(const std::string& id, const json::Value& r);

  const InputFile& in_;
  std::vector<LoadError>* errors_;
  std::map<std::string, const json::Value*> params_;
  const json::Value* mappings_ = nullptr;
  bool sam_ = false;
  const json::Value* globals_ = nullptr;
  std::map<std::string, Resource> res_;
  std::vector<std::string> order_;
};

}  // namespace iamlint::cfn
