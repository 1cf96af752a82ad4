// The modal HCL scanner (lexer.h).
#include "hcl/lexer.h"

#include <cstring>
#include <iterator>
#include <utility>

namespace iamlint::hcl {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "`x`" for a printable ASCII byte, else "byte 0xNN".
std::string DescribeByte(unsigned char c) {
  if (c > 0x20 && c < 0x7f) return std::string("`") + static_cast<char>(c) + "`";
  static const char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
}

struct OpToken {
  const char* text;
  Tok kind;
};

// Longest first where one operator starts another.
constexpr OpToken kOperators[] = {
    {"...", Tok::kEllipsis}, {"::", Tok::kDoubleColon}, {"==", Tok::kEqEq},
    {"=>", Tok::kFatArrow},  {"!=", Tok::kNotEq},       {"<=", Tok::kLessEq},
    {">=", Tok::kGreaterEq}, {"&&", Tok::kAnd},         {"||", Tok::kOr},
    {"[", Tok::kLBrack},     {"]", Tok::kRBrack},       {"(", Tok::kLParen},
    {")", Tok::kRParen},     {",", Tok::kComma},        {"?", Tok::kQuestion},
    {"+", Tok::kPlus},       {"-", Tok::kMinus},        {"*", Tok::kStar},
    {"/", Tok::kSlash},      {"%", Tok::kPercent},      {".", Tok::kDot},
    {":", Tok::kColon},      {"=", Tok::kEqual},        {"!", Tok::kBang},
    {"<", Tok::kLess},       {">", Tok::kGreater},
};

struct TokDescription {
  Tok kind;
  const char* name;
};

// Indexed by Tok (checked below).
constexpr TokDescription kTokNames[] = {
    {Tok::kEof, "end of file"},
    {Tok::kError, "an invalid token"},
    {Tok::kNewline, "a newline"},
    {Tok::kIdent, "a name"},
    {Tok::kNumber, "a number"},
    {Tok::kLBrace, "`{`"},
    {Tok::kRBrace, "`}`"},
    {Tok::kLBrack, "`[`"},
    {Tok::kRBrack, "`]`"},
    {Tok::kLParen, "`(`"},
    {Tok::kRParen, "`)`"},
    {Tok::kEqual, "`=`"},
    {Tok::kColon, "`:`"},
    {Tok::kDoubleColon, "`::`"},
    {Tok::kComma, "`,`"},
    {Tok::kDot, "`.`"},
    {Tok::kEllipsis, "`...`"},
    {Tok::kQuestion, "`?`"},
    {Tok::kBang, "`!`"},
    {Tok::kPlus, "`+`"},
    {Tok::kMinus, "`-`"},
    {Tok::kStar, "`*`"},
    {Tok::kSlash, "`/`"},
    {Tok::kPercent, "`%`"},
    {Tok::kEqEq, "`==`"},
    {Tok::kNotEq, "`!=`"},
    {Tok::kLess, "`<`"},
    {Tok::kLessEq, "`<=`"},
    {Tok::kGreater, "`>`"},
    {Tok::kGreaterEq, "`>=`"},
    {Tok::kAnd, "`&&`"},
    {Tok::kOr, "`||`"},
    {Tok::kFatArrow, "`=>`"},
    {Tok::kOQuote, "a string"},
    {Tok::kCQuote, "the end of a string"},
    {Tok::kOHeredoc, "a heredoc"},
    {Tok::kCHeredoc, "the end of a heredoc"},
    {Tok::kTemplateLit, "template text"},
    {Tok::kTemplateInterp, "`${`"},
    {Tok::kTemplateControl, "`%{`"},
    {Tok::kTemplateSeqEnd, "`}`"},
};

constexpr bool TokNamesInOrder() {
  for (size_t i = 0; i < std::size(kTokNames); ++i) {
    if (static_cast<size_t>(kTokNames[i].kind) != i) return false;
  }
  return true;
}
static_assert(TokNamesInOrder(), "kTokNames must list every Tok in declaration order");
static_assert(std::size(kTokNames) == static_cast<size_t>(Tok::kTemplateSeqEnd) + 1,
              "kTokNames must describe every Tok");

}  // namespace

const char* TokName(Tok t) {
  const auto i = static_cast<size_t>(t);
  return i < std::size(kTokNames) ? kTokNames[i].name : "a token";
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xbf;  // bounds of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      if (c == 0xe0) lo = 0xa0;  // no overlong forms
      if (c == 0xed) hi = 0x9f;  // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Lexer::Lexer(std::string_view text, size_t begin, size_t end, Start start)
    : text_(text), pos_(begin), end_(end) {
  stack_.push_back({start == Start::kTemplate ? Frame::kBare : Frame::kRoot});
}

Token Lexer::Make(Tok kind, size_t begin, bool strip) {
  Token t;
  t.kind = kind;
  t.strip = strip;
  t.begin = begin;
  t.end = pos_;
  return t;
}

Token Lexer::Fail(size_t offset, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_offset_ = offset;
    error_ = std::move(message);
  }
  Token t;
  t.kind = Tok::kError;
  t.begin = t.end = error_offset_;
  return t;
}

Token Lexer::Next() {
  if (failed_) return Fail(error_offset_, error_);
  switch (stack_.back().frame) {
    case Frame::kQuoted:
    case Frame::kHeredoc:
    case Frame::kBare:
      return NextTemplate();
    default:
      return NextExpression();
  }
}

// Skips blanks and comments (not newlines). False (and fails) on an unterminated comment.
bool Lexer::SkipSpaceAndComments() {
  while (pos_ < end_) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '#' || (c == '/' && At(pos_ + 1) == '/')) {
      const void* nl = std::memchr(text_.data() + pos_, '\n', end_ - pos_);
      pos_ =
          nl == nullptr ? end_ : static_cast<size_t>(static_cast<const char*>(nl) - text_.data());
    } else if (c == '/' && At(pos_ + 1) == '*') {
      const size_t close = text_.substr(0, end_).find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        Fail(pos_, "unterminated comment: this `/*` has no `*/`");
        return false;
      }
      pos_ = close + 2;
    } else {
      break;
    }
  }
  return true;
}

Token Lexer::NextExpression() {
  if (!SkipSpaceAndComments()) return Fail(error_offset_, error_);
  if (pos_ >= end_) return AtEnd();
  const size_t begin = pos_;
  const auto c = static_cast<unsigned char>(text_[pos_]);
  switch (c) {
    case '\n':
      ++pos_;
      return Make(Tok::kNewline, begin);
    case '"':
      ++pos_;
      stack_.push_back({Frame::kQuoted, false, begin});
      return Make(Tok::kOQuote, begin);
    case '{':
      ++pos_;
      stack_.push_back({Frame::kBrace, false, begin});
      return Make(Tok::kLBrace, begin);
    case '}':
      return CloseBrace(begin, false);
    case '~':
      if (At(pos_ + 1) == '}') return CloseBrace(begin, true);
      return Fail(begin, "invalid character `~` (a strip marker goes just before `}`)");
    case '<':
      if (At(pos_ + 1) == '<') return Heredoc(begin);
      break;
    default:
      break;
  }
  if (IsDigit(static_cast<char>(c))) return Number(begin);
  if (IsIdStart(c)) {
    while (pos_ < end_ && IsIdContinue(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return Make(Tok::kIdent, begin);
  }
  return Operator(begin);
}

Token Lexer::Operator(size_t begin) {
  const char c0 = text_[begin];
  for (const OpToken& op : kOperators) {
    if (op.text[0] != c0) continue;
    const size_t n = op.text[1] == '\0' ? 1 : op.text[2] == '\0' ? 2 : 3;
    if (begin + n <= end_ && text_.compare(begin, n, op.text) == 0) {
      pos_ = begin + n;
      return Make(op.kind, begin);
    }
  }
  const auto c = static_cast<unsigned char>(text_[begin]);
  if (c == '&' || c == '|') {
    return Fail(begin, "invalid operator " + DescribeByte(c) + " (did you mean `" +
                           std::string(2, static_cast<char>(c)) + "`?)");
  }
  return Fail(begin, "invalid character " + DescribeByte(c));
}

Token Lexer::Number(size_t begin) {
  while (IsDigit(At(pos_))) ++pos_;
  if (At(pos_) == '.' && IsDigit(At(pos_ + 1))) {
    ++pos_;
    while (IsDigit(At(pos_))) ++pos_;
  }
  if (At(pos_) == 'e' || At(pos_) == 'E') {
    size_t p = pos_ + 1;
    if (At(p) == '+' || At(p) == '-') ++p;
    if (IsDigit(At(p))) {
      pos_ = p;
      while (IsDigit(At(pos_))) ++pos_;
    }
  }
  return Make(Tok::kNumber, begin);
}

Token Lexer::Heredoc(size_t begin) {
  size_t p = begin + 2;
  const bool strip = At(p) == '-';
  if (strip) ++p;
  if (!IsIdStart(static_cast<unsigned char>(At(p)))) {
    return Fail(p, "invalid heredoc: `<<` must be followed by a marker name, as in `<<EOF`");
  }
  const size_t marker = p;
  while (p < end_ && IsIdContinue(static_cast<unsigned char>(text_[p]))) ++p;
  const size_t marker_length = p - marker;
  if (At(p) == '\r' && At(p + 1) == '\n') ++p;
  if (At(p) != '\n') {
    return Fail(p, "invalid heredoc: the marker `" +
                       std::string(text_.substr(marker, marker_length)) +
                       "` must be followed by a newline");
  }
  pos_ = p + 1;
  stack_.push_back({Frame::kHeredoc, true, begin, marker, marker_length});
  return Make(Tok::kOHeredoc, begin, strip);
}

Token Lexer::CloseBrace(size_t begin, bool strip) {
  const Frame top = stack_.back().frame;
  if (top == Frame::kInterp || top == Frame::kControl) {
    stack_.pop_back();
    pos_ = begin + (strip ? 2 : 1);
    return Make(Tok::kTemplateSeqEnd, begin, strip);
  }
  if (strip) return Fail(begin, "invalid character `~` (a strip marker ends only `${` or `%{`)");
  if (top == Frame::kBrace) stack_.pop_back();
  pos_ = begin + 1;
  return Make(Tok::kRBrace, begin);
}

// End of text: an error when a string, heredoc or template sequence is still open.
Token Lexer::AtEnd() {
  for (size_t i = stack_.size(); i-- > 0;) {
    const Open& open = stack_[i];
    switch (open.frame) {
      case Frame::kInterp:
        return Fail(open.opener, "unterminated template sequence: this `${` has no `}`");
      case Frame::kControl:
        return Fail(open.opener, "unterminated template directive: this `%{` has no `}`");
      case Frame::kQuoted:
        return Fail(open.opener, "unterminated string: this `\"` has no closing `\"`");
      case Frame::kHeredoc:
        return Fail(open.opener,
                    "unterminated heredoc: no line `" +
                        std::string(text_.substr(open.marker_begin, open.marker_length)) +
                        "` ends it");
      default:
        break;
    }
  }
  pos_ = end_;
  return Make(Tok::kEof, end_);
}

Token Lexer::TemplateOpener(Tok kind, size_t begin) {
  const bool strip = At(begin + 2) == '~';
  pos_ = begin + (strip ? 3 : 2);
  stack_.push_back({kind == Tok::kTemplateInterp ? Frame::kInterp : Frame::kControl, false, begin});
  return Make(kind, begin, strip);
}

Token Lexer::NextTemplate() {
  Open& top = stack_.back();
  if (top.frame == Frame::kQuoted) return NextQuotedText();
  if (top.frame == Frame::kHeredoc) return NextHeredocText(&top);
  return NextBareText();
}

// Scans literal template text from pos to the next `${`, `%{` (not `$${`, `%%{`), the end of a
// quoted string's text, just past a newline (`lines`: heredocs and bare templates, whose
// literal tokens are single lines, as HCL's are: a strip marker reaches one line only), or
// the end; returns where it stopped.
namespace {
size_t ScanLiteral(std::string_view text, size_t pos, size_t end, bool quoted, bool lines) {
  while (pos < end) {
    const char c = text[pos];
    if (c == '$' || c == '%') {
      const char next = pos + 1 < end ? text[pos + 1] : '\0';
      if (next == '{') return pos;
      if (next == c && pos + 2 < end && text[pos + 2] == '{') {
        pos += 3;
        continue;
      }
    } else if (quoted && (c == '"' || c == '\n')) {
      return pos;
    } else if (quoted && c == '\\') {
      pos += (pos + 1 < end && text[pos + 1] != '\n') ? 2 : 1;
      continue;
    } else if (lines && c == '\n') {
      return pos + 1;  // newline included
    }
    ++pos;
  }
  return end;
}
}  // namespace

Token Lexer::NextQuotedText() {
  const size_t begin = pos_;
  pos_ = ScanLiteral(text_, pos_, end_, true, false);
  if (pos_ > begin) {
    Token t = Make(Tok::kTemplateLit, begin);
    t.quoted = true;
    return t;
  }
  if (pos_ >= end_) return AtEnd();
  const char c = text_[pos_];
  if (c == '"') {
    ++pos_;
    stack_.pop_back();
    return Make(Tok::kCQuote, begin);
  }
  if (c == '\n') {
    return Fail(stack_.back().opener,
                "unterminated string: a quoted string ends on its own line (a heredoc can hold "
                "several lines)");
  }
  return TemplateOpener(c == '$' ? Tok::kTemplateInterp : Tok::kTemplateControl, begin);
}

bool Lexer::AtHeredocEnd(const Open& top, size_t* end) const {
  size_t p = pos_;
  while (At(p) == ' ' || At(p) == '\t') ++p;
  if (text_.compare(p, top.marker_length, text_.substr(top.marker_begin, top.marker_length)) != 0 ||
      p + top.marker_length > end_) {
    return false;
  }
  p += top.marker_length;
  const size_t after = p;
  if (At(p) == '\r') ++p;
  if (p < end_ && text_[p] != '\n') return false;
  *end = after;
  return true;
}

Token Lexer::NextHeredocText(Open* top) {
  const size_t begin = pos_;
  size_t marker_end = 0;
  if (top->line_start && AtHeredocEnd(*top, &marker_end)) {
    pos_ = marker_end;
    stack_.pop_back();
    return Make(Tok::kCHeredoc, begin);
  }
  top->line_start = false;
  pos_ = ScanLiteral(text_, pos_, end_, false, true);
  if (pos_ > begin) {
    top->line_start = text_[pos_ - 1] == '\n';
    return Make(Tok::kTemplateLit, begin);
  }
  if (pos_ >= end_) return AtEnd();
  return TemplateOpener(text_[pos_] == '$' ? Tok::kTemplateInterp : Tok::kTemplateControl, begin);
}

Token Lexer::NextBareText() {
  const size_t begin = pos_;
  pos_ = ScanLiteral(text_, pos_, end_, false, true);
  if (pos_ > begin) return Make(Tok::kTemplateLit, begin);
  if (pos_ >= end_) return AtEnd();
  return TemplateOpener(text_[pos_] == '$' ? Tok::kTemplateInterp : Tok::kTemplateControl, begin);
}

}  // namespace iamlint::hcl
