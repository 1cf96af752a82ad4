// Recognising inputs by content (SniffJson, LooksLikeInputText) from one table of key
// signatures, and the names of the input kinds (--input-format).
#include "load/sniff.h"

#include <algorithm>
#include <vector>

namespace iamlint {
namespace {

using json::Value;

/// A CloudFormation template (CDK-synthesised and SAM ones too): its format version, SAM's
/// `Transform`, or a `Resources` object with a resource whose `Type` is like `AWS::IAM::Role`.
bool LooksLikeCloudFormation(const Value& root) {
  if (!root.IsObject()) return false;
  if (root.Find("AWSTemplateFormatVersion") != nullptr) return true;
  auto sam = [](const Value& v) {
    return v.IsString() && v.str().rfind("AWS::Serverless-", 0) == 0;
  };
  if (const Value* t = root.Find("Transform")) {
    if (sam(*t)) return true;
    if (t->IsArray() && std::any_of(t->items().begin(), t->items().end(), sam)) return true;
  }
  const Value* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsObject()) return false;
  for (const auto& m : resources->members()) {
    const Value* type = m.value->IsObject() ? m.value->Find("Type") : nullptr;
    if (type != nullptr && type->IsString() && type->str().find("::") != std::string::npos) {
      return true;
    }
  }
  return false;
}

/// One way an input shows what it is by its top-level keys: all of `all`, and one of `any`
/// when `any` is not empty. SniffJson reads a parsed document by this table, and
/// LooksLikeInputText a broken one, so the two cannot drift apart.
struct KeySignature {
  InputKind kind;
  std::vector<std::string_view> all;
  std::vector<std::string_view> any;
  /// `all`'s first key must hold an array (a bare "Policies" object is someone else's).
  bool first_is_array = false;
  /// When set, `all`'s first key, a name other tools use too ("projects", "Functions"), must
  /// hold an object with this key, or a list that is empty or has such an object.
  std::string_view marker = {};
};

/// Whether `v` is an object with `marker`, or a list empty or holding one.
bool Marked(const Value& v, std::string_view marker) {
  auto entry = [marker](const Value& e) { return e.IsObject() && e.Find(marker) != nullptr; };
  if (v.IsArray()) {
    return v.items().empty() || std::any_of(v.items().begin(), v.items().end(), entry);
  }
  return entry(v);
}

const std::vector<KeySignature>& KeySignatures() {
  static const std::vector<KeySignature> k = {
      {InputKind::kTerraformPlan,
       {"format_version"},
       {"planned_values", "resource_changes", "configuration", "prior_state"}},
      {InputKind::kTerraformState, {"format_version", "values"}, {}},
      {InputKind::kTerraformState, {"version", "terraform_version"}, {"resources", "modules"}},
      {InputKind::kAwsCli,
       {},
       {"app", "apps", "branch", "branches", "Role", "RoleDetailList", "UserDetailList",
        "GroupDetailList", "PolicyVersion", "AttachedPolicies", "taskDefinition", "Reservations",
        "InstanceProfile", "InstanceProfiles"}},
      {InputKind::kAwsCli, {"Policies"}, {}, /*first_is_array=*/true},
      // lambda get-function, get-function-configuration, list-functions;
      // codebuild batch-get-projects.
      {InputKind::kAwsCli, {"Configuration"}, {}, false, "FunctionName"},
      {InputKind::kAwsCli, {"FunctionName", "FunctionArn"}, {}},
      {InputKind::kAwsCli, {"Functions"}, {}, /*first_is_array=*/true, "FunctionName"},
      {InputKind::kAwsCli, {"projects"}, {}, /*first_is_array=*/true, "serviceRole"},
      {InputKind::kAwsCli, {"RoleName", "PolicyDocument"}, {}},
      {InputKind::kAwsCli, {"UserName", "PolicyDocument"}, {}},
      {InputKind::kAwsCli, {"GroupName", "PolicyDocument"}, {}},
      {InputKind::kPolicy, {"Statement"}, {}},
  };
  return k;
}

/// Keys that also head inputs of other tools (a package.json's "version"): a broken file is
/// not taken for one of ours on them alone.
bool CommonKey(std::string_view key) {
  return key == "version" || key == "resources" || key == "modules" || key == "values" ||
         key == "configuration" || key == "Configuration" || key == "projects" ||
         key == "Functions";
}

/// Calls `fn(key)` for each key of the top-level object of JSON `text`, however broken or
/// truncated the text is (one pass; strings and nesting are followed, nothing else is checked),
/// until `fn` returns true. Returns whether it did.
template <class Fn>
bool ForEachTopLevelKey(std::string_view text, Fn fn) {
  int depth = 0;
  bool object = false;  // the top level is an object
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const size_t begin = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (i >= text.size()) return false;
      if (depth != 1 || !object) continue;
      size_t j = i + 1;
      while (j < text.size() &&
             (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
        ++j;
      }
      if (j < text.size() && text[j] == ':' && fn(text.substr(begin, i - begin))) return true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) object = c == '{';
    } else if (c == '}' || c == ']') {
      if (depth > 0) --depth;
    }
  }
  return false;
}

/// Amplify's lower-case keys (`app`, `apps`, `branch`, `branches`) also head other tools'
/// files (semantic-release's `.releaserc.json` has `branches`, old Angular CLI files `apps`):
/// such a key does not mark an Amplify dump when what it holds is plainly something else -- a
/// list none of whose entries is an app or branch, or an object that is neither. (Anything
/// else is read as Amplify's, so a damaged dump is a located error, not "not an input".)
bool AmplifyKey(std::string_view key) {
  return key == "app" || key == "apps" || key == "branch" || key == "branches";
}
bool AmplifyShaped(std::string_view key, const Value& v) {
  const bool apps = key == "app" || key == "apps";
  auto entry = [apps](const Value& e) {
    if (!e.IsObject()) return false;
    return apps ? e.Find("appArn") != nullptr || e.Find("appId") != nullptr
                : e.Find("branchArn") != nullptr || e.Find("branchName") != nullptr;
  };
  const bool single = key == "app" || key == "branch";
  if (single) return !v.IsObject() || v.members().empty() || entry(v);
  if (!v.IsArray() || v.items().empty()) return true;
  return std::any_of(v.items().begin(), v.items().end(), entry);
}

}  // namespace

bool LooksLikeTemplateText(std::string_view text) {
  std::string_view head = text.substr(0, 4096);
  for (const char* k :
       {"AWSTemplateFormatVersion", "AWS::Serverless-2016-10-31", "AWS::IAM::", "AWS::Amplify::"}) {
    if (head.find(k) != std::string_view::npos) return true;
  }
  return false;
}

const char* InputKindName(InputKind k) {
  switch (k) {
    case InputKind::kTerraformPlan:
      return "terraform-plan";
    case InputKind::kTerraformState:
      return "terraform-state";
    case InputKind::kAwsCli:
      return "aws-cli";
    case InputKind::kPolicy:
      return "policy";
    case InputKind::kCloudFormation:
      return "cloudformation";
    case InputKind::kUnknown:
      break;
  }
  return "auto";
}

bool ParseInputFormat(const std::string& text, InputKind* out) {
  for (InputKind k : {InputKind::kUnknown, InputKind::kTerraformPlan, InputKind::kAwsCli,
                      InputKind::kPolicy, InputKind::kCloudFormation}) {
    if (text == InputKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

InputKind SniffJson(const Value& root, std::string* why) {
  if (!root.IsObject()) {
    *why = "the top level is " + json::TypeNameWithArticle(root.type()) +
           ", not an object any supported input has";
    return InputKind::kUnknown;
  }
  for (const KeySignature& sig : KeySignatures()) {
    bool all = std::all_of(sig.all.begin(), sig.all.end(),
                           [&](std::string_view k) { return root.Find(k) != nullptr; });
    if (all && sig.first_is_array) all = root.Find(sig.all.front())->IsArray();
    if (all && !sig.marker.empty()) all = Marked(*root.Find(sig.all.front()), sig.marker);
    if (!all) continue;
    if (sig.any.empty() || std::any_of(sig.any.begin(), sig.any.end(), [&](std::string_view k) {
          const Value* v = root.Find(k);
          return v != nullptr && (!AmplifyKey(k) || AmplifyShaped(k, *v));
        })) {
      return sig.kind;
    }
  }
  if (LooksLikeCloudFormation(root)) return InputKind::kCloudFormation;
  if (root.Find("format_version") != nullptr) {
    *why =
        "it has a format_version but neither planned_values, resource_changes nor values "
        "(a provider schema or other terraform JSON?)";
    return InputKind::kUnknown;
  }
  *why = "it is not a Terraform plan, an AWS CLI output or an IAM policy document";
  return InputKind::kUnknown;
}

bool LooksLikeInputText(std::string_view text) {
  // A broken file may have lost the later keys of a signature: any key of one is enough,
  // except the common ones. Every top-level key is read, however late it comes.
  const bool amplify_text = text.find("\"appArn\"") != std::string_view::npos ||
                            text.find("\"appId\"") != std::string_view::npos ||
                            text.find("\"branchArn\"") != std::string_view::npos;
  const bool ours = ForEachTopLevelKey(text, [amplify_text](std::string_view key) {
    if (CommonKey(key)) return false;
    if (AmplifyKey(key) && !amplify_text) return false;  // e.g. a .releaserc.json cut short
    for (const KeySignature& sig : KeySignatures()) {
      if (std::find(sig.all.begin(), sig.all.end(), key) != sig.all.end() ||
          std::find(sig.any.begin(), sig.any.end(), key) != sig.any.end()) {
        return true;
      }
    }
    return false;
  });
  return ours || LooksLikeTemplateText(text);
}

}  // namespace iamlint
