// The HCL native-syntax scanner: text -> tokens, on demand.
//
// The scanner is modal, as HCL's is: in expression mode it yields operators, names and
// numbers; inside a quoted string, a heredoc or a bare template it yields literal text and the
// `${` / `%{` openers of template sequences, whose expressions are scanned in expression mode
// until the matching `}`. Open modes live on an explicit stack, so nesting costs heap, never
// call stack. Comments are skipped; a line comment's newline is still a newline token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iamlint::hcl {

enum class Tok : uint8_t {
  kEof,
  kError,  // Lexer::error() says what and where
  kNewline,
  kIdent,
  kNumber,
  kLBrace,
  kRBrace,
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kEqual,
  kColon,
  kDoubleColon,
  kComma,
  kDot,
  kEllipsis,
  kQuestion,
  kBang,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kEqEq,
  kNotEq,
  kLess,
  kLessEq,
  kGreater,
  kGreaterEq,
  kAnd,
  kOr,
  kFatArrow,
  kOQuote,           // "
  kCQuote,           // "
  kOHeredoc,         // <<EOF or <<-EOF and its newline (strip: the `-` form)
  kCHeredoc,         // the closing marker, with the indentation before it
  kTemplateLit,      // literal text of a template (raw: escapes not yet decoded); in a heredoc
                     // or bare template at most one line, its newline included
  kTemplateInterp,   // ${ (strip: ${~)
  kTemplateControl,  // %{ (strip: %{~)
  kTemplateSeqEnd,   // } closing a template sequence (strip: ~})
};

/// How a token is described in messages: "`}`", "a newline", "end of file".
const char* TokName(Tok t);

struct Token {
  Tok kind = Tok::kEof;
  bool strip = false;   // see Tok
  bool quoted = false;  // kTemplateLit: of a quoted string (backslash escapes apply)
  size_t begin = 0;
  size_t end = 0;
};

class Lexer {
 public:
  /// What the text [begin, end) of `text` starts as: expression mode (a config file or a
  /// lone expression) or a bare template.
  enum class Start { kExpression, kTemplate };

  Lexer(std::string_view text, size_t begin, size_t end, Start start);

  /// The next token. After kEof or kError it keeps returning the same.
  Token Next();

  /// For kError: the offset and message.
  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_; }
  std::string_view text() const { return text_; }

 private:
  enum class Frame : uint8_t { kRoot, kBrace, kInterp, kControl, kQuoted, kHeredoc, kBare };
  struct Open {
    Frame frame;
    bool line_start = false;  // kHeredoc: at the start of a line
    size_t opener = 0;        // offset of what opened it (for "unterminated" messages)
    size_t marker_begin = 0;  // kHeredoc: the marker identifier
    size_t marker_length = 0;
  };

  Token NextExpression();
  Token NextTemplate();
  Token NextQuotedText();
  Token NextHeredocText(Open* top);
  Token NextBareText();
  bool AtHeredocEnd(const Open& top, size_t* end) const;
  Token TemplateOpener(Tok kind, size_t begin);
  Token Heredoc(size_t begin);
  Token CloseBrace(size_t begin, bool strip);
  Token Operator(size_t begin);
  Token Number(size_t begin);
  bool SkipSpaceAndComments();
  Token AtEnd();
  Token Fail(size_t offset, std::string message);
  Token Make(Tok kind, size_t begin, bool strip = false);
  char At(size_t i) const { return i < end_ ? text_[i] : '\0'; }

  std::string_view text_;
  size_t pos_;
  size_t end_;
  std::vector<Open> stack_;
  bool failed_ = false;
  size_t error_offset_ = 0;
  std::string error_;
};

/// True for bytes that may start / continue an identifier (letters, `_`; digits and `-`
/// after the first; any non-ASCII byte, as Unicode letters are allowed).
inline bool IsIdStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
inline bool IsIdContinue(unsigned char c) {
  return IsIdStart(c) || (c >= '0' && c <= '9') || c == '-';
}

/// Offset of the first byte of an ill-formed UTF-8 sequence in `text`, or npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace iamlint::hcl
