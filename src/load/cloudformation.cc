// CloudFormation templates (JSON, or YAML with short-form tags already turned into their long
// forms by the YAML reader), including CDK-synthesised templates and SAM: Amplify apps and
// branches, IAM roles and their policies, linked through Ref / Fn::GetAtt / Fn::Sub.
//
// Intrinsic functions are evaluated as far as the template alone allows: parameters with
// defaults, mappings, pseudo parameters that are fixed (AWS::Partition, AWS::URLSuffix).
// Inside a string built by Fn::Sub or Fn::Join, a part that cannot be known (the account, the
// region, another resource's attribute) becomes `*`, as a pattern over every value it may take;
// a whole value that cannot be known is unknown, never a violation. Fn::If is read on both
// branches: where they differ, the value is unknown.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "load/loaders.h"

namespace iamlint {
namespace {

using json::Value;

/// Stands for an unknown value inside a resolved policy document; statements holding it are
/// marked unknown and it is removed again.
const char kUnknownMarker[] = "\x01iamlint-unknown\x01";
/// Prefixes a Resource pattern with unknown parts as `*` (`arn:aws:s3:::${Bucket}/*`). An
/// Allow may keep it: the pattern covers every value it may take, so it can only make a role
/// seem to allow more, never less. Anywhere else (a Deny, NotResource) it is unknown.
const char kPatternMark = '\x02';

/// A value as far as the template reveals it.
struct Str {
  enum class State { kKnown, kUnknown, kAbsent };
  State state = State::kUnknown;
  std::string text;  // when known (may hold `*` for parts that are not)
  std::string ref;   // the logical ID of the resource it comes from (Ref, GetAtt, ${X})
  std::string attr;  // the attribute (GetAtt X.Arn -> "Arn"; Ref -> "")
  /// For display: the text with unknown parts as written (`${AWS::StackName}-logs`); "" when
  /// it equals `text`.
  std::string raw;
  /// Some part of `text` was not known and stands there as `*`: a pattern over the values it
  /// may take, never the value itself.
  bool wild = false;
  bool known() const { return state == State::kKnown; }
  /// Known exactly: no part of it stands for something the template does not say.
  bool exact() const { return known() && !wild; }
  /// What to call a name built from this value.
  std::string Name(const std::string& fallback) const {
    if (!raw.empty()) return raw;
    return state == State::kKnown ? text : fallback;
  }
};

Str Val(std::string s) {
  Str r;
  r.state = Str::State::kKnown;
  r.text = std::move(s);
  return r;
}
/// A name for display: exact, or with its unknown parts as written (`shop-${Env}`).
Known<std::string> NameOf(const Str& s) {
  return s.known() ? Known<std::string>::Of(s.Name(s.text)) : Known<std::string>::Unknown();
}

Str Unk(std::string ref = "", std::string attr = "") {
  Str r;
  r.ref = std::move(ref);
  r.attr = std::move(attr);
  return r;
}

std::string ScalarText(const Value& v) {
  if (v.IsString() || v.IsNumber()) return v.str();
  if (v.IsBool()) return v.AsBool() ? "true" : "false";
  return "";
}

/// The intrinsic function of a one-key object ("Ref", "Fn::Sub", ...), or "".
std::string Intrinsic(const Value& v) {
  if (!v.IsObject() || v.members().size() != 1) return "";
  const std::string& k = v.members()[0].key;
  if (k == "Ref" || k == "Condition" || k.rfind("Fn::", 0) == 0) return k;
  return "";
}

class CfnLoader {
 public:
  CfnLoader(const InputFile& in, Scope* scope, std::vector<LoadError>* errors)
      : in_(in), scope_(scope), errors_(errors) {}

  void Run() {
    scope_->kind = Scope::Kind::kCloudFormation;
    scope_->name = in_.path;
    const Value& root = in_.doc.root();
    if (const Value* params = root.Find("Parameters"); params != nullptr && params->IsObject()) {
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
    mappings_ = root.Find("Mappings");
    const Value* resources = root.Find("Resources");
    if (resources == nullptr || !resources->IsObject()) {
      Error(resources != nullptr ? resources : &root, "/Resources",
            "a CloudFormation template needs a `Resources` object");
      return;
    }
    for (const auto& m : resources->members()) {
      const Value& r = *m.value;
      // A logical ID written twice: CloudFormation deploys the last one, without a word
      // (aws-cloudformation/cfn-language-discussion#96), and so it is read here.
      if (resources->Find(m.key) != &r) continue;
      Res res;
      res.id = m.key;
      res.pointer = json::PointerAppend("/Resources", m.key);
      res.node = &r;
      const Value* type = r.IsObject() ? r.Find("Type") : nullptr;
      if (type == nullptr || !type->IsString()) {
        Error(&r, res.pointer, "resource \"" + m.key + "\" has no `Type` string");
        continue;
      }
      res.type = type->str();
      const Value* props = r.Find("Properties");
      if (props != nullptr && !props->IsObject()) {
        Error(props, json::PointerAppend(res.pointer, "Properties"),
              "`Properties` of \"" + m.key + "\" must be an object");
        continue;
      }
      res.props = props;
      res.display = m.key;
      if (const Value* md = r.Find("Metadata"); md != nullptr && md->IsObject()) {
        if (const Value* path = md->Find("aws:cdk:path"); path != nullptr && path->IsString()) {
          res.display = CdkName(path->str());
        }
      }
      order_.push_back(m.key);
      res_[m.key] = std::move(res);
    }
    Build();
  }

 private:
  struct Res {
    std::string id;
    std::string type;
    std::string display;
    std::string pointer;
    const Value* node = nullptr;
    const Value* props = nullptr;  // may be null
  };

  /// `MyStack/AmplifyApp/Resource` -> `MyStack/AmplifyApp`: the construct path users wrote.
  static std::string CdkName(std::string path) {
    for (const char* tail : {"/Resource", "/Default"}) {
      const std::string t(tail);
      if (path.size() > t.size() && path.compare(path.size() - t.size(), t.size(), t) == 0) {
        path.resize(path.size() - t.size());
      }
    }
    return path;
  }

  void Error(const Value* at, const std::string& pointer, std::string message) {
    LoadError e;
    e.file = in_.path;
    e.line = at != nullptr ? in_.doc.LineOf(at->offset()) : 0;
    e.pointer = pointer;
    e.message = std::move(message);
    errors_->push_back(std::move(e));
  }

  Location Loc(const std::string& pointer, const Value* v) const {
    return Location{in_.path, pointer, v != nullptr ? in_.doc.LineOf(v->offset()) : 0};
  }

  const Value* Prop(const Res& r, const char* name) const {
    return r.props != nullptr ? r.props->Find(name) : nullptr;
  }
  std::string PropPointer(const Res& r, const std::string& name) const {
    return json::PointerAppend(json::PointerAppend(r.pointer, "Properties"), name);
  }

  const Res* Resource(const std::string& id) const {
    auto it = res_.find(id);
    return it == res_.end() ? nullptr : &it->second;
  }

  // --- intrinsic functions ------------------------------------------------------------------

  Str RefOf(const std::string& name, int depth) const {
    if (name == "AWS::NoValue") {
      Str r;
      r.state = Str::State::kAbsent;
      return r;
    }
    if (name == "AWS::Partition") return Val("aws");
    if (name == "AWS::URLSuffix") return Val("amazonaws.com");
    if (name.rfind("AWS::", 0) == 0) return Unk();  // account, region, stack: not in the file
    if (auto p = params_.find(name); p != params_.end()) {
      return p->second != nullptr ? Resolve(*p->second, depth + 1) : Unk();
    }
    if (const Res* r = Resource(name)) {
      // Ref of a role or managed policy is its name / ARN: known only when written out.
      if (r->type == "AWS::IAM::Role") {
        const Value* n = Prop(*r, "RoleName");
        if (n != nullptr && n->IsString()) {
          Str s = Val(n->str());
          s.ref = name;
          return s;
        }
      }
      return Unk(name);
    }
    return Unk();
  }

  Str GetAtt(const std::string& id, const std::string& attr, int depth) const {
    const Res* r = Resource(id);
    if (r == nullptr) return Unk();
    Str out = Unk(id, attr);
    if (attr != "Arn") return out;
    // ARN patterns for what policies commonly name: the names when the template gives them.
    bool exact = true;
    auto name = [&](const char* prop) {
      const Value* v = Prop(*r, prop);
      Str s = v != nullptr ? Resolve(*v, depth + 1) : Unk();
      if (!s.exact()) exact = false;
      return s.known() ? s.text : std::string("*");
    };
    std::string arn;
    if (r->type == "AWS::DynamoDB::Table") arn = "arn:aws:dynamodb:*:*:table/" + name("TableName");
    if (r->type == "AWS::S3::Bucket") arn = "arn:aws:s3:::" + name("BucketName");
    if (r->type == "AWS::Lambda::Function") {
      arn = "arn:aws:lambda:*:*:function:" + name("FunctionName");
    }
    if (r->type == "AWS::SQS::Queue") arn = "arn:aws:sqs:*:*:" + name("QueueName");
    if (r->type == "AWS::IAM::Role") {
      std::string path = "/";
      if (const Value* p = Prop(*r, "Path")) {
        Str s = Resolve(*p, depth + 1);
        path = s.known() ? s.text : "/*/";
        if (!s.exact()) exact = false;
      }
      arn = "arn:aws:iam::*:role" + path + name("RoleName");
    }
    if (arn.empty()) return out;
    out.state = Str::State::kKnown;
    out.text = arn;
    // Only an S3 bucket's ARN has neither account nor region in it.
    out.wild = !exact || arn.find('*') != std::string::npos;
    return out;
  }

  /// `${Name}`, `${Res.Attr}` and `${!Literal}` in a Fn::Sub string.
  Str Sub(const std::string& text, const Value* vars, int depth) const {
    Str out = Val("");
    size_t i = 0;
    while (i < text.size()) {
      size_t open = text.find("${", i);
      if (open == std::string::npos) {
        out.text += text.substr(i);
        out.raw += text.substr(i);
        break;
      }
      out.text += text.substr(i, open - i);
      out.raw += text.substr(i, open - i);
      size_t close = text.find('}', open);
      if (close == std::string::npos) {
        out.text += text.substr(open);
        out.raw += text.substr(open);
        break;
      }
      std::string name = text.substr(open + 2, close - open - 2);
      i = close + 1;
      if (!name.empty() && name[0] == '!') {
        out.text += "${" + name.substr(1) + "}";
        out.raw += "${" + name.substr(1) + "}";
        continue;
      }
      Str part;
      const Value* var = vars != nullptr && vars->IsObject() ? vars->Find(name) : nullptr;
      if (var != nullptr) {
        part = Resolve(*var, depth + 1);
      } else if (size_t dot = name.find('.'); dot != std::string::npos) {
        part = GetAtt(name.substr(0, dot), name.substr(dot + 1), depth);
      } else {
        part = RefOf(name, depth);
      }
      if (!part.ref.empty() && out.ref.empty()) {
        out.ref = part.ref;
        out.attr = part.attr;
      }
      out.text += part.known() ? part.text : "*";
      out.raw += part.exact() ? part.text : "${" + name + "}";
      if (!part.exact()) out.wild = true;
    }
    if (out.raw == out.text) out.raw.clear();
    return out;
  }

  /// Evaluates a value to a string as far as the template allows.
  Str Resolve(const Value& v, int depth) const {
    if (depth > 32) return Unk();
    if (!v.IsObject()) {
      if (v.IsArray() || v.IsNull()) return Unk();
      return Val(ScalarText(v));
    }
    const std::string fn = Intrinsic(v);
    if (fn.empty()) return Unk();
    const Value& arg = *v.members()[0].value;
    if (fn == "Ref") return arg.IsString() ? RefOf(arg.str(), depth) : Unk();
    if (fn == "Fn::GetAtt") {
      if (arg.IsArray() && arg.items().size() == 2 && arg.items()[0].IsString()) {
        Str a = Resolve(arg.items()[1], depth + 1);
        return a.exact() ? GetAtt(arg.items()[0].str(), a.text, depth) : Unk();
      }
      if (arg.IsString()) {
        size_t dot = arg.str().find('.');
        if (dot != std::string::npos) {
          return GetAtt(arg.str().substr(0, dot), arg.str().substr(dot + 1), depth);
        }
      }
      return Unk();
    }
    if (fn == "Fn::Sub") {
      if (arg.IsString()) return Sub(arg.str(), nullptr, depth);
      if (arg.IsArray() && !arg.items().empty() && arg.items()[0].IsString()) {
        return Sub(arg.items()[0].str(), arg.items().size() > 1 ? &arg.items()[1] : nullptr, depth);
      }
      return Unk();
    }
    if (fn == "Fn::Join") {
      if (!arg.IsArray() || arg.items().size() != 2 || !arg.items()[0].IsString() ||
          !arg.items()[1].IsArray()) {
        return Unk();
      }
      Str out = Val("");
      bool first = true;
      for (const auto& part : arg.items()[1].items()) {
        Str p = Resolve(part, depth + 1);
        if (p.state == Str::State::kAbsent) continue;
        if (!first) out.text += arg.items()[0].str();
        first = false;
        out.text += p.known() ? p.text : "*";
        if (!p.exact()) out.wild = true;
        if (out.ref.empty() && !p.ref.empty()) {
          out.ref = p.ref;
          out.attr = p.attr;
        }
      }
      return out;
    }
    if (fn == "Fn::If") {
      if (!arg.IsArray() || arg.items().size() != 3) return Unk();
      Str a = Resolve(arg.items()[1], depth + 1);
      Str b = Resolve(arg.items()[2], depth + 1);
      if (a.state == b.state && a.text == b.text && a.ref == b.ref && a.wild == b.wild) return a;
      return Unk();  // which branch applies depends on a condition: cannot tell
    }
    if (fn == "Fn::Select") {
      if (!arg.IsArray() || arg.items().size() != 2 || !arg.items()[1].IsArray()) return Unk();
      Str idx = Resolve(arg.items()[0], depth + 1);
      if (!idx.exact() || idx.text.empty() ||
          idx.text.find_first_not_of("0123456789") != std::string::npos) {
        return Unk();
      }
      size_t i = std::stoul(idx.text);
      const auto& list = arg.items()[1].items();
      return i < list.size() ? Resolve(list[i], depth + 1) : Unk();
    }
    if (fn == "Fn::FindInMap") {
      if (mappings_ == nullptr || !arg.IsArray() || arg.items().size() != 3) return Unk();
      const Value* at = mappings_;
      for (const auto& key : arg.items()) {
        Str k = Resolve(key, depth + 1);
        if (!k.exact() || at == nullptr || !at->IsObject()) return Unk();
        at = at->Find(k.text);
      }
      return at != nullptr ? Resolve(*at, depth + 1) : Unk();
    }
    return Unk();  // Fn::ImportValue, Fn::Base64, Fn::GetAZs, ...: not in the file
  }

  /// A copy of a policy document with intrinsics evaluated (unknown ones become the marker;
  /// `AWS::NoValue` drops the element). A value with unknown parts is unknown too (an action
  /// `${Service}:*` is not every action of every service), except within `resource`, where
  /// it is kept as a pattern with kPatternMark in front.
  Value ResolveTree(const Value& v, int depth, bool statements = false,
                    bool resource = false) const {
    if (depth > 64) return Value::String(kUnknownMarker, v.offset());
    if (!Intrinsic(v).empty()) {
      Str s = Resolve(v, depth);
      if (s.exact()) return Value::String(s.text, v.offset());
      if (s.known() && resource && s.text.find_first_not_of('*') != std::string::npos) {
        return Value::String(kPatternMark + s.text, v.offset());
      }
      return Value::String(kUnknownMarker, v.offset());
    }
    if (v.IsObject()) {
      Value obj = Value::Object(v.offset());
      for (const auto& m : v.members()) {
        if (IsNoValue(*m.value)) continue;
        obj.Add(m.key, ResolveTree(*m.value, depth + 1, m.key == "Statement",
                                   m.key == "Resource" || m.key == "NotResource"));
      }
      return obj;
    }
    if (v.IsArray()) {
      Value arr = Value::Array(v.offset());
      for (const auto& item : v.items()) {
        if (IsNoValue(item)) continue;
        if (statements && !Intrinsic(item).empty()) {
          // A statement chosen by Fn::If (or built otherwise): it may or may not be there.
          statements_unknown_ = true;
          continue;
        }
        arr.Push(ResolveTree(item, depth + 1, false, resource));
      }
      return arr;
    }
    if (v.IsString()) return Value::String(v.str(), v.offset());
    if (v.IsNumber()) return Value::Number(v.str(), v.offset());
    if (v.IsBool()) return Value::Bool(v.AsBool(), v.offset());
    return Value::Null(v.offset());
  }

  bool IsNoValue(const Value& v) const {
    return Intrinsic(v) == "Ref" && v.members()[0].value->IsString() &&
           v.members()[0].value->str() == "AWS::NoValue";
  }

  static bool Strip(std::vector<std::string>* list) {
    size_t before = list->size();
    list->erase(std::remove(list->begin(), list->end(), kUnknownMarker), list->end());
    return list->size() != before;
  }

  Known<PolicyDocument> Document(const Value* v, const std::string& pointer) const {
    if (v == nullptr) return Known<PolicyDocument>::Absent();
    if (!Intrinsic(*v).empty()) return Known<PolicyDocument>::Unknown();
    if (v->IsString()) {  // a JSON string, as some templates write it
      json::Document d;
      std::string error;
      if (!ParsePolicyText(v->str(), &d, &error)) return Known<PolicyDocument>::Unknown();
      return Known<PolicyDocument>::Of(PolicyFromJson(d.root(), Loc(pointer, v), nullptr));
    }
    if (const Value* st = v->IsObject() ? v->Find("Statement") : nullptr;
        st != nullptr && !Intrinsic(*st).empty()) {
      return Known<PolicyDocument>::Unknown();  // the whole statement list is chosen at deploy
    }
    statements_unknown_ = false;
    Value resolved = ResolveTree(*v, 0);
    PolicyDocument pd = PolicyFromJson(resolved, Loc(pointer, v), &in_.doc.lines());
    if (statements_unknown_) {
      pd.unknown_statements = true;
      pd.partially_unknown = true;
    }
    // The resolved statements, in the order PolicyFromJson read them.
    std::vector<const Value*> resolved_statements;
    if (const Value* st = resolved.IsObject() ? resolved.Find("Statement") : nullptr) {
      if (st->IsArray()) {
        for (const auto& item : st->items()) resolved_statements.push_back(&item);
      } else {
        resolved_statements.push_back(st);
      }
    }
    for (size_t i = 0; i < pd.statements.size(); ++i) {
      Statement& st = pd.statements[i];
      bool effect_unknown = false;
      if (i < resolved_statements.size() && resolved_statements[i]->IsObject()) {
        const Value* e = resolved_statements[i]->Find("Effect");
        effect_unknown = e != nullptr && e->IsString() && e->str() == kUnknownMarker;
      }
      for (auto& r : st.resources) {
        if (r.empty() || r[0] != kPatternMark) continue;
        const bool allow = st.effect == Effect::kAllow && !st.not_resource;
        r = allow ? r.substr(1) : kUnknownMarker;
      }
      // Both lists are stripped whatever the first says.
      const bool actions_unknown = Strip(&st.actions);
      const bool resources_unknown = Strip(&st.resources);
      bool core = actions_unknown || resources_unknown || effect_unknown;
      for (auto& [kind, ids] : st.principal.ids) core = Strip(&ids) || core;
      bool cond = false;
      for (auto& c : st.conditions) cond = Strip(&c.values) || cond;
      if (st.sid == kUnknownMarker) st.sid.clear();
      if (core) st.unknown_core = true;
      if (core || cond) {
        st.partially_unknown = true;
        pd.partially_unknown = true;
      }
    }
    return Known<PolicyDocument>::Of(std::move(pd));
  }

  // --- building the model -------------------------------------------------------------------

  int AddPolicy(Policy p) {
    scope_->policies.push_back(std::move(p));
    return static_cast<int>(scope_->policies.size() - 1);
  }

  /// A policy named by ARN: a managed policy of this template, or an AWS managed one.
  int PolicyForArn(const std::string& arn, const Location& loc) {
    for (size_t i = 0; i < scope_->policies.size(); ++i) {
      const Policy& p = scope_->policies[i];
      if (!p.is_inline && p.arn.known() && p.arn.value() == arn) return static_cast<int>(i);
    }
    Policy p;
    p.display = arn;
    p.arn = Known<std::string>::Of(arn);
    p.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
    p.name = Known<std::string>::Of(arn.substr(arn.rfind('/') + 1));
    p.loc = loc;
    p.document = p.aws_managed ? BundledManagedPolicy(arn) : Known<PolicyDocument>::Unknown();
    return AddPolicy(std::move(p));
  }

  /// A customer managed policy of this template named by ARN (`arn:aws:iam::${AWS::AccountId}:
  /// policy/my-app-data`): its ManagedPolicyName and Path are in the template, the account is
  /// not. -1 when none is.
  int ManagedPolicyNamed(const Str& s) const {
    if (!s.known() || s.text.find(":iam::aws:policy/") != std::string::npos) return -1;
    const size_t at = s.text.find(":policy/");
    if (s.text.rfind("arn:", 0) != 0 || at == std::string::npos) return -1;
    const std::string path_name = s.text.substr(at + std::string(":policy").size());
    for (const auto& [id, idx] : managed_of_) {
      auto it = managed_path_name_.find(id);
      if (it != managed_path_name_.end() && it->second == path_name) return idx;
    }
    return -1;
  }

  /// The role a value names: by Ref / GetAtt / ${X} of a role resource, or by name or ARN.
  int RoleNamed(const Str& s) const {
    if (!s.ref.empty()) {
      auto it = role_of_.find(s.ref);
      if (it != role_of_.end()) return it->second;
    }
    if (!s.exact()) return -1;
    std::string name = s.text;
    if (size_t role = name.find(":role/"); role != std::string::npos) {
      name = name.substr(name.rfind('/') + 1);
    }
    for (size_t i = 0; i < scope_->roles.size(); ++i) {
      const Role& r = scope_->roles[i];
      if (r.name.known() && r.name.value() == name) return static_cast<int>(i);
    }
    return -1;
  }

  /// Roles listed by `Roles` (AWS::IAM::Policy, AWS::IAM::ManagedPolicy). Unresolved entries
  /// leave roles of this template that may be meant incomplete.
  std::vector<int> RolesOf(const Res& r, const char* prop) {
    std::vector<int> out;
    const Value* list = Prop(r, prop);
    if (list == nullptr) return out;
    auto add = [&](const Value& v) {
      int idx = RoleNamed(Resolve(v, 0));
      if (idx >= 0) {
        out.push_back(idx);
      } else if (!Resolve(v, 0).exact()) {
        for (auto& role : scope_->roles) role.grants_complete = false;
      }
    };
    if (list->IsArray()) {
      for (const auto& v : list->items()) add(v);
    } else {
      add(*list);
    }
    return out;
  }

  RoleRef RefTo(const Res& r, const char* prop) const {
    RoleRef ref;
    const Value* v = Prop(r, prop);
    ref.loc = v != nullptr ? Loc(PropPointer(r, prop), v) : Loc(r.pointer, r.node);
    if (v == nullptr) return ref;  // kAbsent
    Str s = Resolve(*v, 0);
    if (s.state == Str::State::kAbsent) return ref;
    int idx = RoleNamed(s);
    if (idx >= 0) {
      ref.state = RoleRef::State::kResolved;
      ref.role = idx;
      ref.arn = s.exact() ? s.text : scope_->roles[static_cast<size_t>(idx)].arn.value_or("");
      return ref;
    }
    if (s.exact() && s.text.find('*') == std::string::npos) {
      ref.state = RoleRef::State::kExternal;
      ref.arn = s.text;
      return ref;
    }
    ref.state = RoleRef::State::kUnknown;
    return ref;
  }

  std::vector<EnvVar> EnvOf(const Value* list, const std::string& pointer) const {
    std::vector<EnvVar> out;
    if (list == nullptr || !list->IsArray()) return out;
    for (size_t i = 0; i < list->items().size(); ++i) {
      const Value& e = list->items()[i];
      const Value* name = e.IsObject() ? e.Find("Name") : nullptr;
      if (name == nullptr || !name->IsString()) continue;
      EnvVar var;
      var.name = name->str();
      const Value* value = e.Find("Value");
      Str s = value != nullptr ? Resolve(*value, 0) : Val("");
      var.value_known = s.exact();
      var.value = var.value_known ? s.text : "";
      var.loc = Loc(json::PointerAppend(pointer, i), &e);
      out.push_back(std::move(var));
    }
    return out;
  }

  bool Flag(const Value* v) const {
    if (v == nullptr) return false;
    Str s = Resolve(*v, 0);
    return s.exact() && (s.text == "true" || s.text == "True");
  }

  void Build() {
    for (const auto& id : order_) {
      const Res& r = res_[id];
      if (r.type != "AWS::IAM::Role") continue;
      Role role;
      role.display = r.display;
      role.loc = Loc(r.pointer, r.node);
      const Value* name = Prop(r, "RoleName");
      Str n = name != nullptr ? Resolve(*name, 0) : Unk();
      role.name = n.exact() ? Known<std::string>::Of(n.text) : Known<std::string>::Unknown();
      role.arn = Known<std::string>::Unknown();  // the account is not in the template
      role.trust =
          Document(Prop(r, "AssumeRolePolicyDocument"), PropPointer(r, "AssumeRolePolicyDocument"));
      role_of_[id] = static_cast<int>(scope_->roles.size());
      scope_->roles.push_back(std::move(role));
    }
    for (const auto& id : order_) {
      const Res& r = res_[id];
      if (r.type != "AWS::IAM::ManagedPolicy") continue;
      Policy p;
      p.display = r.display;
      p.loc = Loc(r.pointer, r.node);
      const Value* name = Prop(r, "ManagedPolicyName");
      Str n = name != nullptr ? Resolve(*name, 0) : Unk();
      p.name = NameOf(n);
      p.arn = Known<std::string>::Unknown();
      p.document = Document(Prop(r, "PolicyDocument"), PropPointer(r, "PolicyDocument"));
      if (n.exact()) {
        std::string path = "/";
        if (const Value* pv = Prop(r, "Path")) {
          Str ps = Resolve(*pv, 0);
          path = ps.exact() ? ps.text : "";
        }
        if (!path.empty()) managed_path_name_[id] = path + n.text;
      }
      int idx = AddPolicy(std::move(p));
      managed_of_[id] = idx;
      for (int role : RolesOf(r, "Roles")) {
        scope_->roles[static_cast<size_t>(role)].grants.push_back(
            {idx, r.display, Loc(r.pointer, r.node), /*via_resource=*/true});
      }
    }
    for (const auto& id : order_) {
      const Res& r = res_[id];
      if (r.type == "AWS::IAM::Role") RoleGrants(r);
      if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::RolePolicy") InlinePolicy(r);
    }
    for (const auto& id : order_) {
      const Res& r = res_[id];
      if (r.type == "AWS::Amplify::App") AddApp(r);
    }
    for (const auto& id : order_) {
      const Res& r = res_[id];
      if (r.type == "AWS::Amplify::Branch") AddBranch(r);
    }
    for (const auto& id : order_) AddResourcePolicy(res_[id]);
    for (const auto& id : order_) AddSkipTags(res_[id]);
  }

  void RoleGrants(const Res& r) {
    Role& role = scope_->roles[static_cast<size_t>(role_of_[r.id])];
    if (const Value* pb = Prop(r, "PermissionsBoundary")) role.boundary = Boundary(r, *pb);
    if (const Value* pols = Prop(r, "Policies")) {
      if (!pols->IsArray()) {
        role.grants_complete = false;  // e.g. Fn::If over whole lists
      } else {
        for (size_t i = 0; i < pols->items().size(); ++i) {
          const Value& b = pols->items()[i];
          std::string bp = json::PointerAppend(PropPointer(r, "Policies"), i);
          if (!b.IsObject()) {
            role.grants_complete = false;
            continue;
          }
          Policy p;
          p.is_inline = true;
          const Value* nm = b.Find("PolicyName");
          Str n = nm != nullptr ? Resolve(*nm, 0) : Unk();
          p.name = NameOf(n);
          p.display = r.display + " policy \"" + n.Name("?") + "\"";
          p.loc = Loc(bp, &b);
          p.document =
              Document(b.Find("PolicyDocument"), json::PointerAppend(bp, "PolicyDocument"));
          if (p.document.absent()) p.document = Known<PolicyDocument>::Unknown();
          int idx = AddPolicy(std::move(p));
          role.grants.push_back({idx, "Policies", Loc(bp, &b)});
        }
      }
    }
    if (const Value* arns = Prop(r, "ManagedPolicyArns")) {
      if (!arns->IsArray()) {
        role.grants_complete = false;
        return;
      }
      for (size_t i = 0; i < arns->items().size(); ++i) {
        const Value& a = arns->items()[i];
        std::string ap = json::PointerAppend(PropPointer(r, "ManagedPolicyArns"), i);
        Str s = Resolve(a, 0);
        if (s.state == Str::State::kAbsent) continue;
        if (auto m = managed_of_.find(s.ref); !s.ref.empty() && m != managed_of_.end()) {
          role.grants.push_back({m->second, "ManagedPolicyArns", Loc(ap, &a)});
        } else if (int named = ManagedPolicyNamed(s); named >= 0) {
          role.grants.push_back({named, "ManagedPolicyArns", Loc(ap, &a)});
        } else if (s.exact() && s.text.find('*') == std::string::npos) {
          // arn:${AWS::Partition}:iam::aws:policy/X is exact: AWS managed, bundled.
          role.grants.push_back(
              {PolicyForArn(s.text, Loc(ap, &a)), "ManagedPolicyArns", Loc(ap, &a)});
        } else {
          role.grants_complete = false;
        }
      }
    }
  }

  /// A role's PermissionsBoundary: a managed policy of this template (by Ref or by its name
  /// in an ARN), an exact ARN (AWS managed or another account's), or unknown.
  PolicyRef Boundary(const Res& r, const Value& v) {
    PolicyRef ref;
    ref.loc = Loc(PropPointer(r, "PermissionsBoundary"), &v);
    Str s = Resolve(v, 0);
    if (s.state == Str::State::kAbsent) return ref;  // e.g. !If [c, arn, !Ref AWS::NoValue]
    ref.state = PolicyRef::State::kResolved;
    if (auto m = managed_of_.find(s.ref); !s.ref.empty() && m != managed_of_.end()) {
      ref.policy = m->second;
    } else if (int named = ManagedPolicyNamed(s); named >= 0) {
      ref.policy = named;
    } else if (s.exact() && s.text.find('*') == std::string::npos) {
      ref.policy = PolicyForArn(s.text, ref.loc);
    } else {
      ref.state = PolicyRef::State::kUnknown;
    }
    return ref;
  }

  void InlinePolicy(const Res& r) {
    Policy p;
    p.is_inline = true;
    const Value* nm = Prop(r, "PolicyName");
    Str n = nm != nullptr ? Resolve(*nm, 0) : Unk();
    p.name = NameOf(n);
    p.display = r.display;
    p.loc = Loc(r.pointer, r.node);
    p.document = Document(Prop(r, "PolicyDocument"), PropPointer(r, "PolicyDocument"));
    if (p.document.absent()) p.document = Known<PolicyDocument>::Unknown();
    int idx = AddPolicy(std::move(p));
    std::vector<int> roles;
    if (r.type == "AWS::IAM::RolePolicy") {
      const Value* rn = Prop(r, "RoleName");
      Str name = rn != nullptr ? Resolve(*rn, 0) : Unk();
      int role = RoleNamed(name);
      if (role >= 0) {
        roles.push_back(role);
      } else if (!name.exact()) {
        for (auto& each : scope_->roles) each.grants_complete = false;  // it may be any of them
      }
    } else {
      roles = RolesOf(r, "Roles");
    }
    for (int role : roles) {
      scope_->roles[static_cast<size_t>(role)].grants.push_back(
          {idx, r.display, Loc(r.pointer, r.node), /*via_resource=*/true});
    }
  }

  void AddApp(const Res& r) {
    App app;
    app.display = r.display;
    app.loc = Loc(r.pointer, r.node);
    const Value* name = Prop(r, "Name");
    Str n = name != nullptr ? Resolve(*name, 0) : Unk();
    app.name = NameOf(n);
    app.arn = Known<std::string>::Unknown();
    const Value* platform = Prop(r, "Platform");
    if (platform == nullptr) {
      app.platform = Known<std::string>::Of("WEB");  // CloudFormation's default
    } else {
      Str p = Resolve(*platform, 0);
      app.platform = p.exact()                        ? Known<std::string>::Of(p.text)
                     : p.state == Str::State::kAbsent ? Known<std::string>::Of("WEB")
                                                      : Known<std::string>::Unknown();
    }
    app.service_role = RefTo(r, "IAMServiceRole");
    app.compute_role = RefTo(r, "ComputeRoleArn");
    app.env = EnvOf(Prop(r, "EnvironmentVariables"), PropPointer(r, "EnvironmentVariables"));
    if (const Value* abc = Prop(r, "AutoBranchCreationConfig"); abc != nullptr && abc->IsObject()) {
      app.auto_branch_creation = Flag(abc->Find("EnableAutoBranchCreation"));
      app.pull_request_previews = Flag(abc->Find("EnablePullRequestPreview"));
      app.auto_branch_env = EnvOf(
          abc->Find("EnvironmentVariables"),
          json::PointerAppend(PropPointer(r, "AutoBranchCreationConfig"), "EnvironmentVariables"));
    }
    app_of_[r.id] = static_cast<int>(scope_->apps.size());
    scope_->apps.push_back(std::move(app));
  }

  void AddBranch(const Res& r) {
    Branch b;
    b.display = r.display;
    b.loc = Loc(r.pointer, r.node);
    const Value* bn = Prop(r, "BranchName");
    Str n = bn != nullptr ? Resolve(*bn, 0) : Unk();
    b.name = n.known() ? n.Name("") : "";
    const Value* app = Prop(r, "AppId");
    Str a = app != nullptr ? Resolve(*app, 0) : Unk();
    if (auto it = app_of_.find(a.ref); !a.ref.empty() && it != app_of_.end()) b.app = it->second;
    b.compute_role = RefTo(r, "ComputeRoleArn");
    b.env = EnvOf(Prop(r, "EnvironmentVariables"), PropPointer(r, "EnvironmentVariables"));
    if (const Value* fw = Prop(r, "Framework")) {
      Str f = Resolve(*fw, 0);
      b.framework = f.exact() ? Known<std::string>::Of(f.text) : Known<std::string>::Unknown();
    } else {
      b.framework = Known<std::string>::Absent();
    }
    b.pull_request_preview = Flag(Prop(r, "EnablePullRequestPreview"));
    int idx = static_cast<int>(scope_->branches.size());
    if (b.app >= 0) scope_->apps[static_cast<size_t>(b.app)].branches.push_back(idx);
    scope_->branches.push_back(std::move(b));
  }

  /// Bucket, queue, topic, key and secret policies. The resource's ARN is known only for a
  /// bucket named by an exact string; otherwise it is unknown (the rules still read the text).
  void AddResourcePolicy(const Res& r) {
    struct Kind {
      const char* type;
      const char* service;
      const char* document;
    };
    static constexpr Kind kKinds[] = {
        {"AWS::S3::BucketPolicy", "s3", "PolicyDocument"},
        {"AWS::SQS::QueuePolicy", "sqs", "PolicyDocument"},
        {"AWS::SNS::TopicPolicy", "sns", "PolicyDocument"},
        {"AWS::KMS::Key", "kms", "KeyPolicy"},
        {"AWS::SecretsManager::ResourcePolicy", "secretsmanager", "ResourcePolicy"},
    };
    const Kind* kind = nullptr;
    for (const auto& k : kKinds) {
      if (r.type == k.type) kind = &k;
    }
    if (kind == nullptr) return;
    ResourcePolicy rp;
    rp.display = r.display;
    rp.service = kind->service;
    rp.loc = Loc(r.pointer, r.node);
    rp.arn = Known<std::string>::Unknown();
    if (rp.service == "s3") {
      if (const Value* b = Prop(r, "Bucket")) {
        Str name = Resolve(*b, 0);
        if (name.exact()) rp.arn = Known<std::string>::Of("arn:aws:s3:::" + name.text);
      }
    }
    rp.document = Document(Prop(r, kind->document), PropPointer(r, kind->document));
    if (rp.document.absent()) return;  // a key without KeyPolicy: nothing of ours to read
    scope_->resource_policies.push_back(std::move(rp));
  }

  /// `Tags: [{Key: iamlint:skip, Value: "RULE: reason"}]` (or a map, as SAM writes tags).
  void AddSkipTags(const Res& r) {
    const Value* tags = Prop(r, "Tags");
    if (tags == nullptr) return;
    const std::string tp = PropPointer(r, "Tags");
    auto add = [&](const Value& v, const std::string& pointer) {
      Str s = Resolve(v, 0);
      if (!s.exact()) return;
      scope_->skip_tags.push_back({r.display, s.text, Loc(pointer, &v), Loc(r.pointer, r.node)});
    };
    if (tags->IsArray()) {
      for (size_t i = 0; i < tags->items().size(); ++i) {
        const Value& t = tags->items()[i];
        const Value* k = t.IsObject() ? t.Find("Key") : nullptr;
        const Value* v = t.IsObject() ? t.Find("Value") : nullptr;
        if (k != nullptr && k->IsString() && k->str() == "iamlint:skip" && v != nullptr) {
          add(*v, json::PointerAppend(tp, i));
        }
      }
    } else if (tags->IsObject()) {
      if (const Value* v = tags->Find("iamlint:skip")) {
        add(*v, json::PointerAppend(tp, "iamlint:skip"));
      }
    }
  }

  const InputFile& in_;
  Scope* scope_;
  std::vector<LoadError>* errors_;
  std::map<std::string, const Value*> params_;
  const Value* mappings_ = nullptr;
  std::map<std::string, Res> res_;
  std::vector<std::string> order_;
  std::map<std::string, int> role_of_;
  std::map<std::string, int> managed_of_;
  std::map<std::string, std::string> managed_path_name_;  // "/path/name" when both are known
  std::map<std::string, int> app_of_;
  mutable bool statements_unknown_ = false;  // set by ResolveTree for the current document
};

}  // namespace

void LoadCloudFormation(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  CfnLoader(in, scope, errors).Run();
}

}  // namespace iamlint
