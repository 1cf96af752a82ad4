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
#include <exception>
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
    // A logical ID written twice: CloudFormation deploys the last one, without a word
    // (aws-cloudformation/cfn-language-discussion#96), and so it is read here. Found in one
    // pass: Value::Find per resource would make loading quadratic in the resources.
    std::map<std::string_view, const Value*> last;
    for (const auto& m : resources->members()) last[m.key] = m.value.get();
    for (const auto& m : resources->members()) {
      const Value& r = *m.value;
      if (last[m.key] != &r) continue;
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
    built_budget_ = BuiltBudget();
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

  void Error(const Value* at, const std::string& pointer, std::string message) const {
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

  // Ref and GetAtt of a parameter or resource are worked out once each (memoised), and one
  // met again while it is still being worked out is a cycle: a located error, and unknown.
  // Without this, `RoleName: !Sub "${Role.Arn}${Role.Arn}"` or a chain of resources each
  // naming the next twice took time exponential in the depth.

  /// A memoised reference: `key` names it, `who` is the parameter or resource it reads.
  template <typename Compute>
  Str Memoised(const std::string& key, const std::string& who, Compute compute) const {
    auto [it, fresh] = memo_.try_emplace(key);
    if (!fresh) {
      if (!it->second.done) ReportCycle(who);
      return it->second.value;  // unknown while in progress
    }
    active_.push_back(who);
    Str s = compute();
    active_.pop_back();
    it->second.done = true;  // std::map: `it` outlives the insertions made by compute()
    it->second.value = s;
    return s;
  }

  /// `who` refers back to itself through the references being worked out.
  void ReportCycle(const std::string& who) const {
    auto from = std::find(active_.begin(), active_.end(), who);
    std::string path;
    for (auto i = from; i != active_.end(); ++i) path += *i + " -> ";
    path += who;
    if (!cycles_reported_.insert(who).second) return;
    const Value* at = &in_.doc.root();
    std::string pointer;
    if (const Res* r = Resource(who)) {
      at = r->node;
      pointer = r->pointer;
    } else if (auto p = params_.find(who); p != params_.end()) {
      at = p->second;
      pointer = json::PointerAppend("/Parameters", who);
    }
    Error(at, pointer,
          "circular reference: " + path +
              " (CloudFormation refuses a template whose values depend on themselves)");
  }

  Str RefOf(const std::string& name, int depth) const {
    if (params_.count(name) == 0 && Resource(name) == nullptr) return RefOfUncached(name, depth);
    return Memoised("Ref\n" + name, name, [&] { return RefOfUncached(name, depth); });
  }

  Str GetAtt(const std::string& id, const std::string& attr, int depth) const {
    if (Resource(id) == nullptr) return Unk();
    return Memoised("GetAtt\n" + id + "\n" + attr, id,
                    [&] { return GetAttUncached(id, attr, depth); });
  }

  Str RefOfUncached(const std::string& name, int depth) const {
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

  Str GetAttUncached(const std::string& id, const std::string& attr, int depth) const {
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

  /// `${Name}`, `${Res.Attr}` and `${!Literal}` in a Fn::Sub string. A part not known
  /// exactly is `*` in the text, or `unknown_as` when given.
  Str Sub(const std::string& text, const Value* vars, int depth,
          const char* unknown_as = nullptr) const {
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
      if (unknown_as != nullptr) {
        out.text += part.exact() ? part.text : unknown_as;
      } else {
        out.text += part.known() ? part.text : "*";
      }
      out.raw += part.exact() ? part.text : "${" + name + "}";
      if (!part.exact()) out.wild = true;
      if (out.text.size() > kMaxText) return Unk();
    }
    if (out.raw == out.text) out.raw.clear();
    return out;
  }

  /// Evaluates a value to a string as far as the template allows.
  Str Resolve(const Value& v, int depth) const {
    // A guard for the stack: real references nest a few deep; cycles are caught by the memo.
    if (depth > 100) return Unk();
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
    if (fn == "Fn::Sub" || fn == "Fn::Join") return Concat(fn, arg, depth);
    if (fn == "Fn::If") {
      if (!arg.IsArray() || arg.items().size() != 3) return Unk();
      Str a = Resolve(arg.items()[1], depth + 1);
      Str b = Resolve(arg.items()[2], depth + 1);
      if (a.state == b.state && a.text == b.text && a.ref == b.ref && a.wild == b.wild) return a;
      return Unk();  // which branch applies depends on a condition: cannot tell
    }
    if (fn == "Fn::Select") return Select(arg, depth);
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

  /// No value CloudFormation passes to IAM is near this long (a policy document is at most
  /// tens of KB): a longer one is unknown.
  static constexpr size_t kMaxText = size_t{256} << 10;

  /// Fn::Sub or Fn::Join (`fn`) of `arg`: parts not known exactly are `*`, or `unknown_as`.
  Str Concat(const std::string& fn, const Value& arg, int depth,
             const char* unknown_as = nullptr) const {
    Str out = ConcatUncounted(fn, arg, depth, unknown_as);
    // Each value built counts against a budget for the template: references can copy a long
    // value into many others (`${Big.Arn}${Big.Arn}` in each of thousands of resources).
    const size_t size = out.text.size() + out.raw.size();
    if (size > built_budget_) {
      if (!built_budget_spent_) {
        built_budget_spent_ = true;
        Error(&arg, "",
              "the values this template builds with Fn::Sub / Fn::Join add up to more than " +
                  std::to_string(BuiltBudget() >> 20) +
                  " MiB (references copying long values into many others): the rest is not "
                  "read");
      }
      built_budget_ = 0;
      return Unk();
    }
    built_budget_ -= size;
    return out;
  }

  /// What the values built by one template may add up to: far more than real ones build.
  size_t BuiltBudget() const {
    return (size_t{64} << 20) + 16 * in_.text.size() + (size_t{4} << 10) * res_.size();
  }

  Str ConcatUncounted(const std::string& fn, const Value& arg, int depth,
                      const char* unknown_as) const {
    if (fn == "Fn::Sub") {
      if (arg.IsString()) return Sub(arg.str(), nullptr, depth, unknown_as);
      if (arg.IsArray() && !arg.items().empty() && arg.items()[0].IsString()) {
        return Sub(arg.items()[0].str(), arg.items().size() > 1 ? &arg.items()[1] : nullptr, depth,
                   unknown_as);
      }
      return Unk();
    }
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
      if (unknown_as != nullptr) {
        out.text += p.exact() ? p.text : unknown_as;
      } else {
        out.text += p.known() ? p.text : "*";
      }
      if (!p.exact()) out.wild = true;
      if (out.ref.empty() && !p.ref.empty()) {
        out.ref = p.ref;
        out.attr = p.attr;
      }
      if (out.text.size() > kMaxText) return Unk();
    }
    return out;
  }

  /// `Fn::Select [index, list]`. The list is written out or `Fn::Split` of a known string.
  /// An index CloudFormation would refuse (not a whole number from 0, or past the end) is a
  /// located error when both it and the list are written out, and unknown otherwise (a
  /// parameter's default may be overridden at deploy).
  Str Select(const Value& arg, int depth) const {
    if (!arg.IsArray() || arg.items().size() != 2) return Unk();
    const Value& index = arg.items()[0];
    const Value& list = arg.items()[1];
    Str idx = Resolve(index, depth + 1);
    if (!idx.exact()) return Unk();
    std::vector<Str> split;
    size_t size = 0;
    if (list.IsArray()) {
      size = list.items().size();
    } else if (Intrinsic(list) == "Fn::Split") {
      if (!SplitOf(*list.members()[0].value, depth, &split)) return Unk();
      size = split.size();
    } else {
      return Unk();  // Fn::GetAZs, a Ref to a list parameter, ...
    }
    // Digits only, and no more of them than fit: "1e2", "-1", "1.0" and "99999999999999999999"
    // are not indexes of any list.
    const std::string& t = idx.text;
    const bool digits = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
    const size_t nonzero = digits ? std::min(t.find_first_not_of('0'), t.size()) : 0;
    size_t i = size;  // past the end unless it parses below
    if (digits && t.size() - nonzero <= 9) {
      i = 0;
      for (size_t k = nonzero; k < t.size(); ++k) i = i * 10 + static_cast<size_t>(t[k] - '0');
    }
    if (digits && i < size) return list.IsArray() ? Resolve(list.items()[i], depth + 1) : split[i];
    if (Intrinsic(index).empty() && list.IsArray() && select_reported_.insert(&arg).second) {
      Error(&index, "",
            digits ? "Fn::Select index " + Excerpt(t) + " is past the end of its list of " +
                         std::to_string(size) + " (CloudFormation refuses the template)"
                   : "Fn::Select index " + Excerpt(t) +
                         " is not a whole number from 0 (CloudFormation refuses the template)");
    }
    return Unk();
  }

  /// The strings of `Fn::Split [delimiter, source]` when both are known exactly.
  bool SplitOf(const Value& arg, int depth, std::vector<Str>* out) const {
    if (!arg.IsArray() || arg.items().size() != 2) return false;
    Str delim = Resolve(arg.items()[0], depth + 1);
    Str source = Resolve(arg.items()[1], depth + 1);
    if (!delim.exact() || delim.text.empty() || !source.exact()) return false;
    size_t from = 0;
    for (;;) {
      const size_t at = source.text.find(delim.text, from);
      out->push_back(Val(source.text.substr(from, at - from)));
      if (at == std::string::npos) return true;
      from = at + delim.text.size();
    }
  }

  /// Input text for a message: quoted, and cut short when long.
  static std::string Excerpt(const std::string& text) {
    return "\"" + (text.size() > 40 ? text.substr(0, 40) + "..." : text) + "\"";
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
    return CopyOf(v);
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
    if (const std::string fn = Intrinsic(*v); !fn.empty()) return BuiltDocument(*v, fn, pointer);
    if (v->IsString()) return TextDocument(v->str(), *v, pointer, "");
    if (const Value* st = v->IsObject() ? v->Find("Statement") : nullptr;
        st != nullptr && !Intrinsic(*st).empty()) {
      return Known<PolicyDocument>::Unknown();  // the whole statement list is chosen at deploy
    }
    statements_unknown_ = false;
    return Known<PolicyDocument>::Of(
        Resolved(ResolveTree(*v, 0), Loc(pointer, v), &in_.doc.lines()));
  }

  /// A document given as JSON text: written out, or built by intrinsics (`how` says which).
  /// Text that is not JSON is a located error: IAM refuses it at deploy.
  Known<PolicyDocument> TextDocument(const std::string& text, const Value& at,
                                     const std::string& pointer, const std::string& how) const {
    json::Document d;
    std::string error;
    if (!ParsePolicyText(text, &d, &error)) {
      Error(&at, pointer, "the policy document" + how + " is a string but not JSON: " + error);
      return Known<PolicyDocument>::Unknown();
    }
    return Known<PolicyDocument>::Of(PolicyFromJson(d.root(), Loc(pointer, &at), nullptr));
  }

  /// A document given by an intrinsic: JSON text built by Fn::Sub / Fn::Join (or a parameter's
  /// default) is read as written out when every part of it is known. With unknown parts, each
  /// is a marker inside its JSON string, read as ResolveTree reads unknown values; one outside
  /// a string (`"Action": ${Actions}`) or in a key leaves the document unknown.
  Known<PolicyDocument> BuiltDocument(const Value& v, const std::string& fn,
                                      const std::string& pointer) const {
    const std::string how = fn == "Ref" ? " (a parameter's default)" : " built by " + fn;
    Str s = Resolve(v, 0);
    if (s.exact()) return TextDocument(s.text, v, pointer, how);
    if (fn != "Fn::Sub" && fn != "Fn::Join") return Known<PolicyDocument>::Unknown();
    static const char kJsonMarker[] = "\\u0001iamlint-unknown\\u0001";
    Str marked = Concat(fn, *v.members()[0].value, 0, kJsonMarker);
    json::Document d;
    std::string error;
    if (!marked.known() || !ParsePolicyText(marked.text, &d, &error)) {
      return Known<PolicyDocument>::Unknown();
    }
    bool ok = true;
    Value resolved = MarkUnknown(d.root(), false, &ok);
    const Value* st = resolved.IsObject() ? resolved.Find("Statement") : nullptr;
    if (!ok || (st != nullptr && st->IsString())) return Known<PolicyDocument>::Unknown();
    statements_unknown_ = false;
    if (st != nullptr && st->IsArray()) {
      for (const auto& item : st->items()) {
        if (item.IsString()) return Known<PolicyDocument>::Unknown();
      }
    }
    return Known<PolicyDocument>::Of(Resolved(resolved, Loc(pointer, &v), nullptr));
  }

  /// A copy of `v` where a string holding the unknown marker is the marker alone, or, within a
  /// Resource, a pattern with `*` for each unknown part (as ResolveTree makes them). A key
  /// holding it clears `ok`.
  Value MarkUnknown(const Value& v, bool resource, bool* ok) const {
    if (v.IsObject()) {
      Value obj = Value::Object(v.offset());
      for (const auto& m : v.members()) {
        if (m.key.find(kUnknownMarker) != std::string::npos) *ok = false;
        obj.Add(m.key, MarkUnknown(*m.value, m.key == "Resource" || m.key == "NotResource", ok));
      }
      return obj;
    }
    if (v.IsArray()) {
      Value arr = Value::Array(v.offset());
      for (const auto& item : v.items()) arr.Push(MarkUnknown(item, resource, ok));
      return arr;
    }
    if (!v.IsString() || v.str().find(kUnknownMarker) == std::string::npos) return CopyOf(v);
    if (resource) {
      std::string pattern = v.str();
      const std::string marker(kUnknownMarker);
      for (size_t at = pattern.find(marker); at != std::string::npos;
           at = pattern.find(marker, at + 1)) {
        pattern.replace(at, marker.size(), "*");
      }
      if (pattern.find_first_not_of('*') != std::string::npos) {
        return Value::String(kPatternMark + pattern, v.offset());
      }
    }
    return Value::String(kUnknownMarker, v.offset());
  }

  static Value CopyOf(const Value& v) {
    if (v.IsString()) return Value::String(v.str(), v.offset());
    if (v.IsNumber()) return Value::Number(v.str(), v.offset());
    if (v.IsBool()) return Value::Bool(v.AsBool(), v.offset());
    return Value::Null(v.offset());
  }

  /// The document of `resolved` (made by ResolveTree or MarkUnknown), with its unknown parts
  /// taken out and the statements holding them marked.
  PolicyDocument Resolved(const Value& resolved, const Location& loc,
                          const json::LineIndex* lines) const {
    PolicyDocument pd = PolicyFromJson(resolved, loc, lines);
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
    return pd;
  }

  // --- building the model -------------------------------------------------------------------

  int AddPolicy(Policy p) {
    scope_->policies.push_back(std::move(p));
    return static_cast<int>(scope_->policies.size() - 1);
  }

  /// A policy named by ARN: a managed policy of this template, or an AWS managed one.
  int PolicyForArn(const std::string& arn, const Location& loc) {
    // The policies of this loader with a known ARN are exactly those made here.
    if (auto it = policy_by_arn_.find(arn); it != policy_by_arn_.end()) return it->second;
    Policy p;
    p.display = arn;
    p.arn = Known<std::string>::Of(arn);
    p.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
    p.name = Known<std::string>::Of(arn.substr(arn.rfind('/') + 1));
    p.loc = loc;
    p.document = p.aws_managed ? BundledManagedPolicy(arn) : Known<PolicyDocument>::Unknown();
    const int idx = AddPolicy(std::move(p));
    policy_by_arn_[arn] = idx;
    return idx;
  }

  /// A customer managed policy of this template named by ARN (`arn:aws:iam::${AWS::AccountId}:
  /// policy/my-app-data`): its ManagedPolicyName and Path are in the template, the account is
  /// not. -1 when none is.
  int ManagedPolicyNamed(const Str& s) const {
    if (!s.known() || s.text.find(":iam::aws:policy/") != std::string::npos) return -1;
    const size_t at = s.text.find(":policy/");
    if (s.text.rfind("arn:", 0) != 0 || at == std::string::npos) return -1;
    auto it = managed_by_path_name_.find(s.text.substr(at + std::string(":policy").size()));
    return it != managed_by_path_name_.end() ? it->second.second : -1;
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
    auto it = role_by_name_.find(name);
    return it != role_by_name_.end() ? it->second : -1;
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
        any_role_incomplete_ = true;
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
      if (role.name.known()) {
        role_by_name_.emplace(role.name.value(), static_cast<int>(scope_->roles.size()));
      }
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
      std::string path = "/";
      if (n.exact()) {
        if (const Value* pv = Prop(r, "Path")) {
          Str ps = Resolve(*pv, 0);
          path = ps.exact() ? ps.text : "";
        }
      }
      int idx = AddPolicy(std::move(p));
      managed_of_[id] = idx;
      if (n.exact() && !path.empty()) {
        // Two policies of one name: the first logical ID in sorted order, as before.
        auto [it, fresh] = managed_by_path_name_.try_emplace(path + n.text, id, idx);
        if (!fresh && id < it->second.first) it->second = {id, idx};
      }
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
    // A policy for a role the template does not name exactly may be any role's.
    if (any_role_incomplete_) {
      for (auto& role : scope_->roles) role.grants_complete = false;
    }
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
        any_role_incomplete_ = true;  // it may be any of them
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
  /// "/path/name" (when both are known) -> (logical ID, policy) of a managed policy.
  std::map<std::string, std::pair<std::string, int>> managed_by_path_name_;
  std::map<std::string, int> role_by_name_;   // the first role of each known name
  std::map<std::string, int> policy_by_arn_;  // the policies made by PolicyForArn
  bool any_role_incomplete_ = false;
  std::map<std::string, int> app_of_;
  mutable bool statements_unknown_ = false;  // set by ResolveTree for the current document
  struct Memo {
    bool done = false;  // false while being worked out
    Str value;
  };
  mutable std::map<std::string, Memo> memo_;        // by "Ref\nX" and "GetAtt\nX\nAttr"
  mutable std::vector<std::string> active_;         // the references being worked out
  mutable std::set<std::string> cycles_reported_;   // by the name the cycle was met at
  mutable std::set<const Value*> select_reported_;  // Fn::Select nodes already reported
  mutable size_t built_budget_ = 0;                 // bytes Concat may still build
  mutable bool built_budget_spent_ = false;
};

}  // namespace

void LoadCloudFormation(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  // Nothing here is meant to throw; should something still (memory, a bug), the template is
  // an input error naming the file, never a crash and never a silent pass.
  try {
    CfnLoader(in, scope, errors).Run();
  } catch (const std::exception& e) {
    errors->push_back({in.path, 0, "", std::string("could not read this template: ") + e.what()});
  }
}

}  // namespace iamlint
