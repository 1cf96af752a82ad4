#include "json/json.h"

#include <cmath>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace iamlint::json {
namespace {

// Parses text that must be valid and returns the document.
Document MustParse(std::string_view text) {
  Document doc;
  ParseError err;
  EXPECT_TRUE(Parse(text, &doc, &err))
      << "input: " << text << "\nerror: " << err.message << " at " << err.line << ":" << err.column;
  return doc;
}

// Parses text that must be rejected and returns the error.
ParseError MustFail(std::string_view text, const ParseOptions& options = ParseOptions()) {
  Document doc;
  ParseError err;
  EXPECT_FALSE(Parse(text, &doc, &err, options)) << "input: " << text;
  EXPECT_FALSE(err.message.empty());
  return err;
}

TEST(JsonParseTest, Literals) {
  EXPECT_TRUE(MustParse("null").root().IsNull());
  Document t = MustParse("true");
  ASSERT_TRUE(t.root().IsBool());
  EXPECT_TRUE(t.root().AsBool());
  Document f = MustParse("false");
  ASSERT_TRUE(f.root().IsBool());
  EXPECT_FALSE(f.root().AsBool());
}

TEST(JsonParseTest, NumbersKeepSourceText) {
  for (const char* text :
       {"0", "-0", "12", "-12.5e+3", "1E-2", "0.000", "123456789012345678901234567890"}) {
    Document doc = MustParse(text);
    ASSERT_TRUE(doc.root().IsNumber()) << text;
    EXPECT_EQ(doc.root().str(), text);
  }
  EXPECT_DOUBLE_EQ(MustParse("-12.5e+3").root().AsDouble(), -12500.0);
  EXPECT_DOUBLE_EQ(MustParse("0.25").root().AsDouble(), 0.25);
  EXPECT_EQ(MustParse("\"3\"").root().AsDouble(), 0.0);  // not a number
}

TEST(JsonParseTest, HugeNumberKeptAsText) {
  Document doc = MustParse("[1e400, -1e400, 1e-400]");
  const Value& arr = doc.root();
  ASSERT_EQ(arr.items().size(), 3u);
  EXPECT_EQ(arr.At(0)->str(), "1e400");
  EXPECT_TRUE(std::isinf(arr.At(0)->AsDouble()));
  EXPECT_GT(arr.At(0)->AsDouble(), 0);
  EXPECT_TRUE(std::isinf(arr.At(1)->AsDouble()));
  EXPECT_LT(arr.At(1)->AsDouble(), 0);
  EXPECT_EQ(arr.At(2)->AsDouble(), 0.0);
  EXPECT_EQ(arr.Dump(), "[1e400,-1e400,1e-400]");
}

TEST(JsonParseTest, Strings) {
  EXPECT_EQ(MustParse(R"("")").root().str(), "");
  EXPECT_EQ(MustParse(R"("hello world")").root().str(), "hello world");
  EXPECT_EQ(MustParse(R"("a\"b\\c\/d\be\ff\ng\rh\ti")").root().str(), "a\"b\\c/d\be\ff\ng\rh\ti");
  EXPECT_EQ(MustParse(R"("\u00e9\u20AC")").root().str(), "\xC3\xA9\xE2\x82\xAC");
  const Document nul = MustParse(R"("a\u0000b")");
  EXPECT_EQ(nul.root().str(), std::string("a\0b", 3));
}

TEST(JsonParseTest, RawUtf8IsAccepted) {
  // 2-, 3- and 4-byte sequences, including the boundaries of the valid ranges.
  const std::string text =
      "\"\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF "
      "\xF0\x90\x80\x80 \xF4\x8F\xBF\xBF \xE6\x97\xA5\xE6\x9C\xAC\"";
  Document doc = MustParse(text);
  EXPECT_EQ(doc.root().str(), text.substr(1, text.size() - 2));
}

TEST(JsonParseTest, SurrogatePairDecodesToOneCodePoint) {
  EXPECT_EQ(MustParse(R"("\ud83d\ude00")").root().str(), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(MustParse(R"("x\uD800\uDC00y")").root().str(), "x\xF0\x90\x80\x80y");
  EXPECT_EQ(MustParse(R"("\uDBFF\uDFFF")").root().str(), "\xF4\x8F\xBF\xBF");  // U+10FFFF
}

TEST(JsonParseTest, LongStringsAcrossBlockBoundaries) {
  // Exercises the 8-bytes-at-a-time scan with the interesting byte at every position.
  for (size_t len = 0; len < 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      std::string body(len, 'a');
      std::string escaped = body;
      escaped.replace(at, 1, "\\n");
      body[at] = '\n';
      EXPECT_EQ(MustParse("\"" + escaped + "\"").root().str(), body);

      std::string raw(len, 'b');
      raw[at] = '\x01';
      ParseError err = MustFail("\"" + raw + "\"");
      EXPECT_EQ(err.offset, at + 1);

      std::string utf8(len, 'c');
      utf8.replace(at, 1, "\xC3\xA9");
      EXPECT_EQ(MustParse("\"" + utf8 + "\"").root().str(), utf8);
    }
  }
}

TEST(JsonParseTest, EmptyContainersAndWhitespace) {
  Document a = MustParse(" \t\r\n[ ] \n");
  ASSERT_TRUE(a.root().IsArray());
  EXPECT_TRUE(a.root().items().empty());
  EXPECT_EQ(a.root().offset(), 4u);
  Document o = MustParse("{\n}");
  ASSERT_TRUE(o.root().IsObject());
  EXPECT_TRUE(o.root().members().empty());
}

TEST(JsonParseTest, ObjectsKeepDocumentOrder) {
  Document doc = MustParse(R"({"b": 1, "a": [true, null], "c": {"d": "e"}})");
  const Value& root = doc.root();
  ASSERT_EQ(root.members().size(), 3u);
  EXPECT_EQ(root.members()[0].key, "b");
  EXPECT_EQ(root.members()[1].key, "a");
  EXPECT_EQ(root.members()[2].key, "c");
  ASSERT_NE(root.Find("c"), nullptr);
  ASSERT_NE(root.Find("c")->Find("d"), nullptr);
  EXPECT_EQ(root.Find("c")->Find("d")->str(), "e");
  EXPECT_EQ(root.Find("zz"), nullptr);
  EXPECT_EQ(root.Find("a")->Find("x"), nullptr);  // not an object
  EXPECT_EQ(root.Find("a")->At(2), nullptr);
  EXPECT_EQ(root.At(0), nullptr);  // not an array
}

TEST(JsonParseTest, OffsetsOfNestedValues) {
  //                 0         1         2         3
  //                 0123456789012345678901234567890123456
  const char* text = R"({"k": [1, "s", {"x": null}], "t": -2})";
  Document doc = MustParse(text);
  const Value& root = doc.root();
  EXPECT_EQ(root.offset(), 0u);
  const Value* k = root.Find("k");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->offset(), 6u);
  EXPECT_EQ(k->At(0)->offset(), 7u);
  EXPECT_EQ(k->At(1)->offset(), 10u);  // the opening quote
  EXPECT_EQ(k->At(2)->offset(), 15u);
  EXPECT_EQ(k->At(2)->Find("x")->offset(), 21u);
  EXPECT_EQ(root.Find("t")->offset(), 34u);
}

TEST(JsonParseTest, LinesOfNestedValues) {
  const std::string text =
      "{\r\n"
      "  \"Statement\": [\r\n"
      "    {\r\n"
      "      \"Effect\": \"Allow\",\r\n"
      "      \"Action\": \"*\"\r\n"
      "    }\r\n"
      "  ]\r\n"
      "}\r\n";
  Document doc = MustParse(text);
  const Value* st = doc.root().Find("Statement");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(doc.LineOf(doc.root().offset()), 1u);
  EXPECT_EQ(doc.LineOf(st->offset()), 2u);
  EXPECT_EQ(doc.LineOf(st->At(0)->offset()), 3u);
  EXPECT_EQ(doc.LineOf(st->At(0)->Find("Effect")->offset()), 4u);
  EXPECT_EQ(doc.LineOf(st->At(0)->Find("Action")->offset()), 5u);
  EXPECT_EQ(doc.lines().ColumnOf(st->At(0)->Find("Action")->offset()), 17u);
}

TEST(JsonParseTest, DuplicateKeysKeptAndFindReturnsLast) {
  Document doc = MustParse(R"({"a": 1, "b": 2, "a": 3})");
  const Value& root = doc.root();
  ASSERT_EQ(root.members().size(), 3u);
  EXPECT_EQ(root.members()[0].key, "a");
  EXPECT_EQ(root.members()[0].value->str(), "1");
  EXPECT_EQ(root.members()[2].key, "a");
  EXPECT_EQ(root.Find("a")->str(), "3");
  EXPECT_EQ(root.Find("a")->offset(), 22u);
  EXPECT_EQ(root.AtPointer("/a")->str(), "3");
}

TEST(JsonParseTest, KeysWithEscapes) {
  Document doc = MustParse(R"({"a\u0062\n": 1, "\ud83d\ude00": 2})");
  EXPECT_NE(doc.root().Find("ab\n"), nullptr);
  EXPECT_NE(doc.root().Find("\xF0\x9F\x98\x80"), nullptr);
}

TEST(JsonParseTest, OutputArgumentsMayBeNull) {
  EXPECT_TRUE(Parse("[1]", nullptr, nullptr));
  EXPECT_FALSE(Parse("[1", nullptr, nullptr));
}

TEST(JsonParseTest, FailedParseLeavesDocumentUntouched) {
  Document doc = MustParse("[1]");
  ParseError err;
  EXPECT_FALSE(Parse("{", &doc, &err));
  EXPECT_TRUE(doc.root().IsArray());
}

// ---------------------------------------------------------------------------
// Rejections.

TEST(JsonRejectTest, EmptyInput) {
  EXPECT_EQ(MustFail("").offset, 0u);
  ParseError err = MustFail("  \n ");
  EXPECT_EQ(err.line, 2u);
  EXPECT_EQ(err.column, 2u);
}

TEST(JsonRejectTest, TrailingData) {
  ParseError err = MustFail("{\"a\": 1}\n  x");
  EXPECT_EQ(err.message, "trailing data after the JSON value");
  EXPECT_EQ(err.offset, 11u);
  EXPECT_EQ(err.line, 2u);
  EXPECT_EQ(err.column, 3u);
  EXPECT_EQ(MustFail("1 2").offset, 2u);
  EXPECT_EQ(MustFail("[] []").offset, 3u);
  EXPECT_EQ(MustFail("\"a\"\"b\"").offset, 3u);
}

TEST(JsonRejectTest, Comments) {
  ParseError err = MustFail("{\n  // c\n  \"a\": 1}");
  EXPECT_EQ(err.message, "comments are not allowed in JSON");
  EXPECT_EQ(err.line, 2u);
  EXPECT_EQ(err.column, 3u);
  EXPECT_EQ(MustFail("[1 /* c */]").column, 4u);
  EXPECT_EQ(MustFail("[1] // c").column, 5u);
  EXPECT_EQ(MustFail("/* c */ 1").column, 1u);
}

TEST(JsonRejectTest, TrailingCommas) {
  ParseError arr = MustFail("[1, 2,\n]");
  EXPECT_EQ(arr.message, "trailing comma before ']'");
  EXPECT_EQ(arr.line, 1u);
  EXPECT_EQ(arr.column, 6u);
  ParseError obj = MustFail("{\"a\": 1, }");
  EXPECT_EQ(obj.message, "trailing comma before '}'");
  EXPECT_EQ(obj.column, 8u);
  EXPECT_EQ(MustFail("[,]").column, 2u);
  EXPECT_EQ(MustFail("[1,,2]").column, 4u);
  EXPECT_EQ(MustFail("{,}").column, 2u);
}

TEST(JsonRejectTest, MissingSeparators) {
  ParseError arr = MustFail("[1 2]");
  EXPECT_EQ(arr.message, "expected ',' or ']' after array element");
  EXPECT_EQ(arr.column, 4u);
  ParseError obj = MustFail("{\"a\": 1 \"b\": 2}");
  EXPECT_EQ(obj.message, "expected ',' or '}' after object member");
  EXPECT_EQ(obj.column, 9u);
  ParseError colon = MustFail("{\"a\" 1}");
  EXPECT_EQ(colon.message, "expected ':' after object key");
  EXPECT_EQ(colon.column, 6u);
  EXPECT_EQ(MustFail("[1}").column, 3u);
  EXPECT_EQ(MustFail("{\"a\":1]").column, 7u);
}

TEST(JsonRejectTest, KeysMustBeStrings) {
  ParseError err = MustFail("{a: 1}");
  EXPECT_EQ(err.column, 2u);
  EXPECT_NE(err.message.find("object key"), std::string::npos);
  EXPECT_EQ(MustFail("{1: 1}").column, 2u);
  EXPECT_EQ(MustFail("{'a': 1}").message, "strings must be enclosed in double quotes");
  EXPECT_EQ(MustFail("{\"a\": }").column, 7u);
}

TEST(JsonRejectTest, TruncatedInput) {
  for (const char* text :
       {"[", "[1", "[1,", "{", "{\"a\"", "{\"a\":", "{\"a\": 1", "tru", "fa", "[{\"a\": [", "-"}) {
    const std::string_view sv(text);
    ParseError err = MustFail(sv);
    if (sv != "-") {
      EXPECT_EQ(err.message, "unexpected end of input (the file is truncated?)") << sv;
    }
    EXPECT_EQ(err.offset, sv.size()) << sv;
    EXPECT_EQ(err.column, sv.size() + 1) << sv;
  }
  ParseError str = MustFail("[\n  \"abc");
  EXPECT_NE(str.message.find("unterminated string"), std::string::npos);
  EXPECT_EQ(str.line, 2u);
  EXPECT_EQ(str.column, 3u);  // the opening quote
  EXPECT_EQ(MustFail("\"a\\").offset, 0u);
  EXPECT_EQ(MustFail("\"a\\u12").offset, 0u);
  EXPECT_EQ(MustFail("\"\xE2\x82").offset, 0u);
}

TEST(JsonRejectTest, ControlCharactersInStrings) {
  ParseError err = MustFail("{\"a\":\n \"line1\nline2\"}");
  EXPECT_NE(err.message.find("unescaped control character"), std::string::npos);
  EXPECT_EQ(err.offset, 13u);
  EXPECT_EQ(err.line, 2u);
  EXPECT_EQ(err.column, 8u);
  EXPECT_EQ(MustFail("\"a\tb\"").column, 3u);
  EXPECT_EQ(MustFail("\"\x1f\"").column, 2u);
  // DEL (0x7f) is not a control character for JSON.
  EXPECT_EQ(MustParse("\"\x7f\"").root().str(), "\x7f");
}

TEST(JsonRejectTest, NulBytes) {
  ParseError in_string = MustFail(std::string("\"ab\0c\"", 6));
  EXPECT_EQ(in_string.offset, 3u);
  EXPECT_NE(in_string.message.find("control character"), std::string::npos);
  ParseError outside = MustFail(std::string("[1,\0]", 5));
  EXPECT_EQ(outside.offset, 3u);
  EXPECT_NE(outside.message.find("0x00"), std::string::npos);
  EXPECT_EQ(MustFail(std::string("1\0", 2)).offset, 1u);
  EXPECT_EQ(MustFail(std::string("\0", 1)).offset, 0u);
}

TEST(JsonRejectTest, InvalidUtf8InStrings) {
  const char* cases[] = {
      "\x80",              // lone continuation byte
      "\xBF",              // lone continuation byte
      "\xC0\x80",          // overlong NUL
      "\xC1\xBF",          // overlong
      "\xE0\x80\x80",      // overlong 3-byte
      "\xE0\x9F\xBF",      // overlong 3-byte
      "\xF0\x80\x80\x80",  // overlong 4-byte
      "\xF0\x8F\xBF\xBF",  // overlong 4-byte
      "\xED\xA0\x80",      // U+D800 encoded in UTF-8
      "\xED\xBF\xBF",      // U+DFFF encoded in UTF-8
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80",  // beyond any code point
      "\xFF",              // never valid
      "\xFE",              // never valid
      "\xE2\x82",          // truncated 3-byte sequence
      "\xF0\x9F\x98",      // truncated 4-byte sequence
      "\xC3",              // truncated 2-byte sequence
      "\xC3\x28",          // bad continuation
      "\xE2\x28\xA1",      // bad continuation
  };
  for (const char* bad : cases) {
    const std::string text = "[\"ok\",\n \"ab" + std::string(bad) + "\"]";
    ParseError err = MustFail(text);
    EXPECT_EQ(err.message, "invalid UTF-8 in string") << text;
    EXPECT_EQ(err.line, 2u);
    EXPECT_EQ(err.column, 5u);
  }
  // Outside strings a non-ASCII byte is just an unexpected character.
  ParseError outside = MustFail("[\xC3\xA9]");
  EXPECT_EQ(outside.offset, 1u);
  EXPECT_NE(outside.message.find("0xc3"), std::string::npos);
}

TEST(JsonRejectTest, ByteOrderMark) {
  ParseError err = MustFail("\xEF\xBB\xBF{}");
  EXPECT_EQ(err.offset, 0u);
  EXPECT_NE(err.message.find("BOM"), std::string::npos);
}

TEST(JsonRejectTest, LoneSurrogateEscapes) {
  const char* cases[] = {
      R"("\ud800")",       R"("\uDBFF")",       R"("\udc00")",
      R"("\uDFFF\uD800")", R"("\ud800\u0041")", R"("\ud800x")",
      R"("\ud800\ud800")", R"("\ud800\n")",     R"("\ud800\uzzzz")",
  };
  for (const char* text : cases) {
    ParseError err = MustFail(text);
    EXPECT_NE(err.message.find("unpaired UTF-16 surrogate"), std::string::npos) << text;
    EXPECT_EQ(err.column, 2u) << text;
  }
  EXPECT_EQ(MustFail(R"("ab\ud83d\ude00\ude00")").column, 16u);
}

TEST(JsonRejectTest, InvalidEscapes) {
  ParseError err = MustFail(R"("ab\x")");
  EXPECT_EQ(err.message, "invalid escape '\\x' in string");
  EXPECT_EQ(err.column, 4u);
  EXPECT_EQ(MustFail(R"("\U0041")").column, 2u);
  EXPECT_EQ(MustFail(R"("\')").column, 2u);
  ParseError hex = MustFail(R"("a\u12G4")");
  EXPECT_EQ(hex.message, "invalid \\u escape (expected 4 hex digits)");
  EXPECT_EQ(hex.column, 3u);
}

TEST(JsonRejectTest, NanAndInfinity) {
  for (const char* text : {"NaN", "Infinity", "-Infinity", "[1, NaN]"}) {
    ParseError err = MustFail(text);
    EXPECT_EQ(err.message, "NaN and Infinity are not valid JSON numbers") << text;
  }
  EXPECT_EQ(MustFail("[1, NaN]").column, 5u);
  EXPECT_NE(MustFail("nan").message.find("invalid literal"), std::string::npos);
}

TEST(JsonRejectTest, BadNumbers) {
  struct Case {
    const char* text;
    size_t column;
  };
  const Case cases[] = {
      {"01", 1},   {"-01", 1}, {"00", 1},   {"-", 2},   {"1.", 3},    {".5", 1},
      {"1e", 3},   {"1e+", 4}, {"1E-", 4},  {"+1", 1},  {"-.5", 2},   {"1.e5", 3},
      {"0x10", 2}, {"-a", 2},  {"[1.]", 4}, {"[-]", 3}, {"1.5.3", 4}, {"1ee5", 3},
  };
  for (const Case& c : cases) {
    ParseError err = MustFail(c.text);
    EXPECT_EQ(err.column, c.column) << c.text << ": " << err.message;
  }
  EXPECT_EQ(MustFail("01").message, "invalid number: leading zeros are not allowed");
  EXPECT_EQ(MustFail("1.").message, "invalid number: expected a digit after '.'");
  EXPECT_EQ(MustFail("1e").message, "invalid number: expected a digit in the exponent");
  EXPECT_EQ(MustFail("-").message, "invalid number: expected a digit after '-'");
}

TEST(JsonRejectTest, BadLiterals) {
  for (const char* text : {"True", "nul ", "nulll", "truth", "[falsy]", "undefined"}) {
    ParseError err = MustFail(text);
    EXPECT_EQ(err.offset, text[0] == '[' ? 1u : 0u) << text;
  }
  EXPECT_EQ(MustFail("[true false]").column, 7u);
}

// ---------------------------------------------------------------------------
// Limits.

TEST(JsonLimitsTest, DeepNestingErrorsWithoutCrashing) {
  const std::string deep(100000, '[');
  ParseError err = MustFail(deep);
  EXPECT_EQ(err.message, "nesting deeper than 1000 levels");
  EXPECT_EQ(err.offset, 1000u);
  EXPECT_EQ(err.column, 1001u);

  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  EXPECT_EQ(MustFail(objects).message, "nesting deeper than 1000 levels");
}

TEST(JsonLimitsTest, DepthLimitIsExact) {
  const std::string ok = std::string(1000, '[') + std::string(1000, ']');
  Document doc = MustParse(ok);
  const Value* v = &doc.root();
  size_t depth = 0;
  while (v != nullptr && v->IsArray()) {
    ++depth;
    v = v->At(0);
  }
  EXPECT_EQ(depth, 1000u);

  const std::string too_deep = std::string(1001, '[') + std::string(1001, ']');
  EXPECT_EQ(MustFail(too_deep).offset, 1000u);

  ParseOptions options;
  options.max_depth = 2;
  EXPECT_TRUE(Parse("[{\"a\": 1}]", nullptr, nullptr, options));
  ParseError err = MustFail("[{\"a\": []}]", options);
  EXPECT_EQ(err.message, "nesting deeper than 2 levels");
  EXPECT_EQ(err.offset, 7u);
}

TEST(JsonLimitsTest, MaxStringBytes) {
  ParseOptions options;
  options.max_string_bytes = 4;
  EXPECT_TRUE(Parse(R"(["abcd", {"wxyz": "\u00e9\u00e9"}])", nullptr, nullptr, options));
  ParseError err = MustFail(R"(["abcd", "abcde"])", options);
  EXPECT_EQ(err.message, "string longer than 4 bytes");
  EXPECT_EQ(err.offset, 9u);
  EXPECT_EQ(MustFail(R"({"abcde": 1})", options).offset, 1u);
  EXPECT_EQ(MustFail(R"("ab\n\n\n")", options).offset, 0u);
  EXPECT_EQ(MustFail(R"("\u00e9\u00e9\u00e9")", options).offset, 0u);
}

// ---------------------------------------------------------------------------
// Line index.

TEST(JsonLineIndexTest, LinesAndColumns) {
  const LineIndex lines("ab\ncd\r\n\nef");
  EXPECT_EQ(lines.LineOf(0), 1u);
  EXPECT_EQ(lines.ColumnOf(0), 1u);
  EXPECT_EQ(lines.LineOf(2), 1u);  // the '\n' belongs to the line it ends
  EXPECT_EQ(lines.ColumnOf(2), 3u);
  EXPECT_EQ(lines.LineOf(3), 2u);
  EXPECT_EQ(lines.LineOf(5), 2u);  // '\r'
  EXPECT_EQ(lines.LineOf(6), 2u);  // '\n'
  EXPECT_EQ(lines.LineOf(7), 3u);  // empty line
  EXPECT_EQ(lines.LineOf(8), 4u);
  EXPECT_EQ(lines.ColumnOf(9), 2u);
  EXPECT_EQ(lines.LineOf(10), 4u);  // end of text
  EXPECT_EQ(lines.ColumnOf(10), 3u);

  EXPECT_EQ(LineIndex("").LineOf(0), 1u);
  EXPECT_EQ(LineIndex().LineOf(5), 0u);  // no text: unknown
}

// ---------------------------------------------------------------------------
// JSON pointers.

TEST(JsonPointerTest, Resolves) {
  Document doc = MustParse(
      R"({"a": {"b": [10, 20, {"c": true}]}, "": 1, "x/y": 2, "m~n": 3, "~1": 4, " ": 5})");
  const Value& root = doc.root();
  EXPECT_EQ(root.AtPointer(""), &root);
  EXPECT_EQ(root.AtPointer("/a/b/0")->str(), "10");
  EXPECT_EQ(root.AtPointer("/a/b/1")->str(), "20");
  EXPECT_TRUE(root.AtPointer("/a/b/2/c")->AsBool());
  EXPECT_EQ(root.AtPointer("/")->str(), "1");
  EXPECT_EQ(root.AtPointer("/x~1y")->str(), "2");
  EXPECT_EQ(root.AtPointer("/m~0n")->str(), "3");
  EXPECT_EQ(root.AtPointer("/~01")->str(), "4");  // "~01" is "~1", not "/"
  EXPECT_EQ(root.AtPointer("/ ")->str(), "5");
}

TEST(JsonPointerTest, MissingOrInvalid) {
  Document doc = MustParse(R"({"a": [1, 2], "s": "t"})");
  const Value& root = doc.root();
  EXPECT_EQ(root.AtPointer("a"), nullptr);      // must start with '/'
  EXPECT_EQ(root.AtPointer("/b"), nullptr);     // absent key
  EXPECT_EQ(root.AtPointer("/a/2"), nullptr);   // out of range
  EXPECT_EQ(root.AtPointer("/a/-"), nullptr);   // "-" is past the end
  EXPECT_EQ(root.AtPointer("/a/x"), nullptr);   // non-numeric
  EXPECT_EQ(root.AtPointer("/a/01"), nullptr);  // leading zero
  EXPECT_EQ(root.AtPointer("/a/+1"), nullptr);
  EXPECT_EQ(root.AtPointer("/a/"), nullptr);
  EXPECT_EQ(root.AtPointer("/a/99999999999999999999999"), nullptr);
  EXPECT_EQ(root.AtPointer("/s/0"), nullptr);  // scalars have no children
  EXPECT_EQ(root.AtPointer("/a~2"), nullptr);  // bad escape
  EXPECT_EQ(root.AtPointer("/a~"), nullptr);
  EXPECT_EQ(root.AtPointer("/a/0/"), nullptr);
}

TEST(JsonPointerTest, TokensAndAppend) {
  EXPECT_EQ(PointerToken("plain"), "plain");
  EXPECT_EQ(PointerToken("a/b~c"), "a~1b~0c");
  EXPECT_EQ(PointerToken("~/"), "~0~1");
  EXPECT_EQ(PointerToken(""), "");
  EXPECT_EQ(PointerAppend("", "a/b"), "/a~1b");
  EXPECT_EQ(PointerAppend("/x", size_t{3}), "/x/3");
  std::string p = PointerAppend(PointerAppend("", "m~n"), size_t{0});
  EXPECT_EQ(p, "/m~0n/0");
  Document doc = MustParse(R"({"m~n": ["hit"]})");
  ASSERT_NE(doc.root().AtPointer(p), nullptr);
  EXPECT_EQ(doc.root().AtPointer(p)->str(), "hit");
}

// ---------------------------------------------------------------------------
// Serialisation and building.

TEST(JsonDumpTest, RoundTrip) {
  const std::string text =
      "{ \"b\" : [1, -2.5e10, true, false, null, \"s\\\"\\\\\\n\\u0001\xC3\xA9\"],\n"
      "  \"a\" : {}, \"c\": [], \"a\": {\"x\": [[]]}, \"big\": 1e400 }";
  Document doc = MustParse(text);
  const std::string dumped = doc.root().Dump();
  EXPECT_EQ(dumped,
            "{\"b\":[1,-2.5e10,true,false,null,\"s\\\"\\\\\\n\\u0001\xC3\xA9\"],"
            "\"a\":{},\"c\":[],\"a\":{\"x\":[[]]},\"big\":1e400}");
  Document again = MustParse(dumped);
  EXPECT_EQ(again.root().Dump(), dumped);
}

TEST(JsonDumpTest, AppendQuotedEscaping) {
  std::string out = "x=";
  AppendQuoted(&out, "a\"b\\c/d");
  EXPECT_EQ(out, "x=\"a\\\"b\\\\c/d\"");

  out.clear();
  AppendQuoted(&out, std::string("\b\f\n\r\t\x01\x1f\x7f\0", 9));
  EXPECT_EQ(out, "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\u0000\"");

  out.clear();
  AppendQuoted(&out, "caf\xC3\xA9 \xF0\x9F\x98\x80 long enough to use the block scan");
  EXPECT_EQ(out, "\"caf\xC3\xA9 \xF0\x9F\x98\x80 long enough to use the block scan\"");

  out.clear();
  AppendQuoted(&out, "bad\xFFutf8\xC3");  // invalid bytes become U+FFFD
  EXPECT_EQ(out, "\"bad\xEF\xBF\xBDutf8\xEF\xBF\xBD\"");

  out.clear();
  AppendQuoted(&out, "");
  EXPECT_EQ(out, "\"\"");
}

TEST(JsonBuildTest, FactoriesPushAndAdd) {
  Value root = Value::Object(7);
  EXPECT_EQ(root.offset(), 7u);
  Value& list = root.Add("list", Value::Array());
  list.Push(Value::Null());
  list.Push(Value::Bool(true));
  list.Push(Value::Number("42"));
  list.Push(Value::String("s\"q"));
  Value& inner = root.Add("inner", Value::Object());
  inner.Add("k", Value::String("v", 3));
  inner.Add("k", Value::String("w"));
  EXPECT_EQ(root.Dump(), R"({"list":[null,true,42,"s\"q"],"inner":{"k":"v","k":"w"}})");
  EXPECT_EQ(root.Find("inner")->Find("k")->str(), "w");
  EXPECT_EQ(root.AtPointer("/list/2")->AsDouble(), 42.0);

  Value promoted;  // a null value becomes an array / object on first append
  promoted.Push(Value::Number("1"));
  EXPECT_TRUE(promoted.IsArray());
  EXPECT_EQ(promoted.Dump(), "[1]");
  Value obj;
  obj.Add("a", Value::Null());
  EXPECT_EQ(obj.Dump(), R"({"a":null})");
}

TEST(JsonBuildTest, TypeNames) {
  EXPECT_STREQ(TypeName(Type::kNull), "null");
  EXPECT_STREQ(TypeName(Type::kBool), "boolean");
  EXPECT_STREQ(TypeName(Type::kNumber), "number");
  EXPECT_STREQ(TypeName(Type::kString), "string");
  EXPECT_STREQ(TypeName(Type::kArray), "array");
  EXPECT_STREQ(TypeName(Type::kObject), "object");
  EXPECT_STREQ(TypeName(MustParse("{}").root().type()), "object");
}

// ---------------------------------------------------------------------------
// Parse filters: dropped parts are validated like the rest, never built.

// Keeps the elements of arrays named "items" unless their "type" is "drop"; drops the
// containers held by members named "skip" unread; "nest" objects are looked into.
class ItemsFilter : public ParseFilter {
 public:
  enum : int { kLook = 1, kItems, kItem };
  int Root() const override { return kLook; }
  int Enter(int parent, std::string_view key) const override {
    switch (parent) {
      case kLook:
        if (key == "items") return kItems;
        if (key == "skip") return kDrop;
        return key == "nest" ? kLook : kAll;
      case kItems:
        return kItem;
      default:
        return kAll;
    }
  }
  int Member(int state, std::string_view key, const Value& value) const override {
    if (state != kItem || key != "type") return state;
    return value.IsString() && value.str() == "drop" ? kDrop : kAll;
  }
};

// Drops every object and array below the root unread.
class DropAllFilter : public ParseFilter {
 public:
  int Root() const override { return 1; }
  int Enter(int, std::string_view) const override { return kDrop; }
  int Member(int state, std::string_view, const Value&) const override { return state; }
};

// Asks about every container; drops each object at its first scalar member (after reading
// it, or after building the containers before it).
class DropLateFilter : public ParseFilter {
 public:
  int Root() const override { return 1; }
  int Enter(int, std::string_view) const override { return 1; }
  int Member(int, std::string_view, const Value&) const override { return kDrop; }
};

TEST(JsonFilterTest, DropsElementsButKeepsTheirIndexAndPlace) {
  const std::string text =
      "{\"items\": [\n"
      "  {\"type\": \"drop\", \"v\": [1, 2, {\"x\": \"y\"}]},\n"
      "  {\"type\": \"keep\", \"v\": 1},\n"
      "  {\"v\": {\"deep\": true}, \"type\": \"drop\"},\n"
      "  {\"type\": \"drop\"},\n"
      "  {\"name\": \"n\",\n   \"type\": \"keep\"}\n"
      "],\n"
      "\"skip\": {\"a\": [1,\n2]}, \"after\": \"x\"}";
  ItemsFilter filter;
  ParseOptions options;
  options.filter = &filter;
  Document doc;
  ParseError err;
  ASSERT_TRUE(Parse(text, &doc, &err, options)) << err.message;
  const Value& items = *doc.root().Find("items");
  ASSERT_EQ(items.items().size(), 2u);
  EXPECT_EQ(items.items()[0].source_index(), 1u);
  EXPECT_EQ(items.items()[1].source_index(), 4u);
  EXPECT_EQ(items.items()[1].Find("name")->str(), "n");
  EXPECT_EQ(doc.root().Find("skip"), nullptr);  // dropped with its key
  EXPECT_EQ(doc.root().Find("after")->str(), "x");

  // Offsets, lines and columns of what is kept are those of the full parse.
  Document full = MustParse(text);
  const Value& all = *full.root().Find("items");
  const std::vector<std::pair<const Value*, const Value*>> same = {
      {&items.items()[0], &all.items()[1]},
      {items.items()[0].Find("v"), all.items()[1].Find("v")},
      {&items.items()[1], &all.items()[4]},
      {items.items()[1].Find("type"), all.items()[4].Find("type")},
      {doc.root().Find("after"), full.root().Find("after")},
  };
  for (const auto& [kept, truth] : same) {
    EXPECT_EQ(kept->offset(), truth->offset());
    EXPECT_EQ(doc.LineOf(kept->offset()), full.LineOf(truth->offset()));
    EXPECT_EQ(doc.lines().ColumnOf(kept->offset()), full.lines().ColumnOf(truth->offset()));
  }
  EXPECT_EQ(doc.LineOf(items.items()[1].Find("type")->offset()), 7u);
  EXPECT_EQ(doc.LineOf(doc.root().Find("after")->offset()), 10u);
  EXPECT_EQ(doc.lines().ColumnOf(doc.root().Find("after")->offset()), 15u);
}

TEST(JsonFilterTest, RootIsKeptAndScalarsAreNotFiltered) {
  DropAllFilter filter;
  ParseOptions options;
  options.filter = &filter;
  Document doc;
  ParseError err;
  ASSERT_TRUE(Parse(R"({"a": 1, "b": [1, 2], "c": {"d": 2}, "e": "s"})", &doc, &err, options));
  EXPECT_EQ(doc.root().Dump(), R"({"a":1,"e":"s"})");
  ASSERT_TRUE(Parse("[1, [2], {}, 3]", &doc, &err, options));
  EXPECT_EQ(doc.root().Dump(), "[1,3]");
  EXPECT_EQ(doc.root().items()[1].source_index(), 3u);
  DropLateFilter late;
  options.filter = &late;
  ASSERT_TRUE(Parse(R"([{"a": [{"b": 1}], "c": 1}, {"x": {}}, {}])", &doc, &err, options));
  EXPECT_EQ(doc.root().Dump(), R"([{"x":{}},{}])");
}

// Valid and invalid texts: with any filter, the same verdict and the same located error.
std::vector<std::string> FilterCases() {
  std::vector<std::string> cases = {
      R"({"a": [1, {"b": "c"}], "d": {"e": [true, false, null]}})",
      "{\"a\": [\n  {\"t\": 1,\n   \"u\": [1, 2,]}\n]}",
      "{\"a\": [\n  {\"t\": 1,\n   \"u\": [1, 2]\n]}",
      "{\"a\": {\"b\": \"x\",\n \"c\": \"caf\xC3\x28\"}}",
      "{\"a\": {\"b\": \"x\", \"c\": \"tab\there\"}}",
      std::string("{\"a\": {\"b\": \"x\", \"c\": \"nul") + '\0' + "\"}}",
      R"({"a": {"b": "x", "c": "\ud800"}})",
      R"({"a": {"b": "x", "c": "\x"}})",
      R"({"a": {"b": "x", "c": "\u12G4"}})",
      R"({"a": {"b": "x", "c": "\ud83d\ude00 ok \u00e9"}})",
      R"({"a": {"b": "x", "c": 01}})",
      R"({"a": {"b": "x", "c": 1.}})",
      R"({"a": {"b": "x", "c": -}})",
      R"({"a": {"b": "x", "c": 1e}})",
      R"({"a": {"b": "x", "c": -Infinity}})",
      R"({"a": {"b": "x", "c": NaN}})",
      R"({"a": {"b": "x", "c": tru}})",
      R"({"a": {"b": "x", "c": nul)",
      R"({"a": {"b": "x", "c": truex}})",
      R"({"a": {"b": "x", "c": +1}})",
      R"({"a": {"b": "x", "c": .5}})",
      R"({"a": {"b": "x", "c": 'q'}})",
      R"({"a": {"b": "x", 'c': 1}})",
      R"({"a": {"b": "x", c: 1}})",
      R"({"a": {"b": "x" "c": 1}})",
      R"({"a": {"b": "x", "c" 1}})",
      R"({"a": [{"b": "x"} {"c": 1}]})",
      R"({"a": {"b": "x", /* c */ "c": 1}})",
      R"({"a": {"b": "x", "c": [1 // no
  ]}})",
      R"({"a": {"b": "x", "c": "unterminated)",
      R"({"a": {"b": "x", "c": [1, 2)",
      R"({"a": {"b": "x", "c": {"d": )",
      R"({"a": {"b": "x", "c": {"d")",
      R"({"a": {"b": "x", "c": {)",
      R"({"a": {"b": "x"}} trailing)",
      R"({"a": {"b": "x", "c": 1.5e+10, "d": -0.0, "e": 1E-2, "f": 123456789012345678901234567890}})",
      R"({"a": [], "b": {}, "c": [[], [{}], {"d": []}]})",
  };
  // Deep nesting, in dropped parts too.
  cases.push_back("{\"a\": {\"b\": 1, \"c\": " + std::string(2000, '[') + std::string(2000, ']') +
                  "}}");
  cases.push_back("{\"a\": {\"b\": 1, \"c\": " + std::string(998, '[') + std::string(998, ']') +
                  "}}");
  cases.push_back("[" + std::string(997, '[') + std::string(997, ']') + "]");
  return cases;
}

// On one thread and on two (the second one from the middle of even a small text).
void ExpectSameVerdict(const std::string& text, const ParseFilter* filter) {
  ParseError plain_err;
  Document plain;
  const bool plain_ok = Parse(text, &plain, &plain_err);
  for (bool parallel : {false, true}) {
    ParseOptions options;
    options.filter = filter;
    options.parallel = parallel;
    options.parallel_from = 0;
    ParseError err;
    Document doc;
    const bool ok = Parse(text, &doc, &err, options);
    EXPECT_EQ(ok, plain_ok) << text;
    EXPECT_EQ(err.message, plain_err.message) << text;
    EXPECT_EQ(err.offset, plain_err.offset) << text;
    EXPECT_EQ(err.line, plain_err.line) << text;
    EXPECT_EQ(err.column, plain_err.column) << text;
  }
}

TEST(JsonFilterTest, DroppedPartsAreValidatedAndErrorsLocatedAsWithout) {
  DropAllFilter drop_all;
  DropLateFilter drop_late;
  ItemsFilter items;
  for (const std::string& text : FilterCases()) {
    ExpectSameVerdict(text, &drop_all);
    ExpectSameVerdict(text, &drop_late);
    ExpectSameVerdict(text, &items);
  }
  // The string limit applies to dropped strings too, escapes decoded.
  ParseOptions small;
  small.max_string_bytes = 4;
  DropAllFilter filter;
  small.filter = &filter;
  ParseError err = MustFail(R"({"a": ["12345"]})", small);
  EXPECT_EQ(err.offset, 7u);
  Document doc;
  EXPECT_TRUE(Parse(R"({"a": ["\u0031\u0032\u0033\u0034"]})", &doc, &err, small)) << err.message;
}

// A big document with kept and dropped elements on both sides of the middle, pretty or
// compact: the second thread changes nothing in the result.
std::string BigDocument(bool pretty, size_t n) {
  std::string nl = pretty ? "\n    " : "";
  std::string text = "{\"items\": [";
  for (size_t i = 0; i < n; ++i) {
    if (i != 0) text += ",";
    text += nl + "{\"type\": \"" + std::string(i % 97 == 5 ? "keep" : "drop") +
            "\", \"i\": " + std::to_string(i) + "," + nl + "\"v\": {\"tags\": [\"a\", \"b\"], " +
            "\"text\": \"" + std::string(200 + i % 300, 'x') + "\", \"n\": [1, 2.5, -3e2, true]}}";
  }
  return text + nl + "]}";
}

TEST(JsonFilterTest, ParallelParseGivesTheSameDocument) {
  for (bool pretty : {true, false}) {
    const std::string text = BigDocument(pretty, 40000);
    ASSERT_GT(text.size(), size_t{16} << 20);
    ItemsFilter filter;
    ParseOptions one;
    one.filter = &filter;
    ParseOptions two = one;
    two.parallel = true;
    std::mutex mu;
    std::vector<std::pair<size_t, size_t>> released;
    two.release = [&](size_t begin, size_t end) {
      std::lock_guard<std::mutex> lock(mu);
      released.emplace_back(begin, end);
    };
    Document a;
    Document b;
    ParseError err;
    ASSERT_TRUE(Parse(text, &a, &err, one)) << err.message;
    ASSERT_TRUE(Parse(text, &b, &err, two)) << err.message;
    EXPECT_EQ(a.root().Dump(), b.root().Dump());
    const Value& items = *b.root().Find("items");
    ASSERT_EQ(items.items().size(), a.root().Find("items")->items().size());
    for (size_t i = 0; i < items.items().size(); ++i) {
      const Value& x = a.root().Find("items")->items()[i];
      const Value& y = items.items()[i];
      EXPECT_EQ(x.source_index(), y.source_index());
      EXPECT_EQ(x.offset(), y.offset());
      EXPECT_EQ(a.LineOf(x.Find("v")->offset()), b.LineOf(y.Find("v")->offset()));
      EXPECT_EQ(a.lines().ColumnOf(x.Find("v")->offset()),
                b.lines().ColumnOf(y.Find("v")->offset()));
    }
    EXPECT_FALSE(released.empty());
    for (const auto& [begin, end] : released) EXPECT_LE(begin, end);

    // An error late in the text is reported as on one thread.
    std::string broken = text;
    broken[broken.size() - broken.size() / 10] = '\x01';
    ParseError e1;
    ParseError e2;
    EXPECT_FALSE(Parse(broken, nullptr, &e1, one));
    EXPECT_FALSE(Parse(broken, nullptr, &e2, two));
    EXPECT_EQ(e1.message, e2.message);
    EXPECT_EQ(e1.offset, e2.offset);
    EXPECT_EQ(e1.line, e2.line);
    EXPECT_EQ(e1.column, e2.column);
  }
}

}  // namespace
}  // namespace iamlint::json
