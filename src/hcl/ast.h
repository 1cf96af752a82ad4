// The syntax tree of an HCL configuration file (native syntax or Terraform's JSON syntax).
//
// A file is a Body of attributes (`name = expr`) and blocks (`type "label" label { body }`).
// Expressions are one node type, Expr, whose `kind` says which of its fields are used (listed
// on each kind below). Every node keeps its Range in the source: file, line, column (1-based,
// bytes) and byte offset of its first character and of the character after its last.
//
// Nothing is evaluated here: numbers keep their source text, templates keep their parts, and
// names are not resolved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::hcl {

/// A place in a source text.
struct Pos {
  size_t offset = 0;  // byte offset
  size_t line = 0;    // 1-based
  size_t column = 0;  // 1-based, in bytes
};

/// A stretch of a source text: [begin, end). `file` points at the owning File's name (valid
/// while that File lives); nullptr for nodes built by hand.
struct Range {
  const std::string* file = nullptr;
  Pos begin;
  Pos end;
};

enum class ExprKind : uint8_t {
  kLiteral,      // literal, text
  kTemplate,     // parts: literal strings, interpolated expressions, kTemplateIf, kTemplateFor
  kTemplateIf,   // cond; lhs: the template when true; rhs: when false (may be null)
  kTemplateFor,  // key_name (may be ""), name (value variable); source: collection; rhs: body
  kVariable,     // name: the root of a traversal (`var`, `local`, `aws_iam_role`, `each`)
  kGetAttr,      // source.name
  kIndex,        // source[rhs]; legacy `source.0` too (rhs a number literal, legacy = true)
  kSplat,        // source[*]<rhs> or source.*<rhs>: rhs is applied to each element (kSplatItem)
  kSplatItem,    // the element a kSplat's rhs starts from
  kCall,         // name (`jsonencode`, `provider::aws::arn_parse`); parts: args; expand_final
  kUnary,        // op; lhs
  kBinary,       // op; lhs, rhs
  kConditional,  // cond ? lhs : rhs
  kParens,       // (lhs)
  kTuple,        // [parts...]
  kObject,       // {members...}
  kFor,          // [for key_name, name in source : rhs if cond]; object form: lhs => rhs, grouping
};

enum class LiteralKind : uint8_t { kNull, kBool, kNumber, kString };

enum class Op : uint8_t {
  kNone,
  kNot,
  kNegate,
  kOr,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
};

/// The operator as written (`"&&"`, `"!"`).
const char* OpText(Op op);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// One `key = value` (or `key : value`) of an object constructor.
struct ObjectMember {
  /// The key: a kLiteral string for a bare identifier (`name = ...`), else any expression
  /// (a quoted template, or a parenthesised expression when `forced`).
  ExprPtr key;
  ExprPtr value;
  bool forced = false;  // key written `(expr) = ...`: always evaluated, never a literal name
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Range range;

  LiteralKind literal = LiteralKind::kNull;  // kLiteral
  Op op = Op::kNone;                         // kUnary, kBinary
  /// kLiteral: "true"/"false" for booleans, the source text of a number (`1e400` stays as
  /// written), the decoded value of a string. kVariable, kGetAttr, kCall: the name.
  /// kFor, kTemplateFor: the value variable.
  std::string text;
  std::string key_name;  // kFor, kTemplateFor: the key variable, "" when only one is named

  bool expand_final = false;  // kCall: the last argument is followed by `...`
  bool grouping = false;      // kFor (object form): the value is followed by `...`
  bool legacy = false;        // kIndex written `.0`; kSplat written `.*`
  bool object_for = false;    // kFor: `{for ...}` (lhs is the key) rather than `[for ...]`

  ExprPtr source;  // kGetAttr, kIndex, kSplat, kFor, kTemplateFor
  ExprPtr cond;    // kConditional, kTemplateIf, kFor (the `if` clause, may be null)
  ExprPtr lhs;
  ExprPtr rhs;
  std::vector<ExprPtr> parts;         // kTemplate, kTuple, kCall
  std::vector<ObjectMember> members;  // kObject

  bool IsLiteralString() const {
    return kind == ExprKind::kLiteral && literal == LiteralKind::kString;
  }
  /// A template of exactly one interpolation (`"${x}"`): its value is x's, not a string.
  bool IsSingleInterpolation() const {
    return kind == ExprKind::kTemplate && parts.size() == 1 &&
           parts[0]->kind != ExprKind::kTemplateIf && parts[0]->kind != ExprKind::kTemplateFor &&
           !parts[0]->IsLiteralString();
  }
  /// For a template of literal text only (or a literal string): that text, else nullptr.
  const std::string* LiteralText() const;
};

struct Body;
struct Block;

/// `name = expr`.
struct Attribute {
  std::string name;
  Range name_range;
  Range range;  // from the name to the end of the expression
  ExprPtr expr;
};

/// The attributes and blocks of a file or of a block, each in source order.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  Range range;  // a block's braces (inclusive); the whole file for a file's body
  /// Read from Terraform's JSON syntax: an attribute whose value is an object or a tuple of
  /// objects may stand for nested blocks that only a schema tells apart (JsonBlocks()).
  bool from_json = false;

  /// The attribute called `name`, or nullptr.
  const Attribute* Find(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Range type_range;
  std::vector<Range> label_ranges;
  Range range;  // from the type to the closing brace
  Body body;
};

/// One parsed file.
struct File {
  std::shared_ptr<const std::string> name;  // ranges point here
  Body body;
  bool json = false;  // read from Terraform's JSON syntax
};

/// A located syntax error.
struct Error {
  std::string file;
  Pos pos;
  std::string message;
  /// "file:line:column: message".
  std::string ToString() const;
};

/// A deep copy.
ExprPtr Clone(const Expr& e);

/// A compact S-expression of an expression, for tests and debugging: `(+ 1 (* 2 3))`,
/// `(. var x)`, `(call f 1 ...)`, `"text"`, `(tpl "a" x)`, `(? c a b)`.
std::string Dump(const Expr& e);

}  // namespace iamlint::hcl
