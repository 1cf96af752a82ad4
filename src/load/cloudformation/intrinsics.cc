// The intrinsic functions of CloudFormation, one function each, and their table.
#include "load/cloudformation/intrinsics.h"

#include <algorithm>
#include <string>
#include <vector>

namespace iamlint::cfn {
namespace {

using json::Value;

/// No value CloudFormation passes to IAM is near this long (a policy document is at most
/// tens of KB): a longer one is unknown.
constexpr size_t kMaxText = size_t{256} << 10;

/// Input text for a message: quoted, and cut short when long.
std::string Excerpt(const std::string& text) {
  return "\"" + (text.size() > 40 ? text.substr(0, 40) + "..." : text) + "\"";
}

/// Appends `part` to the string being built: its text when known (exactly, with
/// `unknown_as`), else `*` or `unknown_as`; the first resource named is kept.
void AppendPart(const Str& part, const char* unknown_as, Str* out) {
  if (unknown_as != nullptr) {
    out->text += part.exact() ? part.text : unknown_as;
  } else {
    out->text += part.known() ? part.text : "*";
  }
  if (!part.exact()) out->wild = true;
  if (out->ref.empty() && !part.ref.empty()) {
    out->ref = part.ref;
    out->attr = part.attr;
  }
}

/// The value of `${name}` in a Fn::Sub string: a variable of `vars`, `Res.Attr`, or a Ref.
Str SubVariable(const Evaluator& ev, const std::string& name, const Value* vars, int depth) {
  const Value* var = vars != nullptr && vars->IsObject() ? vars->Find(name) : nullptr;
  if (var != nullptr) return ev.Resolve(*var, depth + 1);
  if (size_t dot = name.find('.'); dot != std::string::npos) {
    return ev.GetAtt(name.substr(0, dot), name.substr(dot + 1), depth);
  }
  return ev.RefOf(name, depth);
}

/// `${Name}`, `${Res.Attr}` and `${!Literal}` in a Fn::Sub string. A part not known
/// exactly is `*` in the text, or `unknown_as` when given.
Str SubText(const Evaluator& ev, const std::string& text, const Value* vars, int depth,
            const char* unknown_as) {
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
    const Str part = SubVariable(ev, name, vars, depth);
    AppendPart(part, unknown_as, &out);
    out.raw += part.exact() ? part.text : "${" + name + "}";
    if (out.text.size() > kMaxText) return Unk();
  }
  if (out.raw == out.text) out.raw.clear();
  return out;
}

/// `Fn::Sub text` or `Fn::Sub [text, {variables}]`. What it builds counts against the budget.
Str Sub(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  if (arg.IsString()) return ev.Charge(SubText(ev, arg.str(), nullptr, c.depth, c.unknown_as), arg);
  if (arg.IsArray() && !arg.items().empty() && arg.items()[0].IsString()) {
    const Value* vars = arg.items().size() > 1 ? &arg.items()[1] : nullptr;
    return ev.Charge(SubText(ev, arg.items()[0].str(), vars, c.depth, c.unknown_as), arg);
  }
  return Unk();
}

/// `Fn::Join [delimiter, [parts]]`: an absent part (AWS::NoValue) is left out. What it builds
/// counts against the budget.
Str Join(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  if (!arg.IsArray() || arg.items().size() != 2 || !arg.items()[0].IsString() ||
      !arg.items()[1].IsArray()) {
    return Unk();
  }
  Str out = Val("");
  bool first = true;
  for (const auto& part : arg.items()[1].items()) {
    Str p = ev.Resolve(part, c.depth + 1);
    if (p.state == Str::State::kAbsent) continue;
    if (!first) out.text += arg.items()[0].str();
    first = false;
    AppendPart(p, c.unknown_as, &out);
    if (out.text.size() > kMaxText) return Unk();
  }
  return ev.Charge(std::move(out), arg);
}

/// `Ref name`.
Str Ref(const Evaluator& ev, const Call& c) {
  return c.arg.IsString() ? ev.RefOf(c.arg.str(), c.depth) : Unk();
}

/// `Fn::GetAtt [id, attr]` or `Fn::GetAtt id.attr`.
Str GetAtt(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  if (arg.IsArray() && arg.items().size() == 2 && arg.items()[0].IsString()) {
    Str a = ev.Resolve(arg.items()[1], c.depth + 1);
    return a.exact() ? ev.GetAtt(arg.items()[0].str(), a.text, c.depth) : Unk();
  }
  if (arg.IsString()) {
    size_t dot = arg.str().find('.');
    if (dot != std::string::npos) {
      return ev.GetAtt(arg.str().substr(0, dot), arg.str().substr(dot + 1), c.depth);
    }
  }
  return Unk();
}

/// `Fn::If [condition, a, b]`: read on both branches; where they differ, unknown.
Str If(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  if (!arg.IsArray() || arg.items().size() != 3) return Unk();
  Str a = ev.Resolve(arg.items()[1], c.depth + 1);
  Str b = ev.Resolve(arg.items()[2], c.depth + 1);
  if (a.state == b.state && a.text == b.text && a.ref == b.ref && a.wild == b.wild) return a;
  return Unk();  // which branch applies depends on a condition: cannot tell
}

/// The strings of `Fn::Split [delimiter, source]` when both are known exactly.
bool Split(const Evaluator& ev, const Value& arg, int depth, std::vector<Str>* out) {
  if (!arg.IsArray() || arg.items().size() != 2) return false;
  Str delim = ev.Resolve(arg.items()[0], depth + 1);
  Str source = ev.Resolve(arg.items()[1], depth + 1);
  if (!delim.exact() || delim.text.empty() || !source.exact()) return false;
  size_t from = 0;
  for (;;) {
    const size_t at = source.text.find(delim.text, from);
    out->push_back(Val(source.text.substr(from, at - from)));
    if (at == std::string::npos) return true;
    from = at + delim.text.size();
  }
}

/// The list index a text names: digits only, and no more of them than fit ("1e2", "-1", "1.0"
/// and "99999999999999999999" are not indexes of any list); `size` (past the end) otherwise.
size_t IndexOf(const std::string& t, size_t size) {
  const bool digits = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  const size_t nonzero = digits ? std::min(t.find_first_not_of('0'), t.size()) : 0;
  if (!digits || t.size() - nonzero > 9) return size;
  size_t i = 0;
  for (size_t k = nonzero; k < t.size(); ++k) i = i * 10 + static_cast<size_t>(t[k] - '0');
  return i;
}

/// `Fn::Select [index, list]`. The list is written out or `Fn::Split` of a known string.
/// An index CloudFormation would refuse (not a whole number from 0, or past the end) is a
/// located error when both it and the list are written out, and unknown otherwise (a
/// parameter's default may be overridden at deploy).
Str Select(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  if (!arg.IsArray() || arg.items().size() != 2) return Unk();
  const Value& index = arg.items()[0];
  const Value& list = arg.items()[1];
  Str idx = ev.Resolve(index, c.depth + 1);
  if (!idx.exact()) return Unk();
  std::vector<Str> split;
  size_t size = 0;
  if (list.IsArray()) {
    size = list.items().size();
  } else if (IntrinsicName(list) == "Fn::Split") {
    if (!Split(ev, *list.members()[0].value, c.depth, &split)) return Unk();
    size = split.size();
  } else {
    return Unk();  // Fn::GetAZs, a Ref to a list parameter, ...
  }
  const std::string& t = idx.text;
  const bool digits = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  const size_t i = IndexOf(t, size);
  if (digits && i < size) {
    return list.IsArray() ? ev.Resolve(list.items()[i], c.depth + 1) : split[i];
  }
  if (IntrinsicName(index).empty() && list.IsArray() && ev.FirstReportAt(arg)) {
    ev.tmpl().Error(&index, "",
                    digits ? "Fn::Select index " + Excerpt(t) + " is past the end of its list of " +
                                 std::to_string(size) + " (CloudFormation refuses the template)"
                           : "Fn::Select index " + Excerpt(t) +
                                 " is not a whole number from 0 (CloudFormation refuses the "
                                 "template)");
  }
  return Unk();
}

/// `Fn::FindInMap [map, top-level key, second-level key]` of the template's Mappings.
Str FindInMap(const Evaluator& ev, const Call& c) {
  const Value& arg = c.arg;
  const Value* at = ev.tmpl().mappings();
  if (at == nullptr || !arg.IsArray() || arg.items().size() != 3) return Unk();
  for (const auto& key : arg.items()) {
    Str k = ev.Resolve(key, c.depth + 1);
    if (!k.exact() || at == nullptr || !at->IsObject()) return Unk();
    at = at->Find(k.text);
  }
  return at != nullptr ? ev.Resolve(*at, c.depth + 1) : Unk();
}

struct Entry {
  std::string_view name;
  IntrinsicFn fn;
};

constexpr Entry kIntrinsics[] = {
    {"Ref", Ref},
    {"Fn::GetAtt", GetAtt},
    {"Fn::Sub", Sub},
    {"Fn::Join", Join},
    {"Fn::If", If},
    {"Fn::Select", Select},
    {"Fn::FindInMap", FindInMap},
};

}  // namespace

IntrinsicFn IntrinsicNamed(std::string_view name) {
  for (const Entry& e : kIntrinsics) {
    if (e.name == name) return e.fn;
  }
  return nullptr;
}

}  // namespace iamlint::cfn
