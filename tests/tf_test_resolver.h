// A small tf::Resolver for the tf_* tests: `var.*` and `local.*` from maps, a resource
// `aws_iam_role.r` (name "app", its arn unknown), `data.aws_iam_policy_document.p` (nothing
// known), `path.module`, and files from a map.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "hcl/hcl.h"
#include "tf/eval.h"
#include "tf/value.h"

namespace iamlint::tf::testing {

class TestResolver : public Resolver {
 public:
  std::map<std::string, Value> vars;
  std::map<std::string, Value> locals;
  std::map<std::string, std::string> files;
  size_t resolves = 0;

  TestResolver() {
    Value role = Value::Map(
        {{"name", Value::String("app")}, {"tags", Value::Map({{"team", Value::String("core")}})}});
    role.set_resource("aws_iam_role.r");
    roles["r"] = role;
    Value doc = Value::Map({});
    doc.set_resource("data.aws_iam_policy_document.p");
    documents["p"] = doc;
  }

  bool Resolve(const std::string& root, const std::vector<std::string>& names,
               const hcl::Range& range, Value* out, size_t* consumed, Diagnostics* diags) override {
    ++resolves;
    if (root == "var" || root == "local")
      return FromMap(root == "var" ? vars : locals, root, names, range, out, consumed, diags);
    if (root == "aws_iam_role") return FromMap(roles, root, names, range, out, consumed, diags);
    if (root == "path" && !names.empty() && names[0] == "module") {
      *out = Value::String(".");
      *consumed = 1;
      return true;
    }
    if (root == "data" && names.size() >= 2 && names[0] == "aws_iam_policy_document") {
      auto it = documents.find(names[1]);
      if (it != documents.end()) {
        *out = it->second;
        *consumed = 2;
        return true;
      }
    }
    diags->Error(range, "undeclared name " + root);
    return false;
  }

  bool ReadFile(const std::string& path, const hcl::Range& range, std::string* text,
                Diagnostics* diags) override {
    auto it = files.find(path);
    if (it == files.end()) {
      diags->Note(range, "no file " + path);
      return false;
    }
    *text = it->second;
    return true;
  }

 private:
  bool FromMap(const std::map<std::string, Value>& m, const std::string& root,
               const std::vector<std::string>& names, const hcl::Range& range, Value* out,
               size_t* consumed, Diagnostics* diags) {
    if (names.empty()) {
      diags->Error(range, root + " needs a name");
      return false;
    }
    auto it = m.find(names[0]);
    if (it == m.end()) {
      diags->Error(range, "undeclared " + root + "." + names[0]);
      return false;
    }
    *out = it->second;
    *consumed = 1;
    return true;
  }

  std::map<std::string, Value> roles;
  std::map<std::string, Value> documents;
};

/// Parses and evaluates one expression; a parse failure is an error diagnostic.
inline Value EvalText(Resolver* r, const std::string& text, Diagnostics* diags,
                      const Limits& limits = Limits(), size_t parse_depth = 256) {
  hcl::ParsedExpr parsed;
  hcl::Error err;
  hcl::ParseOptions options;
  options.max_depth = parse_depth;
  if (!hcl::ParseExpression(text, "t.tf", &parsed, &err, options)) {
    diags->Error(hcl::Range(), "parse: " + err.ToString());
    return Value::Unknown();
  }
  Evaluator ev(r, diags, limits);
  return ev.Eval(*parsed.expr);
}

/// The first error's message, or "".
inline std::string FirstError(const Diagnostics& d) {
  for (const Diagnostic& x : d.items) {
    if (x.kind == Diagnostic::Kind::kError) return x.message;
  }
  return "";
}

/// The first note's message, or "".
inline std::string FirstNote(const Diagnostics& d) {
  for (const Diagnostic& x : d.items) {
    if (x.kind == Diagnostic::Kind::kNote) return x.message;
  }
  return "";
}

}  // namespace iamlint::tf::testing
