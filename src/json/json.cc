// Strict RFC 8259 parser for the located JSON model in json.h.
//
// The parser is iterative: open arrays and objects live on an explicit stack,
// so nesting depth is bounded by ParseOptions::max_depth, not by the C++ call
// stack. Finished values are collected on a scratch stack and moved into an
// exactly-sized vector when their container closes, so large documents do not
// carry the slack of geometric vector growth.
#include "json/json.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <system_error>

namespace iamlint::json {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// True when one of the 8 bytes of `w` needs attention inside a string literal:
// '"', '\\', a control character (< 0x20) or a non-ASCII byte (>= 0x80).
// Exact as to whether such a byte exists (not as to which one it is).
inline bool HasSpecialByte(uint64_t w) {
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t backslash = w ^ (kOnes * '\\');
  const uint64_t r = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                     ((w - kOnes * 0x20) & ~w) | w;
  return (r & kHighBits) != 0;
}

inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

inline bool IsPlainStringByte(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

inline bool IsWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

constexpr int kUtf8Truncated = -1;

// Length of the well-formed UTF-8 sequence starting at p (*p >= 0x80), 0 when
// it is ill-formed (overlong, surrogate, above U+10FFFF, bad continuation), or
// kUtf8Truncated when the input ends inside an otherwise valid prefix.
int Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  int len;
  unsigned char lo = 0x80;  // allowed range of the second byte
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c == 0xE0) {
    len = 3;
    lo = 0xA0;  // no overlongs
  } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
    len = 3;
  } else if (c == 0xED) {
    len = 3;
    hi = 0x9F;  // no UTF-16 surrogates
  } else if (c == 0xF0) {
    len = 4;
    lo = 0x90;  // no overlongs
  } else if (c >= 0xF1 && c <= 0xF3) {
    len = 4;
  } else if (c == 0xF4) {
    len = 4;
    hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;  // continuation byte, C0/C1 overlong lead, or F5..FF
  }
  for (int i = 1; i < len; ++i) {
    if (p + i == end) return kUtf8Truncated;
    const unsigned char b = p[i];
    if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return 0;
  }
  return len;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  char buf[4];
  size_t n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out->append(buf, n);
}

// Value of 4 hex digits at p, or -1.
int32_t ReadHex4(const char* p) {
  int32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = p[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return -1;
    }
    v = (v << 4) | d;
  }
  return v;
}

// "'x'" for printable ASCII, "byte 0xNN" otherwise.
std::string Describe(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789abcdef";
  std::string s = "byte 0x";
  s += kHex[u >> 4];
  s += kHex[u & 0xF];
  return s;
}

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), options_(options) {}

  bool Run(Value* root);

  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }

 private:
  enum class State { kValue, kKey, kAfterValue };

  struct Frame {
    size_t offset;        // of the '[' or '{'
    size_t values_begin;  // first child in values_
    size_t keys_begin;    // first key in keys_ (objects)
    bool is_object;
  };

  size_t Offset(const char* p) const { return static_cast<size_t>(p - begin_); }

  bool Fail(const char* at, std::string message) {
    error_offset_ = Offset(at);
    error_message_ = std::move(message);
    return false;
  }
  bool FailEof() { return Fail(end_, "unexpected end of input (the file is truncated?)"); }
  bool FailUnterminated(const char* quote) {
    return Fail(quote, "unterminated string (missing closing '\"'; the file is truncated?)");
  }
  bool FailUnexpectedValue();
  bool FailTooLong(const char* quote) {
    return Fail(quote,
                "string longer than " + std::to_string(options_.max_string_bytes) + " bytes");
  }

  void SkipWhitespace() {
    while (p_ != end_ && IsWhitespace(*p_)) ++p_;
  }

  bool ParseString(std::string_view* out);
  bool ParseEscape(const char* quote);
  bool ParseNumber();
  bool ParseLiteral(std::string_view word, Value value);
  bool ParseScalar();
  void CloseContainer();

  const char* const begin_;
  const char* p_;
  const char* const end_;
  const ParseOptions& options_;

  std::vector<Frame> stack_;
  std::vector<Value> values_;      // finished values whose container is still open
  std::vector<std::string> keys_;  // keys of members of open objects
  std::string scratch_;            // decoded text of strings with escapes

  size_t error_offset_ = 0;
  std::string error_message_;
};

bool Parser::Run(Value* root) {
  if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) {
    return Fail(p_, "byte order mark (BOM) before the JSON value; save the file without it");
  }
  SkipWhitespace();
  if (p_ == end_) return Fail(p_, "empty input (no JSON value)");

  values_.reserve(64);
  State state = State::kValue;
  for (;;) {
    switch (state) {
      case State::kValue: {  // p_ is at a non-whitespace character or the end
        if (p_ == end_) return FailEof();
        const char c = *p_;
        if (c != '[' && c != '{') {
          if (!ParseScalar()) return false;
          state = State::kAfterValue;
          break;
        }
        if (stack_.size() >= options_.max_depth) {
          return Fail(p_, "nesting deeper than " + std::to_string(options_.max_depth) + " levels");
        }
        const bool is_object = c == '{';
        stack_.push_back(Frame{Offset(p_), values_.size(), keys_.size(), is_object});
        ++p_;
        SkipWhitespace();
        if (p_ == end_) return FailEof();
        if (*p_ == (is_object ? '}' : ']')) {
          ++p_;
          CloseContainer();
          state = State::kAfterValue;
        } else {
          state = is_object ? State::kKey : State::kValue;
        }
        break;
      }

      case State::kKey: {  // p_ is at a non-whitespace character or the end
        if (p_ == end_) return FailEof();
        if (*p_ != '"') {
          if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
          if (*p_ == '\'') return Fail(p_, "strings must be enclosed in double quotes");
          return Fail(p_, "expected a double-quoted object key, found " + Describe(*p_));
        }
        std::string_view key;
        if (!ParseString(&key)) return false;
        keys_.emplace_back(key);
        SkipWhitespace();
        if (p_ == end_) return FailEof();
        if (*p_ != ':') return Fail(p_, "expected ':' after object key");
        ++p_;
        SkipWhitespace();
        state = State::kValue;
        break;
      }

      case State::kAfterValue: {
        if (stack_.empty()) {
          SkipWhitespace();
          if (p_ != end_) {
            if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
            return Fail(p_, "trailing data after the JSON value");
          }
          *root = std::move(values_.back());
          return true;
        }
        SkipWhitespace();
        if (p_ == end_) return FailEof();
        const bool is_object = stack_.back().is_object;
        const char close = is_object ? '}' : ']';
        if (*p_ == ',') {
          const char* comma = p_;
          ++p_;
          SkipWhitespace();
          if (p_ != end_ && *p_ == close) {
            return Fail(comma, std::string("trailing comma before '") + close + "'");
          }
          state = is_object ? State::kKey : State::kValue;
        } else if (*p_ == close) {
          ++p_;
          CloseContainer();
        } else if (*p_ == '/') {
          return Fail(p_, "comments are not allowed in JSON");
        } else {
          return Fail(p_, is_object ? "expected ',' or '}' after object member"
                                    : "expected ',' or ']' after array element");
        }
        break;
      }
    }
  }
}

bool Parser::FailUnexpectedValue() {
  const char c = *p_;
  switch (c) {
    case '/':
      return Fail(p_, "comments are not allowed in JSON");
    case '\'':
      return Fail(p_, "strings must be enclosed in double quotes");
    case 'N':
    case 'I':
      return Fail(p_, "NaN and Infinity are not valid JSON numbers");
    case '.':
      return Fail(p_, "invalid number: expected a digit before '.'");
    case '+':
      return Fail(p_, "invalid number: a leading '+' is not allowed");
    default:
      return Fail(p_, "expected a value, found " + Describe(c));
  }
}

bool Parser::ParseScalar() {
  const size_t offset = Offset(p_);
  switch (*p_) {
    case '"': {
      std::string_view s;
      if (!ParseString(&s)) return false;
      values_.push_back(Value::String(std::string(s), offset));
      return true;
    }
    case 't':
      return ParseLiteral("true", Value::Bool(true, offset));
    case 'f':
      return ParseLiteral("false", Value::Bool(false, offset));
    case 'n':
      return ParseLiteral("null", Value::Null(offset));
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return ParseNumber();
    default:
      return FailUnexpectedValue();
  }
}

bool Parser::ParseLiteral(std::string_view word, Value value) {
  const auto avail = static_cast<size_t>(end_ - p_);
  if (avail >= word.size() && std::memcmp(p_, word.data(), word.size()) == 0) {
    const char* after = p_ + word.size();
    if (after == end_ || !(std::isalnum(static_cast<unsigned char>(*after)) || *after == '_')) {
      p_ = after;
      values_.push_back(std::move(value));
      return true;
    }
  } else if (avail < word.size() && std::memcmp(p_, word.data(), avail) == 0) {
    return FailEof();
  }
  return Fail(p_, "invalid literal (expected true, false or null)");
}

bool Parser::ParseNumber() {
  const char* start = p_;
  const char* p = p_;
  if (*p == '-') {
    ++p;
    if (p != end_ && (*p == 'I' || *p == 'N')) {
      return Fail(start, "NaN and Infinity are not valid JSON numbers");
    }
    if (p == end_ || !IsDigit(*p)) return Fail(p, "invalid number: expected a digit after '-'");
  }
  if (*p == '0') {
    ++p;
    if (p != end_ && IsDigit(*p)) {
      return Fail(start, "invalid number: leading zeros are not allowed");
    }
  } else {
    while (p != end_ && IsDigit(*p)) ++p;
  }
  if (p != end_ && *p == '.') {
    ++p;
    if (p == end_ || !IsDigit(*p)) return Fail(p, "invalid number: expected a digit after '.'");
    while (p != end_ && IsDigit(*p)) ++p;
  }
  if (p != end_ && (*p == 'e' || *p == 'E')) {
    ++p;
    if (p != end_ && (*p == '+' || *p == '-')) ++p;
    if (p == end_ || !IsDigit(*p)) {
      return Fail(p, "invalid number: expected a digit in the exponent");
    }
    while (p != end_ && IsDigit(*p)) ++p;
  }
  p_ = p;
  values_.push_back(Value::Number(std::string(start, p), Offset(start)));
  return true;
}

// On entry p_ is at the opening quote. On success p_ is past the closing
// quote and *out views either the source text (no escapes) or scratch_.
bool Parser::ParseString(std::string_view* out) {
  const char* quote = p_;
  const char* p = p_ + 1;
  const char* run = p;  // start of the not yet copied plain text
  bool escaped = false;
  for (;;) {
    while (end_ - p >= 8 && !HasSpecialByte(Load8(p))) p += 8;
    while (p != end_ && IsPlainStringByte(static_cast<unsigned char>(*p))) ++p;
    if (p == end_) return FailUnterminated(quote);
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') break;
    if (c == '\\') {
      if (!escaped) {
        scratch_.clear();
        escaped = true;
      }
      scratch_.append(run, p);
      p_ = p;
      if (!ParseEscape(quote)) return false;
      if (scratch_.size() > options_.max_string_bytes) return FailTooLong(quote);
      p = run = p_;
    } else if (c < 0x20) {
      return Fail(p, "unescaped control character (" + Describe(static_cast<char>(c)) +
                         ") in string; use an escape such as \\n or \\u00XX");
    } else {  // c >= 0x80
      const int len = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(p),
                                         reinterpret_cast<const unsigned char*>(end_));
      if (len == kUtf8Truncated) return FailUnterminated(quote);
      if (len == 0) return Fail(p, "invalid UTF-8 in string");
      p += len;
    }
  }
  if (escaped) {
    scratch_.append(run, p);
    *out = scratch_;
  } else {
    *out = std::string_view(run, static_cast<size_t>(p - run));
  }
  if (out->size() > options_.max_string_bytes) return FailTooLong(quote);
  p_ = p + 1;
  return true;
}

// On entry p_ is at a backslash inside a string; appends the decoded
// character to scratch_ and moves p_ past the escape.
bool Parser::ParseEscape(const char* quote) {
  const char* backslash = p_;
  if (end_ - p_ < 2) return FailUnterminated(quote);
  char decoded;
  switch (p_[1]) {
    case '"':
      decoded = '"';
      break;
    case '\\':
      decoded = '\\';
      break;
    case '/':
      decoded = '/';
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    case 'u': {
      if (end_ - p_ < 6) return FailUnterminated(quote);
      const int32_t unit = ReadHex4(p_ + 2);
      if (unit < 0) return Fail(backslash, "invalid \\u escape (expected 4 hex digits)");
      uint32_t cp = static_cast<uint32_t>(unit);
      size_t length = 6;
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        int32_t low = -1;
        if (cp <= 0xDBFF && end_ - p_ >= 12 && p_[6] == '\\' && p_[7] == 'u') {
          low = ReadHex4(p_ + 8);
        }
        if (low < 0xDC00 || low > 0xDFFF) {
          return Fail(backslash,
                      "unpaired UTF-16 surrogate " + std::string(backslash, 6) + " in string");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        length = 12;
      }
      AppendUtf8(&scratch_, cp);
      p_ += length;
      return true;
    }
    default:
      return Fail(backslash, "invalid escape '\\" + std::string(1, p_[1]) + "' in string");
  }
  scratch_.push_back(decoded);
  p_ += 2;
  return true;
}

void Parser::CloseContainer() {
  const Frame frame = stack_.back();
  stack_.pop_back();
  const auto first = values_.begin() + static_cast<std::ptrdiff_t>(frame.values_begin);
  const size_t n = values_.size() - frame.values_begin;
  Value container;
  if (frame.is_object) {
    container = Value::Object(frame.offset);
    std::vector<Member>& members = container.mutable_members();
    members.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      members.push_back(Member{std::move(keys_[frame.keys_begin + i]),
                               std::make_unique<Value>(std::move(first[i]))});
    }
    keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(frame.keys_begin), keys_.end());
  } else {
    container = Value::Array(frame.offset);
    std::vector<Value>& items = container.mutable_items();
    items.reserve(n);
    std::move(first, values_.end(), std::back_inserter(items));
  }
  values_.erase(first, values_.end());
  values_.push_back(std::move(container));
}

void DumpTo(const Value& v, std::string* out) {
  switch (v.type()) {
    case Type::kNull:
      out->append("null");
      return;
    case Type::kBool:
      out->append(v.AsBool() ? "true" : "false");
      return;
    case Type::kNumber:
      out->append(v.str().empty() ? std::string_view("0") : std::string_view(v.str()));
      return;
    case Type::kString:
      AppendQuoted(out, v.str());
      return;
    case Type::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out->push_back(',');
        first = false;
        DumpTo(item, out);
      }
      out->push_back(']');
      return;
    }
    case Type::kObject: {
      out->push_back('{');
      bool first = true;
      for (const Member& m : v.members()) {
        if (!first) out->push_back(',');
        first = false;
        AppendQuoted(out, m.key);
        out->push_back(':');
        if (m.value) {
          DumpTo(*m.value, out);
        } else {
          out->append("null");
        }
      }
      out->push_back('}');
      return;
    }
  }
}

// Parses a JSON pointer array index: "0" or digits without a leading zero.
bool ParseIndex(std::string_view token, size_t* index) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  size_t v = 0;
  const char* first = token.data();
  const char* last = first + token.size();
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last) return false;
  *index = v;
  return true;
}

}  // namespace

const char* TypeName(Type t) {
  switch (t) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "boolean";
    case Type::kNumber:
      return "number";
    case Type::kString:
      return "string";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
  }
  return "unknown";
}

Value Value::Null(size_t offset) {
  Value v;
  v.offset_ = offset;
  return v;
}

Value Value::Bool(bool b, size_t offset) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  v.offset_ = offset;
  return v;
}

Value Value::Number(std::string text, size_t offset) {
  Value v;
  v.type_ = Type::kNumber;
  v.str_ = std::move(text);
  v.offset_ = offset;
  return v;
}

Value Value::String(std::string s, size_t offset) {
  Value v;
  v.type_ = Type::kString;
  v.str_ = std::move(s);
  v.offset_ = offset;
  return v;
}

Value Value::Array(size_t offset) {
  Value v;
  v.type_ = Type::kArray;
  v.offset_ = offset;
  return v;
}

Value Value::Object(size_t offset) {
  Value v;
  v.type_ = Type::kObject;
  v.offset_ = offset;
  return v;
}

double Value::AsDouble() const {
  if (type_ != Type::kNumber || str_.empty()) return 0;
  double d = 0;
  const char* first = str_.data();
  const char* last = first + str_.size();
  const auto [ptr, ec] = std::from_chars(first, last, d);
  if (ec == std::errc() && ptr == last) return d;
  // Out of range (or hand-built text from_chars rejects): strtod yields
  // +-HUGE_VAL (inf) on overflow and 0 on underflow.
  return std::strtod(str_.c_str(), nullptr);
}

const Value* Value::Find(std::string_view key) const {
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->key == key) return it->value.get();
  }
  return nullptr;
}

const Value* Value::At(size_t i) const { return i < items_.size() ? &items_[i] : nullptr; }

const Value* Value::AtPointer(std::string_view pointer) const {
  if (pointer.empty()) return this;
  if (pointer[0] != '/') return nullptr;
  const Value* cur = this;
  std::string unescaped;
  size_t pos = 1;
  for (;;) {
    const size_t slash = pointer.find('/', pos);
    const std::string_view raw =
        pointer.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    std::string_view token = raw;
    if (raw.find('~') != std::string_view::npos) {
      unescaped.clear();
      size_t done = 0;
      for (size_t t = raw.find('~'); t != std::string_view::npos; t = raw.find('~', done)) {
        if (t + 1 >= raw.size() || (raw[t + 1] != '0' && raw[t + 1] != '1')) return nullptr;
        unescaped.append(raw.substr(done, t - done));
        unescaped.push_back(raw[t + 1] == '0' ? '~' : '/');
        done = t + 2;
      }
      unescaped.append(raw.substr(done));
      token = unescaped;
    }
    if (cur->IsObject()) {
      cur = cur->Find(token);
    } else if (cur->IsArray()) {
      size_t index;
      if (!ParseIndex(token, &index)) return nullptr;
      cur = cur->At(index);
    } else {
      return nullptr;
    }
    if (cur == nullptr || slash == std::string_view::npos) return cur;
    pos = slash + 1;
  }
}

Value& Value::Push(Value v) {
  if (type_ == Type::kNull) type_ = Type::kArray;
  items_.push_back(std::move(v));
  return items_.back();
}

Value& Value::Add(std::string key, Value v) {
  if (type_ == Type::kNull) type_ = Type::kObject;
  members_.push_back(Member{std::move(key), std::make_unique<Value>(std::move(v))});
  return *members_.back().value;
}

std::string Value::Dump() const {
  std::string out;
  DumpTo(*this, &out);
  return out;
}

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p != end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<size_t>(p - begin));
  }
}

size_t LineIndex::LineOf(size_t offset) const {
  if (line_starts_.empty()) return 0;  // not built from a text
  return static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                             line_starts_.begin());
}

size_t LineIndex::ColumnOf(size_t offset) const {
  const size_t line = LineOf(offset);
  if (line == 0) return 0;
  return offset - line_starts_[line - 1] + 1;
}

bool Parse(std::string_view text, Document* out, ParseError* err, const ParseOptions& options) {
  Parser parser(text, options);
  Value root;
  if (!parser.Run(&root)) {
    if (err != nullptr) {
      const size_t offset = parser.error_offset();
      const auto last = text.begin() + static_cast<std::ptrdiff_t>(offset);
      const size_t newlines = static_cast<size_t>(std::count(text.begin(), last, '\n'));
      const size_t line_start = newlines == 0 ? 0 : text.rfind('\n', offset - 1) + 1;
      err->offset = offset;
      err->line = newlines + 1;
      err->column = offset - line_start + 1;
      err->message = parser.error_message();
    }
    return false;
  }
  if (out != nullptr) {
    out->root_ = std::move(root);
    out->lines_ = LineIndex(text);
  }
  if (err != nullptr) *err = ParseError();
  return true;
}

std::string PointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  size_t done = 0;
  for (size_t i = key.find_first_of("~/"); i != std::string_view::npos;
       i = key.find_first_of("~/", done)) {
    out.append(key.substr(done, i - done));
    out.append(key[i] == '~' ? "~0" : "~1");
    done = i + 1;
  }
  out.append(key.substr(done));
  return out;
}

std::string PointerAppend(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  out.push_back('/');
  out.append(PointerToken(key));
  return out;
}

std::string PointerAppend(std::string_view pointer, size_t index) {
  std::string out(pointer);
  out.push_back('/');
  out.append(std::to_string(index));
  return out;
}

void AppendQuoted(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;  // start of the not yet copied plain text
  while (p != end) {
    while (end - p >= 8 && !HasSpecialByte(Load8(p))) p += 8;
    while (p != end && IsPlainStringByte(static_cast<unsigned char>(*p))) ++p;
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const int len = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(p),
                                         reinterpret_cast<const unsigned char*>(end));
      if (len > 0) {
        p += len;
        continue;
      }
      // Not UTF-8: write U+FFFD so that the output is still valid JSON.
      out->append(run, p);
      out->append("\xEF\xBF\xBD");
      run = ++p;
      continue;
    }
    out->append(run, p);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out->append(esc, sizeof esc);
        break;
      }
    }
    run = ++p;
  }
  out->append(run, p);
  out->push_back('"');
}

}  // namespace iamlint::json
