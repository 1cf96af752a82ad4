// Terraform's JSON configuration syntax (`.tf.json`) read into the tree of ast.h.
//
// Terraform reads JSON against its schema: a root member is a block type whose nested objects
// are, level by level, its labels; inside a block, a member is a nested block or an attribute
// as the schema says. Without provider schemas, the meta-blocks Terraform itself defines are
// read as blocks here and every other member as an attribute (Body::from_json tells the
// consumer, and JsonBlocks() re-reads such an attribute as blocks). String values are
// templates; a member named `//` is a comment.
#include <string>
#include <utility>
#include <vector>

#include "hcl/hcl.h"
#include "hcl/internal.h"
#include "json/json.h"

namespace iamlint::hcl {
namespace {

using internal::LineTable;

struct JsonFailure {
  Error error;
};

// Labels of a root block type; -1 for a name Terraform does not define.
int RootLabels(std::string_view type) {
  if (type == "resource" || type == "data") return 2;
  if (type == "module" || type == "variable" || type == "output" || type == "provider" ||
      type == "check") {
    return 1;
  }
  if (type == "terraform" || type == "moved" || type == "import" || type == "removed") return 0;
  return -1;
}

// Labels of a block type nested in `parent` that Terraform (not a provider) defines; -1 when
// `name` is an attribute there (or only a provider schema could tell).
int NestedLabels(std::string_view parent, std::string_view name) {
  const bool resource_like = parent == "resource" || parent == "data" || parent == "removed";
  if (resource_like && (name == "lifecycle" || name == "connection")) return 0;
  if (resource_like && (name == "provisioner" || name == "dynamic")) return 1;
  if (parent == "dynamic" && name == "content") return 0;
  if (parent == "provisioner" && name == "connection") return 0;
  if (parent == "terraform" && name == "backend") return 1;
  if (parent == "terraform" && (name == "cloud" || name == "required_providers")) return 0;
  if (parent == "variable" && name == "validation") return 0;
  if (parent == "check" && name == "assert") return 0;
  if (parent == "check" && name == "data") return 2;
  return -1;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Converter {
 public:
  Converter(std::string_view text, const std::string* file, const LineTable& lines,
            const ParseOptions& options)
      : text_(text), file_(file), lines_(lines), options_(options) {}

  Body Root(const json::Value& root, bool tfvars) {
    if (!root.IsObject()) {
      Fail(root.offset(),
           "a Terraform JSON file holds one object, not " + json::TypeNameWithArticle(root.type()));
    }
    Body body;
    body.from_json = true;
    body.range = RangeOf(0, text_.size());
    for (const json::Member& m : root.members()) {
      if (m.key == "//") continue;
      const int labels = RootLabels(m.key);
      if (tfvars || m.key == "locals") {
        if (tfvars) {
          body.attributes.push_back(MakeAttribute(m));
        } else {
          AddLocals(*m.value, &body);
        }
        continue;
      }
      Block proto;
      proto.type = m.key;
      proto.type_range = KeyRange(*m.value);
      AddBlocks(proto, *m.value, labels < 0 ? 0 : static_cast<size_t>(labels), &body.blocks);
    }
    return body;
  }

  ExprPtr Value(const json::Value& v) {
    switch (v.type()) {
      case json::Type::kNull:
      case json::Type::kBool:
      case json::Type::kNumber:
        return Scalar(v);
      case json::Type::kString:
        return String(v);
      case json::Type::kArray: {
        ExprPtr e = New(ExprKind::kTuple, v.offset());
        for (const json::Value& item : v.items()) e->parts.push_back(Value(item));
        CloseContainer(e.get(), e->parts.empty() ? v.offset() + 1 : End(*e->parts.back()));
        return e;
      }
      case json::Type::kObject:
        break;
    }
    ExprPtr e = New(ExprKind::kObject, v.offset());
    for (const json::Member& m : v.members()) {
      ObjectMember om;
      om.key = Key(m);
      om.value = Value(*m.value);
      e->members.push_back(std::move(om));
    }
    CloseContainer(e.get(), e->members.empty() ? v.offset() + 1 : End(*e->members.back().value));
    return e;
  }

 private:
  [[noreturn]] void Fail(size_t offset, std::string message) {
    throw JsonFailure{internal::MakeError(file_, lines_, offset, std::move(message))};
  }

  Range RangeOf(size_t begin, size_t end) const {
    return Range{file_, lines_.At(begin), lines_.At(end)};
  }
  static size_t End(const Expr& e) { return e.range.end.offset; }

  ExprPtr New(ExprKind kind, size_t begin) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->range = RangeOf(begin, begin + 1);
    return e;
  }

  // The container's closing bracket follows its last value (after blanks).
  void CloseContainer(Expr* e, size_t after_last) {
    size_t p = after_last;
    while (p < text_.size() && IsSpace(text_[p])) ++p;
    e->range.end = lines_.At(p < text_.size() ? p + 1 : p);
  }

  ExprPtr Scalar(const json::Value& v) {
    ExprPtr e = New(ExprKind::kLiteral, v.offset());
    if (v.IsNull()) {
      e->literal = LiteralKind::kNull;
      e->text = "null";
    } else if (v.IsBool()) {
      e->literal = LiteralKind::kBool;
      e->text = v.AsBool() ? "true" : "false";
    } else {
      e->literal = LiteralKind::kNumber;
      e->text = v.str();
    }
    e->range.end = lines_.At(v.offset() + e->text.size());
    return e;
  }

  // End of the raw string literal starting at `open` (its opening quote), and whether it
  // holds escapes.
  size_t StringEnd(size_t open, bool* escaped) const {
    *escaped = false;
    size_t p = open + 1;
    while (p < text_.size() && text_[p] != '"') {
      if (text_[p] == '\\') {
        *escaped = true;
        ++p;
      }
      ++p;
    }
    return p;  // the closing quote
  }

  // A string value: a template (`"${var.x}"`), located exactly when written without escapes.
  ExprPtr String(const json::Value& v) {
    bool escaped = false;
    const size_t close = StringEnd(v.offset(), &escaped);
    const Range range = RangeOf(v.offset(), close + 1);
    return Template(v.str(), v.offset(), close, escaped, range);
  }

  ExprPtr Template(const std::string& decoded, size_t open, size_t close, bool escaped,
                   const Range& range) {
    if (decoded.find("${") == std::string::npos && decoded.find("%{") == std::string::npos) {
      auto e = std::make_unique<Expr>();
      e->kind = ExprKind::kTemplate;
      e->range = range;
      if (!decoded.empty()) {
        auto lit = std::make_unique<Expr>();
        lit->literal = LiteralKind::kString;
        lit->text = decoded;
        lit->range = range;
        e->parts.push_back(std::move(lit));
      }
      return e;
    }
    ExprPtr e;
    Error err;
    if (!escaped) {
      if (!internal::ParseTemplateRange(text_, open + 1, close, file_, lines_, options_, &e,
                                        &err)) {
        throw JsonFailure{err};
      }
    } else {
      const LineTable own(decoded);
      if (!internal::ParseTemplateRange(decoded, 0, decoded.size(), file_, own, options_, &e,
                                        &err)) {
        Fail(open, "in this string: " + err.message);
      }
      internal::SetRanges(e.get(), range);
    }
    e->range = range;
    return e;
  }

  // Where the key of the member whose value starts at `value` begins: back over `:` and
  // blanks to the key's closing quote, then to its opening quote (one not escaped).
  size_t KeyOffset(size_t value) const {
    size_t p = value;
    while (p > 0 && (IsSpace(text_[p - 1]) || text_[p - 1] == ':')) --p;
    if (p == 0 || text_[p - 1] != '"') return value;
    for (size_t q = p - 1; q-- > 0;) {
      if (text_[q] != '"') continue;
      size_t backslashes = 0;
      while (q > backslashes && text_[q - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return q;
    }
    return value;
  }

  Range KeyRange(const json::Value& value) const {
    const size_t begin = KeyOffset(value.offset());
    bool escaped = false;
    const size_t close = begin < value.offset() ? StringEnd(begin, &escaped) + 1 : begin + 1;
    return RangeOf(begin, close);
  }

  ExprPtr Key(const json::Member& m) {
    const Range range = KeyRange(*m.value);
    bool escaped = false;
    const size_t open = range.begin.offset;
    const size_t close = StringEnd(open, &escaped);
    return Template(m.key, open, close, escaped, range);
  }

  Attribute MakeAttribute(const json::Member& m) {
    Attribute a;
    a.name = m.key;
    a.name_range = KeyRange(*m.value);
    a.expr = Value(*m.value);
    a.range = a.name_range;
    a.range.end = a.expr->range.end;
    return a;
  }

  void AddLocals(const json::Value& v, Body* body) {
    if (v.IsArray()) {
      for (const json::Value& item : v.items()) AddLocals(item, body);
      return;
    }
    if (!v.IsObject()) Fail(v.offset(), "`locals` takes an object of local values");
    Block b;
    b.type = "locals";
    b.type_range = KeyRange(v);
    b.range = RangeOf(b.type_range.begin.offset, v.offset() + 1);
    b.body = MembersBody("locals", v);
    b.range.end = b.body.range.end;
    body->blocks.push_back(std::move(b));
  }

  Body MembersBody(std::string_view type, const json::Value& object) {
    Body body;
    body.from_json = true;
    for (const json::Member& m : object.members()) {
      if (m.key == "//") continue;
      const int nested = NestedLabels(type, m.key);
      if (nested < 0 || type == "locals") {
        body.attributes.push_back(MakeAttribute(m));
        continue;
      }
      Block proto;
      proto.type = m.key;
      proto.type_range = KeyRange(*m.value);
      AddBlocks(proto, *m.value, static_cast<size_t>(nested), &body.blocks);
    }
    body.range = RangeOf(object.offset(), EndOf(object));
    return body;
  }

  // Where a JSON value ends (its last byte + 1).
  size_t EndOf(const json::Value& v) {
    if (v.IsString()) {
      bool escaped = false;
      return StringEnd(v.offset(), &escaped) + 1;
    }
    if (!v.IsArray() && !v.IsObject()) return Scalar(v)->range.end.offset;
    size_t after = v.offset() + 1;
    if (v.IsArray() && !v.items().empty()) after = EndOf(v.items().back());
    if (v.IsObject() && !v.members().empty()) after = EndOf(*v.members().back().value);
    while (after < text_.size() && IsSpace(text_[after])) ++after;
    return after < text_.size() ? after + 1 : after;
  }

  // Blocks of `proto`'s type from `v`, with `labels` labels still to read from object keys.
  void AddBlocks(const Block& proto, const json::Value& v, size_t labels, std::vector<Block>* out) {
    if (v.IsArray()) {
      for (const json::Value& item : v.items()) AddBlocks(proto, item, labels, out);
      return;
    }
    if (!v.IsObject()) {
      Fail(v.offset(), "a `" + proto.type + "` block is written as an object, not " +
                           json::TypeNameWithArticle(v.type()));
    }
    if (labels == 0) {
      Block b;
      b.type = proto.type;
      b.labels = proto.labels;
      b.type_range = proto.type_range;
      b.label_ranges = proto.label_ranges;
      b.body = MembersBody(proto.type, v);
      b.range = RangeOf(proto.type_range.begin.offset, b.body.range.end.offset);
      out->push_back(std::move(b));
      return;
    }
    for (const json::Member& m : v.members()) {
      if (m.key == "//") continue;
      Block next;
      next.type = proto.type;
      next.labels = proto.labels;
      next.labels.push_back(m.key);
      next.label_ranges = proto.label_ranges;
      next.label_ranges.push_back(KeyRange(*m.value));
      next.type_range = next.label_ranges.back();  // the innermost key names the block
      AddBlocks(next, *m.value, labels - 1, out);
    }
  }

  std::string_view text_;
  const std::string* file_;
  const LineTable& lines_;
  const ParseOptions& options_;
};

// `e` as blocks with `labels` labels to read from object keys.
bool ExprBlocks(const Expr& e, const std::string& type, std::vector<std::string> labels,
                std::vector<Range> label_ranges, size_t left, std::vector<Block>* out, Error* err);

bool MemberBlocks(const Expr& e, const std::string& type, const std::vector<std::string>& labels,
                  const std::vector<Range>& label_ranges, size_t left, std::vector<Block>* out,
                  Error* err) {
  for (const ObjectMember& m : e.members) {
    const std::string* key = m.key->LiteralText();
    if (key == nullptr) {
      err->file = m.key->range.file != nullptr ? *m.key->range.file : "";
      err->pos = m.key->range.begin;
      err->message = "a block label is a plain string";
      return false;
    }
    if (*key == "//") continue;
    std::vector<std::string> l = labels;
    l.push_back(*key);
    std::vector<Range> r = label_ranges;
    r.push_back(m.key->range);
    if (!ExprBlocks(*m.value, type, std::move(l), std::move(r), left - 1, out, err)) return false;
  }
  return true;
}

bool ExprBlocks(const Expr& e, const std::string& type, std::vector<std::string> labels,
                std::vector<Range> label_ranges, size_t left, std::vector<Block>* out, Error* err) {
  if (e.kind == ExprKind::kTuple) {
    for (const ExprPtr& item : e.parts) {
      if (!ExprBlocks(*item, type, labels, label_ranges, left, out, err)) return false;
    }
    return true;
  }
  if (e.kind != ExprKind::kObject) {
    err->file = e.range.file != nullptr ? *e.range.file : "";
    err->pos = e.range.begin;
    err->message = "a `" + type + "` block is written as an object";
    return false;
  }
  if (left > 0) return MemberBlocks(e, type, labels, label_ranges, left, out, err);
  Block b;
  b.type = type;
  b.labels = std::move(labels);
  b.label_ranges = std::move(label_ranges);
  b.range = e.range;
  b.type_range = e.range;
  b.body.from_json = true;
  b.body.range = e.range;
  for (const ObjectMember& m : e.members) {
    const std::string* key = m.key->LiteralText();
    if (key != nullptr && *key == "//") continue;
    Attribute a;
    a.name = key != nullptr ? *key : std::string();
    a.name_range = m.key->range;
    a.range = Range{m.key->range.file, m.key->range.begin, m.value->range.end};
    a.expr = Clone(*m.value);
    b.body.attributes.push_back(std::move(a));
  }
  out->push_back(std::move(b));
  return true;
}

}  // namespace

bool ParseJsonConfig(std::string_view text, const std::string& file_name, File* out, Error* err,
                     bool tfvars, const ParseOptions& options) {
  auto name = std::make_shared<const std::string>(file_name);
  json::ParseOptions json_options;
  json_options.max_depth = options.max_depth;
  json::Document doc;
  json::ParseError json_err;
  if (!json::Parse(text, &doc, &json_err, json_options)) {
    err->file = file_name;
    err->pos = Pos{json_err.offset, json_err.line, json_err.column};
    err->message = "invalid JSON: " + json_err.message;
    return false;
  }
  const LineTable lines(text);
  Converter converter(text, name.get(), lines, options);
  try {
    out->body = converter.Root(doc.root(), tfvars);
  } catch (const JsonFailure& f) {
    *err = f.error;
    return false;
  }
  out->name = std::move(name);
  out->json = true;
  return true;
}

bool JsonBlocks(const Attribute& attribute, size_t label_count, std::vector<Block>* out,
                Error* err) {
  return ExprBlocks(*attribute.expr, attribute.name, {}, {}, label_count, out, err);
}

}  // namespace iamlint::hcl
