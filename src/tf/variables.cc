// Variable values: a call's arguments for a module; for the root, Terraform's precedence
// (later wins): defaults, TF_VAR_ environment variables, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then -var and -var-file in
// command-line order. A variable with no value is unknown.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/read_file.h"
#include "hcl/hcl.h"
#include "tf/config_internal.h"

namespace iamlint::tf::internal {
namespace {

namespace fs = std::filesystem;

/// Names mean nothing in a tfvars file or a type's defaults: only constants and functions.
class ConstantResolver : public Resolver {
 public:
  bool Resolve(const std::string& root, const std::vector<std::string>& /*names*/,
               const hcl::Range& range, Value* /*out*/, size_t* /*consumed*/,
               Diagnostics* diags) override {
    diags->Error(range, "`" + root + "`: variables and references are not allowed here");
    return false;
  }
  bool ReadFile(const std::string& path, const hcl::Range& range, std::string* /*text*/,
                Diagnostics* diags) override {
    diags->Note(range, "file(" + path + ") is not read here: its content is unknown");
    return false;
  }
};

Value EvalConstant(const hcl::Expr& e, Diagnostics* diags) {
  ConstantResolver none;
  Evaluator ev(&none, diags);
  return ev.Eval(e);
}

/// Whether a type constraint is a primitive (`string`, `number`, `bool`) or absent / `any`:
/// then a raw -var or TF_VAR_ text is the string itself, else it is parsed as an expression.
bool RawIsString(const hcl::Expr* type) {
  return type == nullptr || type->kind == hcl::ExprKind::kVariable;
}

bool IsWord(const hcl::Expr* e, const char* word) {
  return e != nullptr && e->kind == hcl::ExprKind::kVariable && e->text == word;
}

/// A number's text as Terraform accepts it for a number variable.
bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && s.find_first_of("xXnN") == std::string::npos;
}

Value ApplyPrimitive(const hcl::Expr* type, Value v, Diagnostics* diags) {
  if (IsWord(type, "number") && v.IsString()) {
    double d = 0;
    if (ParseNumber(v.str(), &d)) {
      Value n = Value::NumberText(v.str());
      n.set_sensitive(v.sensitive());
      return n;
    }
    diags->Error(type->range, "\"" + std::string(v.sensitive() ? "(sensitive)" : v.str()) +
                                  "\" is not a number, as this variable's type requires");
    return Value::Unknown();
  }
  if (IsWord(type, "bool") && v.IsString() && (v.str() == "true" || v.str() == "false")) {
    Value b = Value::Bool(v.str() == "true");
    b.set_sensitive(v.sensitive());
    return b;
  }
  if (IsWord(type, "string") &&
      (v.kind() == Value::Kind::kNumber || v.kind() == Value::Kind::kBool)) {
    Value s =
        Value::String(v.kind() == Value::Kind::kBool ? (v.AsBool() ? "true" : "false") : v.str());
    s.set_sensitive(v.sensitive());
    return s;
  }
  return v;
}

Value ApplyObject(const hcl::Expr& attrs, Value v, Diagnostics* diags) {
  if (!v.IsMap()) return v;
  std::map<std::string, Value> out;
  for (const auto& m : attrs.members) {
    const std::string* name = m.key != nullptr ? m.key->LiteralText() : nullptr;
    if (name == nullptr) continue;
    const hcl::Expr* t = m.value.get();
    const hcl::Expr* dflt = nullptr;
    if (t->kind == hcl::ExprKind::kCall && t->text == "optional" && !t->parts.empty()) {
      if (t->parts.size() >= 2) dflt = t->parts[1].get();
      t = t->parts[0].get();
    }
    if (const Value* given = v.Find(*name); given != nullptr && !given->IsNull()) {
      out[*name] = ApplyType(t, *given, diags);
    } else if (dflt != nullptr) {
      out[*name] = ApplyType(t, EvalConstant(*dflt, diags), diags);
    } else {
      out[*name] = Value::Null();
    }
  }
  Value r = Value::Map(std::move(out));
  r.set_sensitive(v.sensitive());
  return r;
}

}  // namespace

Value ApplyType(const hcl::Expr* type, Value v, Diagnostics* diags) {
  if (type == nullptr || v.IsUnknown() || v.IsNull()) return v;
  if (type->kind == hcl::ExprKind::kVariable) return ApplyPrimitive(type, std::move(v), diags);
  if (type->kind != hcl::ExprKind::kCall || type->parts.empty()) return v;
  const std::string& f = type->text;
  const hcl::Expr* arg = type->parts[0].get();
  if ((f == "list" || f == "set") && v.IsList()) {
    std::vector<Value> items;
    for (const auto& i : v.items()) items.push_back(ApplyType(arg, i, diags));
    Value r = f == "set" ? Value::Set(std::move(items)) : Value::List(std::move(items));
    r.set_sensitive(v.sensitive());
    return r;
  }
  if (f == "map" && v.IsMap()) {
    std::map<std::string, Value> m;
    for (const auto& [k, i] : v.members()) m[k] = ApplyType(arg, i, diags);
    Value r = Value::Map(std::move(m));
    r.set_sensitive(v.sensitive());
    return r;
  }
  if (f == "object" && arg->kind == hcl::ExprKind::kObject) return ApplyObject(*arg, v, diags);
  if (f == "tuple" && arg->kind == hcl::ExprKind::kTuple && v.IsList()) {
    std::vector<Value> items;
    for (size_t i = 0; i < v.items().size(); ++i) {
      const hcl::Expr* t = i < arg->parts.size() ? arg->parts[i].get() : nullptr;
      items.push_back(ApplyType(t, v.items()[i], diags));
    }
    return Value::List(std::move(items));
  }
  return v;
}

namespace {

/// A raw text (TF_VAR_x, -var x=...) for a variable of type `type`.
Value RawValue(const std::string& text, const hcl::Expr* type, const std::string& what,
               Diagnostics* diags) {
  if (RawIsString(type)) return Value::String(text);
  hcl::ParsedExpr parsed;
  hcl::Error err;
  if (!hcl::ParseExpression(text, what, &parsed, &err)) {
    diags->items.push_back({Diagnostic::Kind::kError, what, err.pos,
                            "not a valid value for this variable's type: " + err.message});
    return Value::Unknown();
  }
  return EvalConstant(*parsed.expr, diags);
}

/// The variables a tfvars file sets (the file's attributes), evaluated as constants.
void ReadVarsFile(const std::string& path, bool required, std::map<std::string, Value>* raw,
                  std::vector<std::unique_ptr<hcl::File>>* keep, Evaluated* out) {
  std::string text;
  std::string why;
  if (!iamlint::ReadRegularFile(path, size_t{64} << 20, &text, &why)) {
    if (required) {
      out->diags.items.push_back(
          {Diagnostic::Kind::kError, path, hcl::Pos{}, "cannot read this variables file: " + why});
    }
    return;
  }
  out->files.push_back(path);
  auto file = std::make_unique<hcl::File>();
  hcl::Error err;
  const bool json = path.size() > 5 && path.substr(path.size() - 5) == ".json";
  const bool parsed = json ? hcl::ParseJsonConfig(text, path, file.get(), &err, /*tfvars=*/true)
                           : hcl::ParseConfig(text, path, file.get(), &err);
  if (!parsed) {
    out->diags.items.push_back({Diagnostic::Kind::kError, path, err.pos, err.message});
    return;
  }
  for (const auto& b : file->body.blocks) {
    out->diags.Error(b.type_range,
                     "a variables file sets values only (`name = value`), not "
                     "blocks");
  }
  for (const auto& a : file->body.attributes) (*raw)[a.name] = EvalConstant(*a.expr, &out->diags);
  keep->push_back(std::move(file));
}

}  // namespace

void ModuleInstance::InitVariables() {
  std::map<std::string, Value> given;  // before type conversion
  std::vector<std::unique_ptr<hcl::File>> keep;
  if (is_root_) {
    const RootOptions& o = *root_->options;
    auto type_of = [&](const std::string& n) -> const hcl::Expr* {
      auto it = module_->variables.find(n);
      if (it == module_->variables.end()) return nullptr;
      const hcl::Attribute* t = it->second.body.Find("type");
      return t != nullptr ? t->expr.get() : nullptr;
    };
    for (const auto& [name, text] : o.env_vars) {
      if (module_->variables.count(name) == 0) continue;
      given[name] = RawValue(text, type_of(name), "TF_VAR_" + name, diags());
    }
    const fs::path dir(o.dir);
    ReadVarsFile((dir / "terraform.tfvars").string(), false, &given, &keep, root_->out);
    ReadVarsFile((dir / "terraform.tfvars.json").string(), false, &given, &keep, root_->out);
    std::vector<std::string> autos;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string n = it->path().filename().string();
      auto ends = [&](const std::string& s) {
        return n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0;
      };
      if (ends(".auto.tfvars") || ends(".auto.tfvars.json")) autos.push_back(it->path().string());
    }
    std::sort(autos.begin(), autos.end());
    for (const auto& a : autos) ReadVarsFile(a, false, &given, &keep, root_->out);
    for (const auto& arg : o.var_args) {
      if (arg.file) {
        ReadVarsFile(arg.text, true, &given, &keep, root_->out);
        continue;
      }
      const size_t eq = arg.text.find('=');
      const std::string name = arg.text.substr(0, eq);
      const std::string text = eq == std::string::npos ? "" : arg.text.substr(eq + 1);
      given[name] = RawValue(text, type_of(name), "--var " + name, diags());
    }
  } else {
    given = inputs_;
  }
  for (const auto& [name, decl] : module_->variables) {
    const hcl::Attribute* type = decl.body.Find("type");
    const hcl::Attribute* dflt = decl.body.Find("default");
    const hcl::Attribute* nullable = decl.body.Find("nullable");
    // A null argument stands unless `nullable = false` says the default replaces it.
    const bool null_takes_default = nullable != nullptr &&
                                    nullable->expr->kind == hcl::ExprKind::kLiteral &&
                                    nullable->expr->text == "false";
    Value v;
    if (auto g = given.find(name);
        g != given.end() && !(g->second.IsNull() && dflt != nullptr && null_takes_default)) {
      v = g->second;
    } else if (dflt != nullptr) {
      v = EvalConstant(*dflt->expr, diags());
    } else {
      v = Value::Unknown();  // no value given: unknown, never a guess
    }
    v = ApplyType(type != nullptr ? type->expr.get() : nullptr, std::move(v), diags());
    if (const hcl::Attribute* s = decl.body.Find("sensitive");
        s != nullptr && s->expr->kind == hcl::ExprKind::kLiteral && s->expr->text == "true") {
      v.set_sensitive(true);
    }
    variables_[name] = std::move(v);
  }
}

Value ModuleInstance::Variable(const std::string& name, const hcl::Range& range, bool* ok) {
  auto it = variables_.find(name);
  if (it == variables_.end()) {
    diags()->Error(range, "var." + name + " is not declared in this module (no variable \"" + name +
                              "\" block)");
    *ok = false;
    return Value::Unknown();
  }
  return it->second;
}

}  // namespace iamlint::tf::internal
