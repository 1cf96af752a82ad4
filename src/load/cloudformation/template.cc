// Reading a CloudFormation template's parameters, mappings and resources.
#include "load/cloudformation/template.h"

#include <algorithm>
#include <string_view>

namespace iamlint::cfn {
namespace {

using json::Value;

/// `MyStack/AmplifyApp/Resource` -> `MyStack/AmplifyApp`: the construct path users wrote.
std::string CdkName(std::string path) {
  for (const char* tail : {"/Resource", "/Default"}) {
    const std::string t(tail);
    if (path.size() > t.size() && path.compare(path.size() - t.size(), t.size(), t) == 0) {
      path.resize(path.size() - t.size());
    }
  }
  return path;
}

}  // namespace

bool Template::Read() {
  const Value& root = in_.doc.root();
  ReadParameters(root);
  mappings_ = root.Find("Mappings");
  if (const Value* tr = root.Find("Transform")) {
    auto is_sam = [](const Value& v) {
      return v.IsString() && v.str() == "AWS::Serverless-2016-10-31";
    };
    sam_ = is_sam(*tr) || std::any_of(tr->items().begin(), tr->items().end(), is_sam);
  }
  globals_ = root.Find("Globals");
  const Value* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsObject()) {
    Error(resources != nullptr ? resources : &root, "/Resources",
          "a CloudFormation template needs a `Resources` object");
    return false;
  }
  // A logical ID written twice: CloudFormation deploys the last one, without a word
  // (aws-cloudformation/cfn-language-discussion#96), and so it is read here. Found in one
  // pass: Value::Find per resource would make loading quadratic in the resources.
  std::map<std::string_view, const Value*> last;
  for (const auto& m : resources->members()) last[m.key] = m.value.get();
  for (const auto& m : resources->members()) {
    if (last[m.key] == m.value.get()) ReadResource(m.key, *m.value);
  }
  return true;
}

void Template::ReadParameters(const Value& root) {
  const Value* params = root.Find("Parameters");
  if (params == nullptr || !params->IsObject()) return;
  for (const auto& m : params->members()) {
    const Value* def = m.value->IsObject() ? m.value->Find("Default") : nullptr;
    // The Default of an SSM parameter type is the name of the parameter to read at
    // deploy, not the value.
    const Value* type = m.value->IsObject() ? m.value->Find("Type") : nullptr;
    if (type != nullptr && type->IsString() && type->str().rfind("AWS::SSM::", 0) == 0) {
      def = nullptr;
    }
    params_[m.key] = def;
  }
}

void Template::ReadResource(const std::string& id, const Value& r) {
  Resource res;
  res.id = id;
  res.pointer = json::PointerAppend("/Resources", id);
  res.node = &r;
  const Value* type = r.IsObject() ? r.Find("Type") : nullptr;
  if (type == nullptr || !type->IsString()) {
    Error(&r, res.pointer, "resource \"" + id + "\" has no `Type` string");
    return;
  }
  res.type = type->str();
  const Value* props = r.Find("Properties");
  if (props != nullptr && !props->IsObject()) {
    Error(props, json::PointerAppend(res.pointer, "Properties"),
          "`Properties` of \"" + id + "\" must be an object");
    return;
  }
  res.props = props;
  res.display = id;
  if (const Value* md = r.Find("Metadata"); md != nullptr && md->IsObject()) {
    if (const Value* path = md->Find("aws:cdk:path"); path != nullptr && path->IsString()) {
      res.display = CdkName(path->str());
    }
  }
  order_.push_back(id);
  res_[id] = std::move(res);
}

void Template::Error(const Value* at, const std::string& pointer, std::string message) const {
  LoadError e;
  e.file = in_.path;
  e.line = at != nullptr ? in_.doc.LineOf(at->offset()) : 0;
  e.pointer = pointer;
  e.message = std::move(message);
  errors_->push_back(std::move(e));
}

}  // namespace iamlint::cfn
