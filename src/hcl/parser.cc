// Recursive-descent parser of the HCL native syntax (hcl.h), over the tokens of lexer.h.
//
// Newlines end attributes and blocks and separate object members, but are ignored inside
// parentheses, brackets, function calls, `for` expressions and template sequences, as in HCL;
// elsewhere a newline inside an expression (after a binary operator, around a conditional's
// `?` / `:`) is an error, as it is in HCL. A block's body is a multi-line one (its `{` ends
// its line, its `}` is on a line of its own) or a single-line one (`b { x = 1 }`, `b {}`). Every
// recursion passes through a depth guard, and operator and traversal chains count towards
// the same depth, so no tree is deeper than ParseOptions::max_depth (its destruction and its
// later evaluation are bounded too). The first error ends the parse.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hcl/hcl.h"
#include "hcl/internal.h"
#include "hcl/lexer.h"

namespace iamlint::hcl {
namespace internal {

LineTable::LineTable(std::string_view text) {
  starts_.push_back(0);
  for (size_t p = text.find('\n'); p != std::string_view::npos; p = text.find('\n', p + 1)) {
    starts_.push_back(p + 1);
  }
}

Pos LineTable::At(size_t offset) const {
  // The line found last, or the one after it; else a binary search.
  for (size_t i = last_; i < last_ + 2 && i < starts_.size(); ++i) {
    if (starts_[i] <= offset && (i + 1 == starts_.size() || offset < starts_[i + 1])) {
      last_ = i;
      return Pos{offset, i + 1, offset - starts_[i] + 1};
    }
  }
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  last_ = static_cast<size_t>(it - starts_.begin()) - 1;  // starts_[0] == 0 <= offset
  return Pos{offset, last_ + 1, offset - starts_[last_] + 1};
}

Error MakeError(const std::string* file, const LineTable& lines, size_t offset,
                std::string message) {
  Error e;
  e.file = file != nullptr ? *file : std::string();
  e.pos = lines.At(offset);
  e.message = std::move(message);
  return e;
}

void SetRanges(Expr* e, const Range& range) {
  if (e == nullptr) return;
  e->range = range;
  for (Expr* child : {e->source.get(), e->cond.get(), e->lhs.get(), e->rhs.get()}) {
    SetRanges(child, range);
  }
  for (auto& p : e->parts) SetRanges(p.get(), range);
  for (auto& m : e->members) {
    SetRanges(m.key.get(), range);
    SetRanges(m.value.get(), range);
  }
}

}  // namespace internal

namespace {

using internal::LineTable;

struct Failure {
  size_t offset;
  std::string message;
};

int Precedence(Tok t) {
  switch (t) {
    case Tok::kOr:
      return 1;
    case Tok::kAnd:
      return 2;
    case Tok::kEqEq:
    case Tok::kNotEq:
      return 3;
    case Tok::kLess:
    case Tok::kLessEq:
    case Tok::kGreater:
    case Tok::kGreaterEq:
      return 4;
    case Tok::kPlus:
    case Tok::kMinus:
      return 5;
    case Tok::kStar:
    case Tok::kSlash:
    case Tok::kPercent:
      return 6;
    default:
      return 0;
  }
}

Op BinaryOp(Tok t) {
  switch (t) {
    case Tok::kOr:
      return Op::kOr;
    case Tok::kAnd:
      return Op::kAnd;
    case Tok::kEqEq:
      return Op::kEqual;
    case Tok::kNotEq:
      return Op::kNotEqual;
    case Tok::kLess:
      return Op::kLess;
    case Tok::kLessEq:
      return Op::kLessEqual;
    case Tok::kGreater:
      return Op::kGreater;
    case Tok::kGreaterEq:
      return Op::kGreaterEqual;
    case Tok::kPlus:
      return Op::kAdd;
    case Tok::kMinus:
      return Op::kSubtract;
    case Tok::kStar:
      return Op::kMultiply;
    case Tok::kSlash:
      return Op::kDivide;
    case Tok::kPercent:
      return Op::kModulo;
    default:
      return Op::kNone;
  }
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code point of the UTF-8 sequence at s[i] (valid: the text was checked), its length in
// *len.
uint32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  if (i + n > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  *len = n;
  return cp;
}

// White space as HCL trims it (Go's unicode.IsSpace): ASCII blanks and line breaks, NEL,
// no-break space and the other Unicode White_Space characters.
bool IsSpaceCode(uint32_t cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

// Length of the white space character at s[i], 0 if there is none.
size_t SpaceAt(std::string_view s, size_t i) {
  size_t len = 0;
  return i < s.size() && IsSpaceCode(DecodeAt(s, i, &len)) ? len : 0;
}

// Combining marks and joiners: they belong to the character before them (one grapheme).
bool IsExtendCode(uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
         (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
         (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200c ||
         cp == 0x200d;
}

// Bytes of the white space at the start of s.
size_t LeadingSpace(std::string_view s) {
  size_t n = 0;
  while (size_t len = SpaceAt(s, n)) n += len;
  return n;
}

void TrimLeftSpace(std::string* s) { s->erase(0, LeadingSpace(*s)); }

void TrimRightSpace(std::string* s) {
  size_t end = s->size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>((*s)[start]) & 0xc0) == 0x80) --start;
    size_t len = 0;
    if (!IsSpaceCode(DecodeAt(*s, start, &len)) || start + len != end) break;
    end = start;
  }
  s->resize(end);
}

// The byte length of the first `count` characters of s (`count` 0: of all the characters that
// start before byte `limit`), characters counted as HCL counts a heredoc's indentation
// (grapheme clusters: `\r\n` is one, a combining mark joins the one before); their number
// in *counted.
size_t Graphemes(std::string_view s, size_t count, size_t limit, size_t* counted) {
  size_t i = 0;
  size_t n = 0;
  while (i < limit && i < s.size() && (count == 0 || n < count)) {
    size_t len = 0;
    DecodeAt(s, i, &len);
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') len = 2;
    i += len;
    while (i < s.size()) {
      const uint32_t cp = DecodeAt(s, i, &len);
      if (!IsExtendCode(cp)) break;
      i += len;
    }
    ++n;
  }
  if (counted != nullptr) *counted = n;
  return i;
}

// One piece of a template before directives are nested: literal text, an interpolation, or a
// directive (`%{if c}`, `%{else}`, `%{endif}`, `%{for k, v in c}`, `%{endfor}`).
struct RawPart {
  enum Kind { kLit, kInterp, kIf, kElse, kEndIf, kFor, kEndFor } kind = kLit;
  std::string text;  // kLit: decoded text
  Range range;
  bool strip_before = false;
  bool strip_after = false;
  ExprPtr expr;                // kInterp: the expression; kIf: the condition; kFor: the collection
  std::string key_name, name;  // kFor
};

class Parser {
 public:
  Parser(std::string_view text, size_t begin, size_t end, Lexer::Start start,
         const std::string* file, const LineTable& lines, const ParseOptions& options)
      : text_(text),
        lexer_(text, begin, end, start),
        file_(file),
        lines_(lines),
        options_(options),
        begin_(begin),
        end_(end) {}

  Body ParseFileBody() {
    Body body = ParseBody(Tok::kEof);
    body.range = RangeOf(begin_, end_);
    return body;
  }

  ExprPtr ParseLoneExpression() {
    ignore_newlines_ = true;
    ExprPtr e = ParseExpression();
    Expect(Tok::kEof, "end of the expression");
    return e;
  }

  ExprPtr ParseBareTemplate() {
    std::vector<RawPart> parts = CollectParts(Tok::kEof, false);
    return BuildTemplate(&parts, RangeOf(begin_, end_));
  }

 private:
  // --- tokens --------------------------------------------------------------------------

  [[noreturn]] void FailAt(size_t offset, std::string message) {
    throw Failure{offset, std::move(message)};
  }

  std::string Describe(const Token& t) const {
    if (t.kind == Tok::kIdent || t.kind == Tok::kNumber) {
      std::string_view s = text_.substr(t.begin, std::min<size_t>(t.end - t.begin, 40));
      return "`" + std::string(s) + "`";
    }
    return TokName(t.kind);
  }

  [[noreturn]] void Unexpected(const Token& t, const std::string& expected) {
    FailAt(t.begin, "expected " + expected + ", found " + Describe(t));
  }

  void Fetch() {
    Token t = lexer_.Next();
    if (t.kind == Tok::kError) FailAt(lexer_.error_offset(), lexer_.error_message());
    buf_.push_back(t);
  }

  // The n-th token from here (newlines skipped where they are ignored).
  Token Peek(size_t n = 0) {
    size_t seen = 0;
    for (size_t i = head_;; ++i) {
      while (i >= buf_.size()) Fetch();
      const Token& t = buf_[i];
      if (t.kind == Tok::kNewline && ignore_newlines_) continue;
      if (seen == n || t.kind == Tok::kEof) return t;
      ++seen;
    }
  }

  Token Take() {
    Token t = Peek();
    while (buf_[head_].kind != t.kind || buf_[head_].begin != t.begin) ++head_;
    if (t.kind != Tok::kEof) ++head_;
    if (head_ > 4096 && head_ * 2 > buf_.size()) {
      buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return t;
  }

  Token Expect(Tok kind, const std::string& what) {
    Token t = Peek();
    if (t.kind != kind) Unexpected(t, what);
    return Take();
  }

  bool PeekIs(Tok kind, size_t n = 0) { return Peek(n).kind == kind; }
  bool PeekKeyword(std::string_view word, size_t n = 0) {
    const Token t = Peek(n);
    return t.kind == Tok::kIdent && TextOf(t) == word;
  }
  std::string_view TextOf(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }

  void SkipNewlines() {
    while (!ignore_newlines_ && PeekIs(Tok::kNewline)) Take();
  }

  Range RangeOf(size_t begin, size_t end) const {
    return Range{file_, lines_.At(begin), lines_.At(end)};
  }

  // Newlines ignored (or not) for the life of the scope.
  class NewlineScope {
   public:
    NewlineScope(Parser* p, bool ignore) : p_(p), saved_(p->ignore_newlines_) {
      p->ignore_newlines_ = ignore;
    }
    ~NewlineScope() { p_->ignore_newlines_ = saved_; }
    NewlineScope(const NewlineScope&) = delete;
    NewlineScope& operator=(const NewlineScope&) = delete;

   private:
    Parser* p_;
    bool saved_;
  };

  void Deeper(size_t offset, size_t levels = 1) {
    depth_ += levels;
    if (depth_ > options_.max_depth) {
      FailAt(offset, "nested too deeply: more than " + std::to_string(options_.max_depth) +
                         " levels of brackets, blocks, templates or operators");
    }
  }

  // One level deeper for the life of the scope.
  class DepthGuard {
   public:
    DepthGuard(Parser* p, size_t offset) : p_(p) { p->Deeper(offset); }
    ~DepthGuard() { --p_->depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser* p_;
  };

  // `end` 0: not known yet (set by the caller).
  ExprPtr NewExpr(ExprKind kind, size_t begin, size_t end) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->range = RangeOf(begin, std::max(begin, end));
    return e;
  }

  // --- bodies ----------------------------------------------------------------------------

  // The items of a file or of a multi-line block body, up to `closer` (not consumed). Each
  // item ends its line: a newline (or the end of the file) must follow it.
  Body ParseBody(Tok closer) {
    Body body;
    std::unordered_map<std::string_view, size_t> seen;  // attribute name -> its offset
    for (;;) {
      const Token t = Peek();
      if (t.kind == Tok::kNewline) {
        Take();
        continue;
      }
      if (t.kind == closer) break;
      if (t.kind != Tok::kIdent) {
        Unexpected(
            t, closer == Tok::kRBrace ? "an attribute, a block or `}`" : "an attribute or a block");
      }
      const bool attribute = ParseItem(&body, &seen);
      const Token after = Peek();
      if (after.kind == Tok::kNewline) {
        Take();
      } else if (after.kind != Tok::kEof) {
        MissingNewline(after,
                       attribute ? "attribute `" + body.attributes.back().name + "`"
                                 : "block `" + body.blocks.back().type + "`",
                       closer == Tok::kRBrace);
      }
    }
    return body;
  }

  [[noreturn]] void MissingNewline(const Token& after, const std::string& item, bool in_block) {
    std::string hint;
    if (after.kind == Tok::kRBrace && in_block) {
      hint = " (the `}` closing a block goes on a line of its own)";
    } else if (after.kind == Tok::kComma) {
      hint = " (attributes and blocks are separated by newlines, not commas)";
    }
    FailAt(after.begin, "expected a newline after the " + item + ", found " + Describe(after) +
                            ": an attribute or a block ends its line" + hint);
  }

  // An attribute (true) or a block.
  bool ParseItem(Body* body, std::unordered_map<std::string_view, size_t>* seen) {
    const Token name = Take();
    const Token next = Peek();
    if (next.kind == Tok::kEqual) {
      AddAttribute(body, seen, name);
      return true;
    }
    if (next.kind == Tok::kIdent || next.kind == Tok::kOQuote || next.kind == Tok::kLBrace) {
      body->blocks.push_back(ParseBlock(name));
      return false;
    }
    Unexpected(next, "`=` (an attribute) or a label or `{` (a block) after `" +
                         std::string(TextOf(name)) + "`");
  }

  void AddAttribute(Body* body, std::unordered_map<std::string_view, size_t>* seen,
                    const Token& name) {
    const auto [it, fresh] = seen->emplace(TextOf(name), name.begin);
    if (!fresh) {
      FailAt(name.begin, "attribute `" + std::string(TextOf(name)) + "` is already set at line " +
                             std::to_string(lines_.At(it->second).line));
    }
    body->attributes.push_back(ParseAttribute(name));
  }

  Attribute ParseAttribute(const Token& name) {
    Take();  // =
    Attribute a;
    a.name = std::string(TextOf(name));
    a.name_range = RangeOf(name.begin, name.end);
    a.expr = ParseExpression();
    a.range = RangeOf(name.begin, a.expr->range.end.offset);
    return a;
  }

  Block ParseBlock(const Token& type) {
    Block b;
    b.type = std::string(TextOf(type));
    b.type_range = RangeOf(type.begin, type.end);
    for (;;) {
      const Token t = Peek();
      if (t.kind == Tok::kIdent) {
        Take();
        b.labels.emplace_back(TextOf(t));
        b.label_ranges.push_back(RangeOf(t.begin, t.end));
      } else if (t.kind == Tok::kOQuote) {
        size_t end = 0;
        b.labels.push_back(ParseLabel(&end));
        b.label_ranges.push_back(RangeOf(t.begin, end));
      } else {
        break;
      }
    }
    const Token open = Expect(Tok::kLBrace, "`{` opening the block");
    DepthGuard guard(this, open.begin);
    const Tok first = Peek().kind;
    if (first == Tok::kNewline || first == Tok::kEof || first == Tok::kRBrace) {
      b.body = ParseBody(Tok::kRBrace);
    } else {
      b.body = ParseSingleLineBody();
    }
    const Token close = Expect(Tok::kRBrace, "`}` closing the block");
    b.body.range = RangeOf(open.begin, close.end);
    b.range = RangeOf(type.begin, close.end);
    return b;
  }

  // `name { attr = value }` on one line: one attribute, then the `}` on the same line (as in
  // HCL: a block whose `{` is followed by anything but a newline or `}`).
  Body ParseSingleLineBody() {
    Body body;
    const Token name = Peek();
    if (name.kind != Tok::kIdent || !PeekIs(Tok::kEqual, 1)) {
      FailAt(name.begin,
             "expected an attribute (`name = value`) after `{`: a block that does not end its "
             "first line after `{` is a single-line block, which holds one attribute only (put a "
             "nested block, or more than one attribute, on lines of their own)");
    }
    Take();
    std::unordered_map<std::string_view, size_t> seen;
    AddAttribute(&body, &seen, name);
    const Token after = Peek();
    if (after.kind == Tok::kRBrace) return body;
    const std::string found = ", found " + Describe(after);
    if (after.kind == Tok::kNewline) {
      FailAt(after.begin, "expected `}` after the attribute `" + body.attributes.back().name + "`" +
                              found +
                              ": an attribute on the line of its block's `{` makes a single-line "
                              "block, which closes on that line (or move the attribute to a "
                              "line of its own)");
    }
    FailAt(after.begin, "expected `}` after the attribute `" + body.attributes.back().name + "`" +
                            found +
                            ": a single-line block holds one attribute only (write more on "
                            "lines of their own, one per line)");
  }

  // A quoted block label: literal text only.
  std::string ParseLabel(size_t* end) {
    Take();  // "
    std::string label;
    for (;;) {
      const Token t = Take();
      if (t.kind == Tok::kCQuote) {
        *end = t.end;
        return label;
      }
      if (t.kind != Tok::kTemplateLit) {
        FailAt(t.begin, "a block label is a plain string: it cannot hold `${` or `%{`");
      }
      label += DecodeQuoted(t);
    }
  }

  // --- expressions -----------------------------------------------------------------------

  ExprPtr ParseExpression() {
    DepthGuard guard(this, Peek().begin);
    ExprPtr cond = ParseBinary(1);
    if (!PeekIs(Tok::kQuestion)) return cond;
    Take();
    ExprPtr e = NewExpr(ExprKind::kConditional, cond->range.begin.offset, 0);
    e->cond = std::move(cond);
    e->lhs = ParseExpression();
    Expect(Tok::kColon, "`:` of the conditional `? :`");
    e->rhs = ParseExpression();
    e->range.end = e->rhs->range.end;
    return e;
  }

  ExprPtr ParseBinary(int min_precedence) {
    ExprPtr lhs = ParseUnary();
    size_t chain = 0;
    for (;;) {
      const Token t = Peek();
      const int precedence = Precedence(t.kind);
      if (precedence == 0 || precedence < min_precedence) break;
      Take();
      Deeper(t.begin);
      ++chain;
      ExprPtr e = NewExpr(ExprKind::kBinary, lhs->range.begin.offset, 0);
      e->op = BinaryOp(t.kind);
      e->lhs = std::move(lhs);
      e->rhs = ParseBinary(precedence + 1);
      e->range.end = e->rhs->range.end;
      lhs = std::move(e);
    }
    depth_ -= chain;
    return lhs;
  }

  ExprPtr ParseUnary() {
    const Token t = Peek();
    if (t.kind != Tok::kBang && t.kind != Tok::kMinus) return ParsePostfix(ParsePrimary());
    Take();
    DepthGuard guard(this, t.begin);
    ExprPtr e = NewExpr(ExprKind::kUnary, t.begin, 0);
    e->op = t.kind == Tok::kBang ? Op::kNot : Op::kNegate;
    e->lhs = ParseUnary();
    e->range.end = e->lhs->range.end;
    return e;
  }

  // Attribute access, indexing and splats after a primary expression.
  ExprPtr ParsePostfix(ExprPtr e) {
    size_t chain = 0;
    for (;;) {
      const Token t = Peek();
      ExprPtr next;
      if (t.kind == Tok::kDot && PeekIs(Tok::kStar, 1)) {
        Take();
        next = ParseSplat(std::move(e), true, Take());
      } else if (t.kind == Tok::kLBrack && PeekIs(Tok::kStar, 1) && PeekIs(Tok::kRBrack, 2)) {
        Take();
        Take();
        next = ParseSplat(std::move(e), false, Take());
      } else if (t.kind == Tok::kDot || t.kind == Tok::kLBrack) {
        next = ParseTraversalStep(std::move(e));
      } else {
        break;
      }
      Deeper(t.begin);
      ++chain;
      e = std::move(next);
    }
    depth_ -= chain;
    return e;
  }

  // One `.name`, `.0` or `[expr]` applied to `e`.
  ExprPtr ParseTraversalStep(ExprPtr e) {
    const Token t = Take();
    const size_t begin = e->range.begin.offset;
    if (t.kind == Tok::kLBrack) {
      NewlineScope scope(this, true);
      ExprPtr index = ParseExpression();
      const Token close = Expect(Tok::kRBrack, "`]` closing the index");
      ExprPtr x = NewExpr(ExprKind::kIndex, begin, close.end);
      x->source = std::move(e);
      x->rhs = std::move(index);
      return x;
    }
    const Token name = Take();
    if (name.kind == Tok::kIdent) {
      ExprPtr x = NewExpr(ExprKind::kGetAttr, begin, name.end);
      x->text = std::string(TextOf(name));
      x->source = std::move(e);
      return x;
    }
    if (name.kind != Tok::kNumber) Unexpected(name, "an attribute name after `.`");
    return LegacyIndex(std::move(e), name);
  }

  // `.0`: a whole number after a dot (`.0.1`, scanned as the number `0.1`, is not one).
  ExprPtr LegacyIndex(ExprPtr e, const Token& number) {
    const std::string_view digits = TextOf(number);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) {
      FailAt(number.begin,
             "invalid legacy index: only a whole number may follow `.` (write indexes in "
             "brackets, as in `[0][1]`)");
    }
    ExprPtr x = NewExpr(ExprKind::kIndex, e->range.begin.offset, number.end);
    x->legacy = true;
    x->rhs = NewExpr(ExprKind::kLiteral, number.begin, number.end);
    x->rhs->literal = LiteralKind::kNumber;
    x->rhs->text = std::string(digits);
    x->source = std::move(e);
    return x;
  }

  // `[*]` (every following traversal step applies to each element) or `.*` (only the
  // following attribute steps do).
  ExprPtr ParseSplat(ExprPtr source, bool attributes_only, const Token& last) {
    ExprPtr each = NewExpr(ExprKind::kSplatItem, last.begin, last.end);
    size_t chain = 0;
    for (;;) {
      const Token t = Peek();
      const bool attribute = t.kind == Tok::kDot && !PeekIs(Tok::kStar, 1);
      const bool index = !attributes_only && t.kind == Tok::kLBrack &&
                         !(PeekIs(Tok::kStar, 1) && PeekIs(Tok::kRBrack, 2));
      if (!attribute && !index) break;
      Deeper(t.begin);
      ++chain;
      each = ParseTraversalStep(std::move(each));
    }
    depth_ -= chain;
    ExprPtr e = NewExpr(ExprKind::kSplat, source->range.begin.offset,
                        std::max(each->range.end.offset, last.end));
    e->legacy = attributes_only;
    e->source = std::move(source);
    e->rhs = std::move(each);
    return e;
  }

  ExprPtr ParsePrimary() {
    const Token t = Peek();
    switch (t.kind) {
      case Tok::kNumber: {
        Take();
        ExprPtr e = NewExpr(ExprKind::kLiteral, t.begin, t.end);
        e->literal = LiteralKind::kNumber;
        e->text = std::string(TextOf(t));
        return e;
      }
      case Tok::kIdent:
        return ParseName();
      case Tok::kOQuote:
        return ParseQuoted();
      case Tok::kOHeredoc:
        return ParseHeredoc();
      case Tok::kLParen:
        return ParseParens();
      case Tok::kLBrack:
        return ParseTuple();
      case Tok::kLBrace:
        return ParseObject();
      default:
        Unexpected(t, "an expression");
    }
  }

  ExprPtr ParseParens() {
    const Token open = Take();
    NewlineScope scope(this, true);
    ExprPtr inner = ParseExpression();
    const Token close = Expect(Tok::kRParen, "`)`");
    ExprPtr e = NewExpr(ExprKind::kParens, open.begin, close.end);
    e->lhs = std::move(inner);
    return e;
  }

  // A variable, a literal keyword, or a function call (`f(...)`, `provider::p::f(...)`).
  ExprPtr ParseName() {
    const Token t = Take();
    const std::string_view name = TextOf(t);
    if (name == "true" || name == "false" || name == "null") {
      ExprPtr e = NewExpr(ExprKind::kLiteral, t.begin, t.end);
      e->literal = name == "null" ? LiteralKind::kNull : LiteralKind::kBool;
      e->text = std::string(name);
      return e;
    }
    std::string full(name);
    if (PeekIs(Tok::kDoubleColon)) {
      while (PeekIs(Tok::kDoubleColon)) {
        Take();
        full += "::";
        full += TextOf(Expect(Tok::kIdent, "a name after `::`"));
      }
      if (!PeekIs(Tok::kLParen)) Unexpected(Peek(), "`(` calling the function " + full);
    }
    if (PeekIs(Tok::kLParen)) return ParseCall(t, std::move(full));
    ExprPtr e = NewExpr(ExprKind::kVariable, t.begin, t.end);
    e->text = std::move(full);
    return e;
  }

  ExprPtr ParseCall(const Token& name, std::string full) {
    Take();  // (
    NewlineScope scope(this, true);
    ExprPtr e = NewExpr(ExprKind::kCall, name.begin, 0);
    e->text = std::move(full);
    while (!PeekIs(Tok::kRParen)) {
      e->parts.push_back(ParseExpression());
      if (PeekIs(Tok::kEllipsis)) {
        Take();
        e->expand_final = true;
        break;
      }
      if (!PeekIs(Tok::kComma)) break;
      Take();
    }
    const Token close = Expect(Tok::kRParen, e->expand_final ? "`)` after the expanded argument"
                                                             : "`,` or `)` in the call");
    e->range.end = lines_.At(close.end);
    return e;
  }

  bool AtForKeyword() { return PeekKeyword("for") && PeekIs(Tok::kIdent, 1); }

  ExprPtr ParseTuple() {
    const Token open = Take();
    NewlineScope scope(this, true);
    if (AtForKeyword()) return ParseFor(open, false);
    ExprPtr e = NewExpr(ExprKind::kTuple, open.begin, 0);
    while (!PeekIs(Tok::kRBrack)) {
      e->parts.push_back(ParseExpression());
      if (!PeekIs(Tok::kComma)) break;
      Take();
    }
    const Token close = Expect(Tok::kRBrack, "`,` or `]` in the tuple");
    e->range.end = lines_.At(close.end);
    return e;
  }

  ExprPtr ParseObject() {
    const Token open = Take();
    {
      NewlineScope scope(this, true);
      if (AtForKeyword()) return ParseFor(open, true);
    }
    NewlineScope scope(this, false);
    ExprPtr e = NewExpr(ExprKind::kObject, open.begin, 0);
    for (;;) {
      SkipNewlines();
      if (PeekIs(Tok::kRBrace)) break;
      if (PeekIs(Tok::kEof)) Unexpected(Peek(), "`}` closing the object");
      e->members.push_back(ParseMember());
      const Token t = Peek();
      if (t.kind == Tok::kComma || t.kind == Tok::kNewline) {
        Take();
      } else if (t.kind != Tok::kRBrace) {
        Unexpected(t, "a comma or a newline after the object member");
      }
    }
    const Token close = Take();
    e->range.end = lines_.At(close.end);
    return e;
  }

  ObjectMember ParseMember() {
    ObjectMember m;
    const Token t = Peek();
    if (t.kind == Tok::kIdent && (PeekIs(Tok::kEqual, 1) || PeekIs(Tok::kColon, 1))) {
      Take();
      m.key = NewExpr(ExprKind::kLiteral, t.begin, t.end);
      m.key->literal = LiteralKind::kString;
      m.key->text = std::string(TextOf(t));
    } else {
      m.key = ParseExpression();
      m.forced = m.key->kind == ExprKind::kParens;
    }
    const Token sep = Peek();
    if (sep.kind != Tok::kEqual && sep.kind != Tok::kColon) {
      Unexpected(sep, "`=` or `:` after the object key");
    }
    Take();
    m.value = ParseExpression();
    return m;
  }

  // After `[` or `{`: for k, v in coll : [key =>] value [...] [if cond] ] or }.
  ExprPtr ParseFor(const Token& open, bool object) {
    Take();  // for
    ExprPtr e = NewExpr(ExprKind::kFor, open.begin, 0);
    e->object_for = object;
    const Token first = Expect(Tok::kIdent, "a variable name after `for`");
    e->text = std::string(TextOf(first));
    if (PeekIs(Tok::kComma)) {
      Take();
      e->key_name = std::move(e->text);
      e->text = std::string(TextOf(Expect(Tok::kIdent, "a variable name after `,`")));
    }
    if (!PeekKeyword("in")) Unexpected(Peek(), "`in` in the `for` expression");
    Take();
    e->source = ParseExpression();
    Expect(Tok::kColon, "`:` after the collection of the `for` expression");
    if (object) {
      e->lhs = ParseExpression();
      Expect(Tok::kFatArrow, "`=>` between the key and the value of the object `for`");
    }
    e->rhs = ParseExpression();
    if (object && PeekIs(Tok::kEllipsis)) {
      Take();
      e->grouping = true;
    }
    if (PeekKeyword("if")) {
      Take();
      e->cond = ParseExpression();
    }
    const Token close =
        Expect(object ? Tok::kRBrace : Tok::kRBrack,
               object ? "`}` closing the `for` expression" : "`]` closing the `for` expression");
    e->range.end = lines_.At(close.end);
    return e;
  }

  // --- templates ---------------------------------------------------------------------------

  ExprPtr ParseQuoted() {
    const Token open = Take();
    DepthGuard guard(this, open.begin);
    std::vector<RawPart> parts = CollectParts(Tok::kCQuote, true);
    return BuildTemplate(&parts, RangeOf(open.begin, last_end_));
  }

  ExprPtr ParseHeredoc() {
    const Token open = Take();
    DepthGuard guard(this, open.begin);
    std::vector<RawPart> parts = CollectParts(Tok::kCHeredoc, false);
    if (open.strip) StripIndent(&parts);
    return BuildTemplate(&parts, RangeOf(open.begin, last_end_));
  }

  // The parts up to (and including) the closer; last_end_ is where the closer ends. Strip
  // markers apply here, as HCL applies them: each `~` trims the white space of the one literal
  // token next to it, and a heredoc's or bare template's literal tokens are single lines.
  std::vector<RawPart> CollectParts(Tok closer, bool quoted) {
    std::vector<RawPart> parts;
    bool trim_next = false;  // the previous sequence ended with `~}`
    for (;;) {
      const Token t = Take();
      if (t.kind == closer) {
        last_end_ = t.end;
        return parts;
      }
      const bool trim = trim_next;
      trim_next = false;
      RawPart p;
      if (t.kind == Tok::kTemplateLit) {
        p.text = quoted ? DecodeQuoted(t) : DecodeRaw(t);
        if (trim) TrimLeftSpace(&p.text);
        p.range = RangeOf(t.begin, t.end);
        parts.push_back(std::move(p));
        continue;
      }
      if (t.kind == Tok::kTemplateInterp) {
        NewlineScope scope(this, true);
        p.kind = RawPart::kInterp;
        p.strip_before = t.strip;
        p.expr = ParseExpression();
        const Token end = Expect(Tok::kTemplateSeqEnd, "`}` closing the `${` sequence");
        p.strip_after = end.strip;
        p.range = RangeOf(t.begin, end.end);
      } else if (t.kind == Tok::kTemplateControl) {
        ParseDirective(t, &p);
      } else {
        Unexpected(t, "template text, `${` or `%{`");
      }
      if (p.strip_before && !parts.empty() && parts.back().kind == RawPart::kLit) {
        TrimRightSpace(&parts.back().text);
      }
      trim_next = p.strip_after;
      parts.push_back(std::move(p));
    }
  }

  void ParseDirective(const Token& open, RawPart* p) {
    NewlineScope scope(this, true);
    p->strip_before = open.strip;
    const Token word = Expect(Tok::kIdent, "`if`, `else`, `endif`, `for` or `endfor` after `%{`");
    const std::string_view w = TextOf(word);
    if (w == "if") {
      p->kind = RawPart::kIf;
      p->expr = ParseExpression();
    } else if (w == "else") {
      p->kind = RawPart::kElse;
    } else if (w == "endif") {
      p->kind = RawPart::kEndIf;
    } else if (w == "endfor") {
      p->kind = RawPart::kEndFor;
    } else if (w == "for") {
      p->kind = RawPart::kFor;
      p->name = std::string(TextOf(Expect(Tok::kIdent, "a variable name after `for`")));
      if (PeekIs(Tok::kComma)) {
        Take();
        p->key_name = std::move(p->name);
        p->name = std::string(TextOf(Expect(Tok::kIdent, "a variable name after `,`")));
      }
      if (!PeekKeyword("in")) Unexpected(Peek(), "`in` in the `%{for}` directive");
      Take();
      p->expr = ParseExpression();
    } else {
      Unexpected(word, "`if`, `else`, `endif`, `for` or `endfor` after `%{`");
    }
    const Token end = Expect(Tok::kTemplateSeqEnd, "`}` closing the `%{` directive");
    p->strip_after = end.strip;
    p->range = RangeOf(open.begin, end.end);
  }

  // Literal text of a heredoc or bare template: only `$${` and `%%{` are escapes.
  std::string DecodeRaw(const Token& t) const {
    const std::string_view raw = TextOf(t);
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      out.push_back(raw[i]);
      if ((raw[i] == '$' || raw[i] == '%') && i + 2 < raw.size() && raw[i + 1] == raw[i] &&
          raw[i + 2] == '{') {
        ++i;  // `$${` -> `${`
      }
    }
    return out;
  }

  // Literal text of a quoted string: backslash escapes, `$${` and `%%{`.
  std::string DecodeQuoted(const Token& t) {
    const std::string_view raw = TextOf(t);
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      const char c = raw[i];
      if (c != '\\') {
        out.push_back(c);
        if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
          ++i;
        }
        continue;
      }
      i = DecodeEscape(raw, i, t.begin, &out);
    }
    return out;
  }

  // The escape at raw[i] (a backslash); returns the index of its last byte.
  size_t DecodeEscape(std::string_view raw, size_t i, size_t base, std::string* out) {
    const char e = i + 1 < raw.size() ? raw[i + 1] : '\0';
    switch (e) {
      case 'n':
        out->push_back('\n');
        return i + 1;
      case 'r':
        out->push_back('\r');
        return i + 1;
      case 't':
        out->push_back('\t');
        return i + 1;
      case '"':
        out->push_back('"');
        return i + 1;
      case '\\':
        out->push_back('\\');
        return i + 1;
      case 'u':
      case 'U': {
        const size_t digits = e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t k = 0; k < digits; ++k) {
          const int h = i + 2 + k < raw.size() ? HexValue(raw[i + 2 + k]) : -1;
          if (h < 0) {
            FailAt(base + i, std::string("invalid escape: `\\") + e + "` takes " +
                                 std::to_string(digits) + " hexadecimal digits");
          }
          cp = cp * 16 + static_cast<uint32_t>(h);
        }
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          FailAt(base + i, "invalid escape: not a Unicode character");
        }
        AppendUtf8(out, cp);
        return i + 1 + digits;
      }
      default:
        FailAt(base + i, "invalid escape `\\" + std::string(e == '\0' ? "" : std::string(1, e)) +
                             "` (HCL knows \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN)");
    }
  }

  // `<<-`: removes from each line the indentation common to all lines, as HCL does, after the
  // strip markers: a line starts after a literal that ends with a newline; a line of white
  // space only (newline included) neither counts nor changes; a line starting with a `${` or
  // `%{` has no indentation; indentation is counted in characters (a tab is one).
  static void StripIndent(std::vector<RawPart>* parts) {
    size_t common = std::string::npos;
    std::vector<RawPart*> adjust;
    bool line_start = true;
    for (RawPart& p : *parts) {
      const bool is_lit = p.kind == RawPart::kLit;
      if (line_start) {
        line_start = false;
        if (!is_lit) {
          common = 0;
        } else {
          const size_t space = LeadingSpace(p.text);
          if (space < p.text.size() || p.text.empty() || p.text.back() != '\n') {
            size_t n = 0;
            Graphemes(p.text, 0, space, &n);
            common = std::min(common, n);
            adjust.push_back(&p);
          }
        }
      }
      if (is_lit && !p.text.empty() && p.text.back() == '\n') line_start = true;
    }
    if (common == std::string::npos || common == 0) return;
    for (RawPart* p : adjust) p->text.erase(0, Graphemes(p->text, common, p->text.size(), nullptr));
  }

  // Joins adjacent literal parts (a heredoc's lines, once stripped).
  static void MergeLiterals(std::vector<RawPart>* parts) {
    std::vector<RawPart>& ps = *parts;
    size_t out = 0;
    for (size_t i = 0; i < ps.size(); ++i) {
      if (out > 0 && ps[i].kind == RawPart::kLit && ps[out - 1].kind == RawPart::kLit) {
        ps[out - 1].text += ps[i].text;
        ps[out - 1].range.end = ps[i].range.end;
        continue;
      }
      if (out != i) ps[out] = std::move(ps[i]);
      ++out;
    }
    ps.resize(out);
  }

  // Nests directives (the strip markers are applied already).
  ExprPtr BuildTemplate(std::vector<RawPart>* parts, const Range& range) {
    MergeLiterals(parts);
    const std::vector<RawPart>& ps = *parts;
    size_t i = 0;
    ExprPtr t = BuildSequence(parts, &i, range, 0);
    if (i < ps.size()) FailAt(ps[i].range.begin.offset, UnexpectedDirective(ps[i].kind));
    return t;
  }

  static std::string UnexpectedDirective(RawPart::Kind k) {
    const char* name = k == RawPart::kElse    ? "%{else}"
                       : k == RawPart::kEndIf ? "%{endif}"
                                              : "%{endfor}";
    return std::string(name) + " without a matching " +
           (k == RawPart::kEndFor ? "%{for}" : "%{if}");
  }

  // Parts from *i to a directive in `stops` (a bit per RawPart::Kind), not consumed.
  ExprPtr BuildSequence(std::vector<RawPart>* parts, size_t* i, const Range& range,
                        unsigned stops) {
    ExprPtr t = std::make_unique<Expr>();
    t->kind = ExprKind::kTemplate;
    t->range = range;
    std::vector<RawPart>& ps = *parts;
    while (*i < ps.size()) {
      RawPart& p = ps[*i];
      if (p.kind == RawPart::kLit) {
        AppendLiteral(t.get(), &p);
        ++*i;
      } else if (p.kind == RawPart::kInterp) {
        t->parts.push_back(std::move(p.expr));
        ++*i;
      } else if (p.kind == RawPart::kIf || p.kind == RawPart::kFor) {
        t->parts.push_back(BuildDirective(parts, i));
      } else if ((stops & (1u << p.kind)) != 0) {
        break;
      } else {
        FailAt(p.range.begin.offset, UnexpectedDirective(p.kind));
      }
    }
    if (!t->parts.empty()) {
      t->range.end = t->parts.back()->range.end;
      if (stops == 0) t->range = range;
    }
    return t;
  }

  void AppendLiteral(Expr* t, RawPart* p) {
    if (p->text.empty()) return;
    if (!t->parts.empty() && t->parts.back()->IsLiteralString()) {
      Expr& last = *t->parts.back();
      last.text += p->text;
      last.range.end = p->range.end;
      return;
    }
    auto lit = std::make_unique<Expr>();
    lit->literal = LiteralKind::kString;
    lit->text = std::move(p->text);
    lit->range = p->range;
    t->parts.push_back(std::move(lit));
  }

  // %{if}...[%{else}...]%{endif} or %{for}...%{endfor} starting at *i.
  ExprPtr BuildDirective(std::vector<RawPart>* parts, size_t* i) {
    std::vector<RawPart>& ps = *parts;
    RawPart& open = ps[*i];
    DepthGuard guard(this, open.range.begin.offset);
    const bool is_if = open.kind == RawPart::kIf;
    auto d = std::make_unique<Expr>();
    d->kind = is_if ? ExprKind::kTemplateIf : ExprKind::kTemplateFor;
    d->range = open.range;
    (is_if ? d->cond : d->source) = std::move(open.expr);
    d->key_name = std::move(open.key_name);
    d->text = std::move(open.name);
    const size_t open_offset = open.range.begin.offset;
    ++*i;
    const unsigned stops =
        is_if ? (1u << RawPart::kElse) | (1u << RawPart::kEndIf) : (1u << RawPart::kEndFor);
    (is_if ? d->lhs : d->rhs) = BuildSequence(parts, i, open.range, stops);
    if (is_if && *i < ps.size() && ps[*i].kind == RawPart::kElse) {
      Range else_range = ps[*i].range;
      ++*i;
      d->rhs = BuildSequence(parts, i, else_range, 1u << RawPart::kEndIf);
    }
    const RawPart::Kind end = is_if ? RawPart::kEndIf : RawPart::kEndFor;
    if (*i >= ps.size() || ps[*i].kind != end) {
      FailAt(open_offset, is_if ? "this %{if} has no %{endif}" : "this %{for} has no %{endfor}");
    }
    d->range.end = ps[*i].range.end;
    ++*i;
    return d;
  }

  std::string_view text_;
  Lexer lexer_;
  const std::string* file_;
  const LineTable& lines_;
  const ParseOptions& options_;
  size_t begin_;
  size_t end_;
  std::vector<Token> buf_;
  size_t head_ = 0;
  bool ignore_newlines_ = false;
  size_t depth_ = 0;
  size_t last_end_ = 0;
};

// Checks the encoding, skips a byte-order mark; false with `err` set on invalid UTF-8.
bool Prepare(std::string_view text, const std::string* file, const LineTable& lines, size_t* begin,
             Error* err) {
  const size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    *err = internal::MakeError(file, lines, bad, "invalid UTF-8: the text must be UTF-8 encoded");
    return false;
  }
  *begin = text.substr(0, 3) == "\xef\xbb\xbf" ? 3 : 0;
  return true;
}

template <class F>
bool Guard(const std::string* file, const LineTable& lines, Error* err, F&& work) {
  try {
    work();
    return true;
  } catch (const Failure& f) {
    *err = internal::MakeError(file, lines, f.offset, f.message);
    return false;
  }
}

bool ParseStandalone(std::string_view text, const std::string& file_name, ParsedExpr* out,
                     Error* err, const ParseOptions& options, Lexer::Start start) {
  auto name = std::make_shared<const std::string>(file_name);
  LineTable lines(text);
  size_t begin = 0;
  if (!Prepare(text, name.get(), lines, &begin, err)) return false;
  ExprPtr e;
  if (!Guard(name.get(), lines, err, [&] {
        Parser p(text, begin, text.size(), start, name.get(), lines, options);
        e = start == Lexer::Start::kTemplate ? p.ParseBareTemplate() : p.ParseLoneExpression();
      })) {
    return false;
  }
  out->name = std::move(name);
  out->expr = std::move(e);
  return true;
}

}  // namespace

namespace internal {

bool ParseTemplateRange(std::string_view text, size_t begin, size_t end, const std::string* file,
                        const LineTable& lines, const ParseOptions& options, ExprPtr* out,
                        Error* err) {
  return Guard(file, lines, err, [&] {
    Parser p(text, begin, end, Lexer::Start::kTemplate, file, lines, options);
    *out = p.ParseBareTemplate();
  });
}

}  // namespace internal

bool ParseConfig(std::string_view text, const std::string& file_name, File* out, Error* err,
                 const ParseOptions& options) {
  auto name = std::make_shared<const std::string>(file_name);
  LineTable lines(text);
  size_t begin = 0;
  if (!Prepare(text, name.get(), lines, &begin, err)) return false;
  Body body;
  if (!Guard(name.get(), lines, err, [&] {
        Parser p(text, begin, text.size(), Lexer::Start::kExpression, name.get(), lines, options);
        body = p.ParseFileBody();
      })) {
    return false;
  }
  out->name = std::move(name);
  out->body = std::move(body);
  out->json = false;
  return true;
}

bool ParseExpression(std::string_view text, const std::string& file_name, ParsedExpr* out,
                     Error* err, const ParseOptions& options) {
  return ParseStandalone(text, file_name, out, err, options, Lexer::Start::kExpression);
}

bool ParseTemplate(std::string_view text, const std::string& file_name, ParsedExpr* out, Error* err,
                   const ParseOptions& options) {
  return ParseStandalone(text, file_name, out, err, options, Lexer::Start::kTemplate);
}

bool ParseAny(std::string_view text, const std::string& file_name, File* out, Error* err,
              const ParseOptions& options) {
  const bool json =
      file_name.size() >= 5 && file_name.compare(file_name.size() - 5, 5, ".json") == 0;
  if (!json) return ParseConfig(text, file_name, out, err, options);
  const bool tfvars = file_name.find(".tfvars") != std::string::npos;
  return ParseJsonConfig(text, file_name, out, err, tfvars, options);
}

}  // namespace iamlint::hcl
