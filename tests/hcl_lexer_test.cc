// The HCL scanner: modes, operators, comments, templates, heredocs, located errors.
#include "hcl/lexer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace iamlint::hcl {
namespace {

// "kind:text" of every token up to the end, or "error@offset: message".
std::vector<std::string> Scan(std::string_view text,
                              Lexer::Start start = Lexer::Start::kExpression) {
  Lexer lexer(text, 0, text.size(), start);
  std::vector<std::string> out;
  for (;;) {
    const Token t = lexer.Next();
    if (t.kind == Tok::kEof) return out;
    if (t.kind == Tok::kError) {
      out.push_back("error@" + std::to_string(lexer.error_offset()) + ": " + lexer.error_message());
      return out;
    }
    std::string s(TokName(t.kind));
    s += ':';
    s += text.substr(t.begin, t.end - t.begin);
    if (t.strip) s += "~";
    out.push_back(s);
  }
}

using V = std::vector<std::string>;

TEST(HclLexer, NamesNumbersAndOperators) {
  EXPECT_EQ(Scan("a-b_c 1 1.5 1e10 2.5E-3 == != <= >= && || => ... :: ! ?"),
            (V{"a name:a-b_c", "a number:1", "a number:1.5", "a number:1e10", "a number:2.5E-3",
               "`==`:==", "`!=`:!=", "`<=`:<=", "`>=`:>=", "`&&`:&&", "`||`:||", "`=>`:=>",
               "`...`:...", "`::`:::", "`!`:!", "`?`:?"}));
  // `1.` is a number then a dot; `0.b` a number, a dot and a name; `1e` a number and a name.
  EXPECT_EQ(Scan("1.x 1e"), (V{"a number:1", "`.`:.", "a name:x", "a number:1", "a name:e"}));
}

TEST(HclLexer, CommentsAndNewlines) {
  EXPECT_EQ(Scan("a # one\nb // two\r\nc /* three\n */ d"),
            (V{"a name:a", "a newline:\n", "a name:b", "a newline:\n", "a name:c", "a name:d"}));
  EXPECT_EQ(Scan("a /* never closed"),
            (V{"a name:a", "error@2: unterminated comment: this `/*` has no `*/`"}));
}

TEST(HclLexer, QuotedTemplate) {
  EXPECT_EQ(Scan(R"("a ${b} %{if c}d%{~ endif ~} $${e} \"f\"")"),
            (V{"a string:\"", "template text:a ", "`${`:${", "a name:b", "`}`:}",
               "template text: ", "`%{`:%{", "a name:if", "a name:c", "`}`:}", "template text:d",
               "`%{`:%{~~", "a name:endif", "`}`:~}~", "template text: $${e} \\\"f\\\"",
               "the end of a string:\""}));
}

TEST(HclLexer, BracesInsideInterpolation) {
  // The `}` of the object closes the object, the next one the sequence.
  EXPECT_EQ(Scan(R"("${ {a = 1} }")"),
            (V{"a string:\"", "`${`:${", "`{`:{", "a name:a", "`=`:=", "a number:1", "`}`:}",
               "`}`:}", "the end of a string:\""}));
}

TEST(HclLexer, HeredocLinesAndMarker) {
  EXPECT_EQ(Scan("x = <<EOT\n  a ${b}\n  EOTX\n  EOT\ny"),
            (V{"a name:x", "`=`:=", "a heredoc:<<EOT\n", "template text:  a ", "`${`:${",
               "a name:b", "`}`:}", "template text:\n", "template text:  EOTX\n",
               "the end of a heredoc:  EOT", "a newline:\n", "a name:y"}));
  EXPECT_EQ(Scan("<<-X\nX"), (V{"a heredoc:<<-X\n~", "the end of a heredoc:X"}));
}

TEST(HclLexer, BareTemplate) {
  EXPECT_EQ(Scan("a\n${b}\n\"c\"", Lexer::Start::kTemplate),
            (V{"template text:a\n", "`${`:${", "a name:b", "`}`:}", "template text:\n",
               "template text:\"c\""}));
}

TEST(HclLexer, UnterminatedThingsAreLocatedAtTheirOpener) {
  EXPECT_EQ(Scan("x = \"abc"), (V{"a name:x", "`=`:=", "a string:\"", "template text:abc",
                                  "error@4: unterminated string: this `\"` has no closing `\"`"}));
  EXPECT_EQ(Scan("x = \"abc\ny\"").back(),
            "error@4: unterminated string: a quoted string ends on its own line (a heredoc can "
            "hold several lines)");
  EXPECT_EQ(Scan("x = \"${a").back(),
            "error@5: unterminated template sequence: this `${` has no `}`");
  EXPECT_EQ(Scan("x = <<EOF\nabc\n").back(),
            "error@4: unterminated heredoc: no line `EOF` ends it");
  EXPECT_EQ(Scan("x = <<EOF abc\n").back(),
            "error@9: invalid heredoc: the marker `EOF` must be followed by a newline");
  EXPECT_EQ(Scan("x = << EOF\n").back(),
            "error@6: invalid heredoc: `<<` must be followed by a marker name, as in `<<EOF`");
}

TEST(HclLexer, InvalidCharacters) {
  EXPECT_EQ(Scan("a & b").back(), "error@2: invalid operator `&` (did you mean `&&`?)");
  EXPECT_EQ(Scan("a ; b").back(), "error@2: invalid character `;`");
  EXPECT_EQ(Scan(std::string_view("a \0 b", 5)).back(), "error@2: invalid character byte 0x00");
  EXPECT_EQ(Scan("a ~ b").back(),
            "error@2: invalid character `~` (a strip marker goes just before `}`)");
}

TEST(HclLexer, Utf8Validation) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("ab\xc3"), 2u);             // truncated
  EXPECT_EQ(FindInvalidUtf8("a\xc0\xaf"), 1u);          // overlong
  EXPECT_EQ(FindInvalidUtf8("a\xed\xa0\x80"), 1u);      // surrogate
  EXPECT_EQ(FindInvalidUtf8("a\xf4\x90\x80\x80"), 1u);  // above U+10FFFF
}

}  // namespace
}  // namespace iamlint::hcl
