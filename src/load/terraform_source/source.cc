// The evaluated instances of a root module as the plan document they stand for, read by the
// plan loader; then the model's locations moved to the `.tf` files (see source.h).
#include "load/terraform_source/source.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "json/json.h"
#include "load/loaders.h"
#include "load/unknown_parts.h"
#include "tf/module.h"

namespace iamlint {
namespace {

using json::Value;

/// A place in the source that a pointer of the synthetic plan stands for.
struct Place {
  std::string file;
  size_t line = 0;
  size_t column = 0;
  std::string pointer;  // in the file's structure: `/resource/aws_iam_role/app/policy`
};

/// A tf::Value as plan JSON: known parts in `values`, `true` in `unknown` where a value is
/// known only at apply (Terraform's after_unknown). Unknown object members are left out of
/// `values`; in lists they are null.
void ToPlanJson(const tf::Value& v, Value* values, Value* unknown) {
  switch (v.kind()) {
    case tf::Value::Kind::kUnknown:
      *values = Value::Null();
      *unknown = Value::Bool(true);
      return;
    case tf::Value::Kind::kNull:
      *values = Value::Null();
      break;
    case tf::Value::Kind::kBool:
      *values = Value::Bool(v.AsBool());
      break;
    case tf::Value::Kind::kNumber:
      *values = Value::Number(v.str());
      break;
    case tf::Value::Kind::kString:
      *values = Value::String(v.str());
      break;
    case tf::Value::Kind::kList: {
      *values = Value::Array();
      *unknown = Value::Array();
      for (const auto& item : v.items()) {
        Value iv;
        Value iu = Value::Bool(false);
        ToPlanJson(item, &iv, &iu);
        values->Push(std::move(iv));
        unknown->Push(std::move(iu));
      }
      return;
    }
    case tf::Value::Kind::kMap: {
      *values = Value::Object();
      *unknown = Value::Object();
      for (const auto& [key, item] : v.members()) {
        Value iv;
        Value iu = Value::Bool(false);
        ToPlanJson(item, &iv, &iu);
        if (!(iu.IsBool() && iu.AsBool())) values->Add(key, std::move(iv));
        if (!(iu.IsBool() && !iu.AsBool())) unknown->Add(key, std::move(iu));
      }
      return;
    }
  }
  *unknown = Value::Bool(false);
}

/// The references of a value: for each origin its attribute and its instance, absolute.
Value ReferencesOf(const tf::Value& v) {
  Value refs = Value::Array();
  for (const tf::Origin& o : v.AllOrigins()) {
    if (!o.attr.empty()) refs.Push(Value::String(o.address + "." + o.attr));
    refs.Push(Value::String(o.address));
  }
  return refs;
}

/// An instance's expressions as a plan's configuration shows them: {"references": [...]} per
/// attribute, nested blocks as lists of such objects.
Value ExpressionsOf(const tf::Value& values) {
  Value out = Value::Object();
  for (const auto& [key, v] : values.members()) {
    const bool blocks = v.IsList() && !v.items().empty() &&
                        std::all_of(v.items().begin(), v.items().end(),
                                    [](const tf::Value& i) { return i.IsMap(); });
    if (blocks) {
      Value list = Value::Array();
      for (const auto& item : v.items()) list.Push(ExpressionsOf(item));
      out.Add(key, std::move(list));
      continue;
    }
    Value refs = ReferencesOf(v);
    if (refs.items().empty()) continue;
    Value e = Value::Object();
    e.Add("references", std::move(refs));
    out.Add(key, std::move(e));
  }
  return out;
}

Value IndexValue(const std::string& key) {
  if (key.empty()) return Value::Null();
  if (key[0] == '"') {
    json::Document doc;
    json::ParseError err;
    if (json::Parse(key, &doc, &err) && doc.root().IsString()) {
      return Value::String(doc.root().str());
    }
  }
  return Value::Number(key);
}

// ---- ECS container definitions known in part ----------------------------------------------
//
// `container_definitions = jsonencode([...])` around a value known only at apply (an image
// from a repository this configuration creates, a secret's ARN) is unknown as a whole, in
// the plan as here. What iamlint knows of its parts is written into the text instead, where
// the container reader (ScopeBuilder::ContainerFromJson) reads each unknown part as unknown:
// `{}` in place of a scalar it reads is "not known" to it; the ARN of a secret or parameter
// of this configuration whose name is known becomes that ARN's pattern (as a CloudFormation
// `Ref` of a secret does). An unknown part where the reader would take it for "none" (a
// container, a list of secrets or variables, a variable's or secret's name, the log
// configuration) leaves the whole text unknown, as before.

using Instances = std::map<std::string, const tf::Instance*>;

/// The ARN pattern of a secret or SSM parameter of this configuration that an unknown value
/// stands for (`aws_secretsmanager_secret.db.arn`, or text built around it), or "".
std::string SecretArnPattern(const tf::Value& v, const Instances& instances) {
  if (v.origins().size() != 1) return "";
  const tf::Origin& o = v.origins()[0];
  auto it = instances.find(o.address);
  if (it == instances.end()) return "";
  const tf::Instance& in = *it->second;
  const tf::Value* name = in.values.Find("name");
  if (name == nullptr || !name->IsString() || name->str().empty()) return "";
  if (in.type == "aws_secretsmanager_secret" && (o.attr == "arn" || o.attr == "id")) {
    // Secrets Manager adds a hyphen and six characters to the name.
    return "arn:aws:secretsmanager:*:*:secret:" + name->str() + "-??????";
  }
  if (in.type == "aws_ssm_parameter" && o.attr == "arn") {
    const std::string& n = name->str();
    return "arn:aws:ssm:*:*:parameter/" + (n[0] == '/' ? n.substr(1) : n);
  }
  return "";
}

/// Where a part of container definitions is, as the container reader reads it.
enum class Part {
  kList,       // the list of containers
  kContainer,  // one container
  kEntries,    // its environment or secrets
  kKnown,      // one of those entries, or a name: unknown, it would read as "none"
  kLog,        // its logConfiguration
  kAny,        // anything else: an unknown value reads as unknown
};

/// The part a member `key` of a map at `where` is.
Part PartOf(Part where, const std::string& key) {
  switch (where) {
    case Part::kContainer:
      if (key == "name") return Part::kKnown;
      if (key == "environment" || key == "secrets") return Part::kEntries;
      if (key == "logConfiguration") return Part::kLog;
      return Part::kAny;
    case Part::kKnown:
      return key == "name" ? Part::kKnown : Part::kAny;
    case Part::kLog:
      return key == "logDriver" ? Part::kKnown : Part::kAny;
    default:
      return Part::kAny;
  }
}

/// `v` with each unknown part replaced as the file comment says; false when an unknown part
/// sits where the container reader would take it for "none".
bool Readable(const tf::Value& v, Part where, const Instances& instances, tf::Value* out) {
  if (v.IsUnknown()) {
    if (where != Part::kAny) return false;
    const std::string pattern = SecretArnPattern(v, instances);
    *out = pattern.empty() ? tf::Value::Map({}) : tf::Value::String(pattern);
    return true;
  }
  if (!v.resource().empty()) return false;  // a whole resource: not a definition
  *out = v;
  if (v.IsList()) {
    const Part inner = where == Part::kList      ? Part::kContainer
                       : where == Part::kEntries ? Part::kKnown
                                                 : Part::kAny;
    for (auto& item : out->mutable_items()) {
      if (!Readable(item, inner, instances, &item)) return false;
    }
    return true;
  }
  for (auto& [key, item] : out->mutable_members()) {
    if (!Readable(item, PartOf(where, key), instances, &item)) return false;
  }
  return true;
}

/// The text of container definitions known in part, as the comment above says; false when
/// an unknown part leaves them unknown as a whole.
bool ContainerText(const tf::Value& encoded, const Instances& instances, std::string* text) {
  tf::Value known;
  return encoded.IsList() && Readable(encoded, Part::kList, instances, &known) &&
         tf::ToJson(known, text);
}

// ---- policy documents known in part ------------------------------------------------------
//
// `policy = jsonencode({...})` around a value known only at apply (a table's or bucket's
// ARN) is unknown as a whole, in the plan as here. What iamlint knows of it is written into
// the text with each unknown value as kUnknownPart, which the plan loader takes out again,
// marking the statements that held it (load/unknown_parts.h: as for CloudFormation). An
// unknown value is never turned into a pattern: `"${aws_s3_bucket.b.arn}/*"` and
// `aws_s3_bucket.b.arn` are alike once unknown, and a pattern of either would be wrong for
// the other. A statement list, or a statement, that is unknown leaves the document unknown.

/// `v` with each unknown value as kUnknownPart.
tf::Value MarkedUnknown(const tf::Value& v) {
  if (v.IsUnknown()) return tf::Value::String(kUnknownPart);
  tf::Value out = v;
  for (auto& item : out.mutable_items()) item = MarkedUnknown(item);
  for (auto& [key, item] : out.mutable_members()) item = MarkedUnknown(item);
  return out;
}

/// The text of a policy document known in part; false when it cannot be written.
bool PolicyText(const tf::Value& encoded, std::string* text) {
  if (!encoded.IsMap() || !encoded.resource().empty()) return false;
  const tf::Value* statements = encoded.Find("Statement");
  if (statements != nullptr) {
    if (statements->IsUnknown() || !statements->resource().empty()) return false;
    for (const auto& st : statements->items()) {
      if (st.IsUnknown() || !st.resource().empty()) return false;
    }
  }
  const tf::Value* version = encoded.Find("Version");
  if (version != nullptr && version->IsUnknown()) return false;
  return tf::ToJson(MarkedUnknown(encoded), text);
}

/// The attributes that hold a policy document's JSON text, at any depth of an instance's
/// values (`policy`, `assume_role_policy`, `inline_policy[0].policy`).
bool IsPolicyAttribute(const std::string& key) {
  return key == "policy" || key == "assume_role_policy";
}

/// Writes out every JSON text known in part in `values` (a map or list of an instance's
/// values): container definitions of a task definition, policy documents. True when it
/// wrote any.
bool WriteKnownParts(const std::string& type, const Instances& instances, tf::Value* values,
                     int depth) {
  if (depth > 4) return false;  // attributes and blocks nest a few levels only
  bool wrote = false;
  for (auto& item : values->mutable_items()) {
    wrote = WriteKnownParts(type, instances, &item, depth + 1) || wrote;
  }
  for (auto& [key, v] : values->mutable_members()) {
    if (!v.IsUnknown()) {
      wrote = WriteKnownParts(type, instances, &v, depth + 1) || wrote;
      continue;
    }
    if (v.encoded() == nullptr) continue;
    std::string text;
    const bool written =
        depth == 0 && type == "aws_ecs_task_definition" && key == "container_definitions"
            ? ContainerText(*v.encoded(), instances, &text)
            : IsPolicyAttribute(key) && PolicyText(*v.encoded(), &text);
    if (!written) continue;
    tf::Value s = tf::Value::String(std::move(text));
    s.set_sensitive(v.sensitive());
    v = std::move(s);
    wrote = true;
  }
  return wrote;
}

class Emitter {
 public:
  explicit Emitter(const tf::Evaluated& ev) : ev_(ev) {
    for (const auto& in : ev_.instances) instances_[in.address] = &in;
    for (const auto& in : ev_.instances) {
      if (!in.values.IsMap()) continue;
      tf::Value values = in.values;
      if (WriteKnownParts(in.type, instances_, &values, 0)) {
        rewritten_.emplace(&in, std::move(values));
      }
    }
  }

  Value Build() {
    Value root = Value::Object();
    root.Add("format_version", Value::String("1.2"));
    Value changes = Value::Array();
    Value exprs = Value::Object();
    std::map<std::string, std::vector<const tf::Instance*>> grouped;
    for (const auto& in : ev_.instances) {
      grouped[in.module].push_back(&in);
      for (std::string m = in.module; !m.empty(); m = ParentOf(m)) modules_.insert(m);
    }
    Value pv = Value::Object();
    pv.Add("root_module", Module("", grouped, "/planned_values/root_module"));
    root.Add("planned_values", std::move(pv));
    for (const tf::Instance* in : order_) {
      Value c = Value::Object();
      c.Add("address", Value::String(in->address));
      if (!in->module.empty()) c.Add("module_address", Value::String(in->module));
      c.Add("mode", Value::String(in->mode));
      c.Add("type", Value::String(in->type));
      c.Add("name", Value::String(in->name));
      Value change = Value::Object();
      Value acts = Value::Array();
      acts.Push(Value::String(in->mode == "data" ? "read" : "create"));
      change.Add("actions", std::move(acts));
      Value after;
      Value unknown = Value::Bool(false);
      ToPlanJson(ValuesOf(*in), &after, &unknown);
      change.Add("after", std::move(after));
      change.Add("after_unknown", unknown.IsObject() ? std::move(unknown) : Value::Object());
      c.Add("change", std::move(change));
      c.set_offset(++offset_);
      changes.Push(std::move(c));
      exprs.Add(in->address, ExpressionsOf(in->values));
    }
    root.Add("resource_changes", std::move(changes));
    root.Add("instance_expressions", std::move(exprs));
    return root;
  }

  /// Synthetic pointer -> where it is written.
  std::map<std::string, Place> places;

 private:
  Value Module(const std::string& address,
               const std::map<std::string, std::vector<const tf::Instance*>>& grouped,
               const std::string& pointer) {
    Value m = Value::Object();
    if (!address.empty()) m.Add("address", Value::String(address));
    Value resources = Value::Array();
    auto it = grouped.find(address);
    if (it != grouped.end()) {
      for (const tf::Instance* in : it->second) {
        const std::string rp = json::PointerAppend(json::PointerAppend(pointer, "resources"),
                                                   resources.items().size());
        resources.Push(Resource(*in, rp));
      }
    }
    m.Add("resources", std::move(resources));
    Value kids = Value::Array();
    for (const std::string& child : modules_) {
      if (child.empty() || ParentOf(child) != address) continue;
      const std::string kp =
          json::PointerAppend(json::PointerAppend(pointer, "child_modules"), kids.items().size());
      kids.Push(Module(child, grouped, kp));
    }
    m.Add("child_modules", std::move(kids));
    return m;
  }

  /// An instance's values, with its JSON texts known in part written out.
  const tf::Value& ValuesOf(const tf::Instance& in) const {
    auto it = rewritten_.find(&in);
    return it == rewritten_.end() ? in.values : it->second;
  }

  static std::string ParentOf(const std::string& module) {
    // `module.a["x.y"].module.b` -> `module.a["x.y"]` (keys may hold dots).
    size_t depth = 0;
    size_t last = std::string::npos;
    bool quoted = false;
    for (size_t i = 0; i < module.size(); ++i) {
      const char c = module[i];
      if (quoted) {
        if (c == '\\') ++i;
        if (c == '"') quoted = false;
        continue;
      }
      if (c == '"') quoted = true;
      if (c == '[') ++depth;
      if (c == ']' && depth > 0) --depth;
      if (depth == 0 && module.compare(i, 8, ".module.") == 0) last = i;
    }
    return last == std::string::npos ? "" : module.substr(0, last);
  }

  Value Resource(const tf::Instance& in, const std::string& pointer) {
    Value r = Value::Object();
    r.Add("address", Value::String(in.address));
    r.Add("mode", Value::String(in.mode));
    r.Add("type", Value::String(in.type));
    r.Add("name", Value::String(in.name));
    if (!in.key.empty()) r.Add("index", IndexValue(in.key));
    Value values;
    Value unknown = Value::Bool(false);
    ToPlanJson(ValuesOf(in), &values, &unknown);
    r.Add("values", values.IsObject() ? std::move(values) : Value::Object());
    r.set_offset(++offset_);
    order_.push_back(&in);
    Record(in, pointer);
    return r;
  }

  void Record(const tf::Instance& in, const std::string& pointer) {
    if (in.block == nullptr || in.block->range.file == nullptr) return;
    const std::string& file = *in.block->range.file;
    const std::string base = "/" + std::string(in.mode == "data" ? "data" : "resource") + "/" +
                             json::PointerToken(in.type) + "/" + json::PointerToken(in.name);
    auto put = [&](const std::string& ptr, const hcl::Range& r, const std::string& src) {
      places[ptr] = Place{r.file != nullptr ? *r.file : file, r.begin.line, r.begin.column, src};
    };
    put(pointer, in.block->range, base);
    const std::string change = "/resource_changes/" + std::to_string(order_.size() - 1);
    put(change, in.block->range, base);
    for (const auto& [path, range] : in.places) {
      put(pointer + "/values/" + path, range, base + "/" + path);
      put(change + "/change/after/" + path, range, base + "/" + path);
      // The policy-document emulation names statements `values~1statement/i`.
      const size_t slash = path.find('/');
      if (slash != std::string::npos) {
        put(pointer + "/values~1" + path, range, base + "/" + path);
      }
    }
  }

  const tf::Evaluated& ev_;
  Instances instances_;  // by address
  std::map<const tf::Instance*, tf::Value>
      rewritten_;  // those whose values WriteKnownParts changed
  std::vector<const tf::Instance*> order_;
  std::set<std::string> modules_;  // every module instance with instances, and its ancestors
  size_t offset_ = 0;
};

/// Moves a location of the synthetic plan to the source: the longest pointer prefix known.
void Remap(const std::map<std::string, Place>& places, const std::string& synthetic,
           Location* loc) {
  if (loc->file != synthetic) return;
  std::string p = loc->pointer;
  while (true) {
    auto it = places.find(p);
    if (it != places.end()) {
      const Place& pl = it->second;
      const std::string rest = loc->pointer.substr(p.size());
      *loc = Location{pl.file, pl.pointer + rest, pl.line, pl.column};
      return;
    }
    const size_t slash = p.rfind('/');
    if (slash == std::string::npos || p.empty()) break;
    p.resize(slash);
  }
  loc->pointer.clear();  // nothing written in the source stands for it: the root folder
}

LoadError ToLoadError(const tf::Diagnostic& d) {
  LoadError e;
  e.file = d.file;
  e.line = d.pos.line;
  e.column = d.pos.column;
  e.message = d.message;
  return e;
}

}  // namespace

void LoadTerraformRoot(const tf::RootOptions& options, Scope* scope, std::vector<LoadError>* errors,
                       std::vector<LoadError>* notes, std::vector<std::string>* files,
                       std::vector<std::string>* unsure) {
  tf::Evaluated ev;
  tf::EvaluateRoot(options, &ev);
  for (const auto& in : ev.instances) {
    if (in.may_not_exist) unsure->push_back(in.address);
  }
  for (const auto& d : ev.diags.items) {
    (d.kind == tf::Diagnostic::Kind::kError ? errors : notes)->push_back(ToLoadError(d));
  }
  for (const auto& f : ev.files) files->push_back(f);
  Emitter emitter(ev);
  InputFile in;
  in.path = tf::NormalDir(options.dir);
  in.doc.Reset(emitter.Build(), "");
  std::vector<LoadError> plan_errors;
  LoadEvaluatedConfiguration(in, scope, &plan_errors);
  scope->name = in.path;
  ForEachLocation(scope, [&](Location* loc) { Remap(emitter.places, in.path, loc); });
  for (auto& e : plan_errors) {
    Location loc{e.file, e.pointer, e.line, e.column};
    Remap(emitter.places, in.path, &loc);
    errors->push_back({loc.file, loc.line, loc.pointer, e.message, loc.column});
  }
}

}  // namespace iamlint
