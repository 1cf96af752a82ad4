// Small helpers of the HCL syntax tree (ast.h).
#include "hcl/ast.h"

#include "json/json.h"

namespace iamlint::hcl {

const char* OpText(Op op) {
  switch (op) {
    case Op::kNone:
      return "";
    case Op::kNot:
      return "!";
    case Op::kNegate:
      return "-";
    case Op::kOr:
      return "||";
    case Op::kAnd:
      return "&&";
    case Op::kEqual:
      return "==";
    case Op::kNotEqual:
      return "!=";
    case Op::kLess:
      return "<";
    case Op::kLessEqual:
      return "<=";
    case Op::kGreater:
      return ">";
    case Op::kGreaterEqual:
      return ">=";
    case Op::kAdd:
      return "+";
    case Op::kSubtract:
      return "-";
    case Op::kMultiply:
      return "*";
    case Op::kDivide:
      return "/";
    case Op::kModulo:
      return "%";
  }
  return "";
}

const std::string* Expr::LiteralText() const {
  static const std::string kEmpty;
  if (IsLiteralString()) return &text;
  if (kind != ExprKind::kTemplate) return nullptr;
  if (parts.empty()) return &kEmpty;
  return parts.size() == 1 && parts[0]->IsLiteralString() ? &parts[0]->text : nullptr;
}

const Attribute* Body::Find(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

ExprPtr Clone(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->range = e.range;
  c->literal = e.literal;
  c->op = e.op;
  c->text = e.text;
  c->key_name = e.key_name;
  c->expand_final = e.expand_final;
  c->grouping = e.grouping;
  c->legacy = e.legacy;
  c->object_for = e.object_for;
  if (e.source) c->source = Clone(*e.source);
  if (e.cond) c->cond = Clone(*e.cond);
  if (e.lhs) c->lhs = Clone(*e.lhs);
  if (e.rhs) c->rhs = Clone(*e.rhs);
  for (const ExprPtr& p : e.parts) c->parts.push_back(Clone(*p));
  for (const ObjectMember& m : e.members) {
    c->members.push_back(ObjectMember{Clone(*m.key), Clone(*m.value), m.forced});
  }
  return c;
}

std::string Error::ToString() const {
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
}

namespace {

void DumpTo(const Expr& e, std::string* out);

void DumpList(const char* head, const std::vector<ExprPtr>& items, std::string* out) {
  *out += head;
  for (const auto& item : items) {
    *out += ' ';
    DumpTo(*item, out);
  }
}

void DumpFor(const Expr& e, std::string* out) {
  *out += "(for ";
  if (!e.key_name.empty()) *out += e.key_name + " ";
  *out += e.text + " in ";
  DumpTo(*e.source, out);
  *out += " : ";
  if (e.lhs) {
    DumpTo(*e.lhs, out);
    *out += " => ";
  }
  DumpTo(*e.rhs, out);
  if (e.grouping) *out += " ...";
  if (e.cond) {
    *out += " if ";
    DumpTo(*e.cond, out);
  }
  *out += e.object_for ? " }" : " ]";
  *out += ')';
}

void DumpTemplateDirective(const Expr& e, std::string* out) {
  if (e.kind == ExprKind::kTemplateIf) {
    *out += "(%if ";
    DumpTo(*e.cond, out);
    *out += ' ';
    DumpTo(*e.lhs, out);
    if (e.rhs) {
      *out += ' ';
      DumpTo(*e.rhs, out);
    }
  } else {
    *out += "(%for ";
    if (!e.key_name.empty()) *out += e.key_name + " ";
    *out += e.text + " in ";
    DumpTo(*e.source, out);
    *out += ' ';
    DumpTo(*e.rhs, out);
  }
  *out += ')';
}

void DumpLiteral(const Expr& e, std::string* out) {
  if (e.literal == LiteralKind::kString) {
    json::AppendQuoted(out, e.text);
  } else {
    *out += e.text;
  }
}

void DumpObject(const Expr& e, std::string* out) {
  *out += '{';
  bool first = true;
  for (const ObjectMember& m : e.members) {
    if (!first) *out += ' ';
    first = false;
    DumpTo(*m.key, out);
    *out += '=';
    DumpTo(*m.value, out);
  }
  *out += '}';
}

// The parenthesized forms of the expressions that are operations on subexpressions.
void DumpOperation(const Expr& e, std::string* out) {
  *out += '(';
  switch (e.kind) {
    case ExprKind::kGetAttr:
      *out += ". ";
      DumpTo(*e.source, out);
      *out += " " + e.text;
      break;
    case ExprKind::kIndex:
      *out += e.legacy ? ".[] " : "[] ";
      DumpTo(*e.source, out);
      *out += ' ';
      DumpTo(*e.rhs, out);
      break;
    case ExprKind::kSplat:
      *out += e.legacy ? ".* " : "[*] ";
      DumpTo(*e.source, out);
      *out += ' ';
      DumpTo(*e.rhs, out);
      break;
    case ExprKind::kUnary:
      *out += e.op == Op::kNot ? "! " : "neg ";
      DumpTo(*e.lhs, out);
      break;
    case ExprKind::kBinary:
      *out += std::string(OpText(e.op)) + " ";
      DumpTo(*e.lhs, out);
      *out += ' ';
      DumpTo(*e.rhs, out);
      break;
    case ExprKind::kConditional:
      *out += "? ";
      DumpTo(*e.cond, out);
      *out += ' ';
      DumpTo(*e.lhs, out);
      *out += ' ';
      DumpTo(*e.rhs, out);
      break;
    case ExprKind::kParens:
      *out += "paren ";
      DumpTo(*e.lhs, out);
      break;
    default:
      break;
  }
  *out += ')';
}

void DumpTo(const Expr& e, std::string* out) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      DumpLiteral(e, out);
      return;
    case ExprKind::kTemplate:
      DumpList("(tpl", e.parts, out);
      *out += ')';
      return;
    case ExprKind::kTemplateIf:
    case ExprKind::kTemplateFor:
      DumpTemplateDirective(e, out);
      return;
    case ExprKind::kVariable:
      *out += e.text;
      return;
    case ExprKind::kSplatItem:
      *out += '@';
      return;
    case ExprKind::kFor:
      DumpFor(e, out);
      return;
    case ExprKind::kObject:
      DumpObject(e, out);
      return;
    case ExprKind::kTuple:
      DumpList("[", e.parts, out);
      *out += " ]";
      return;
    case ExprKind::kCall:
      DumpList(("(call " + e.text).c_str(), e.parts, out);
      *out += e.expand_final ? " ...)" : ")";
      return;
    default:
      DumpOperation(e, out);
      return;
  }
}

}  // namespace

std::string Dump(const Expr& e) {
  std::string out;
  DumpTo(e, &out);
  return out;
}

}  // namespace iamlint::hcl
