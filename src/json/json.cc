// Strict RFC 8259 parser for the located JSON model in json.h.
//
// The parser is iterative: open arrays and objects live on an explicit stack,
// so nesting depth is bounded by ParseOptions::max_depth, not by the C++ call
// stack. Finished values are collected on a scratch stack and moved into an
// exactly-sized vector when their container closes, so large documents do not
// carry the slack of geometric vector growth.
#include "json/json.h"

#include <string.h>  // memrchr

// SSE2 is part of x86-64; IAMLINT_NO_SIMD builds the portable code there too (to test it).
#if defined(__SSE2__) && !defined(IAMLINT_NO_SIMD)
#define IAMLINT_SSE2 1
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

// For the few helpers of the hot loops that compilers otherwise keep out of line.
#if defined(__GNUC__)
#define IAMLINT_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define IAMLINT_ALWAYS_INLINE inline
#endif

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

inline bool IsWhitespace(char c) {
  // One test against a bit set of the four whitespace bytes (all below 0x40).
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' && ((uint64_t{1} << u) & ((uint64_t{1} << ' ') | (uint64_t{1} << '\n') |
                                            (uint64_t{1} << '\r') | (uint64_t{1} << '\t'))) != 0;
}

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

// ---- scanning ------------------------------------------------------------
//
// Bytes are classified 16 at a time with SSE2 (part of x86-64) and 8 at a time with plain
// 64-bit arithmetic elsewhere; both give the same answers as the byte loops they speed up.

inline int CountTrailingZeros(uint32_t x) { return __builtin_ctz(x); }

// The first byte at or after p that needs attention inside a string literal ('"', '\\',
// a control character or a non-ASCII byte), or end.
IAMLINT_ALWAYS_INLINE const char* ScanString(const char* p, const char* end) {
#if defined(IAMLINT_SSE2)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: bytes >= 0x80 are negative, so "< 0x20" catches them with the controls.
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                     _mm_cmplt_epi8(x, space));
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(special));
    if (mask != 0) return p + CountTrailingZeros(mask);
    p += 16;
  }
#endif
  while (end - p >= 8 && !HasSpecialByte(Load8(p))) p += 8;
  while (p != end && IsPlainStringByte(static_cast<unsigned char>(*p))) ++p;
  return p;
}

// The first byte at or after p that is not JSON whitespace, or end.
IAMLINT_ALWAYS_INLINE const char* ScanWhitespace(const char* p, const char* end) {
#if defined(IAMLINT_SSE2)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i tab = _mm_set1_epi8('\t');
  while (end - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i ws =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(x, newline)),
                     _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, tab)));
    const uint32_t other = ~static_cast<uint32_t>(_mm_movemask_epi8(ws)) & 0xFFFF;
    if (other != 0) return p + CountTrailingZeros(other);
    p += 16;
  }
#endif
  while (p != end && IsWhitespace(*p)) ++p;
  return p;
}

// Number of '\n' in [p, end).
size_t CountNewlines(const char* p, const char* end) {
  size_t n = 0;
#if defined(IAMLINT_SSE2)
  const __m128i newline = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    // Per-byte counters (each compare adds 0 or -1), summed before they can wrap.
    __m128i counts = _mm_setzero_si128();
    for (int i = 0; i < 255 && end - p >= 16; ++i, p += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(x, newline));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  return n + static_cast<size_t>(std::count(p, end, '\n'));
}

}  // namespace

// ---- the parser ------------------------------------------------------------
//
// One forward pass. Kept values are built on a scratch stack (values_, keys_) and moved
// into exactly-sized vectors when their container closes. What a ParseFilter drops is run
// through Skip(), the same grammar without building anything; objects the filter may drop
// are first probed (their leading scalar members read without building them) so that a
// dropped one costs no allocation at all.
//
// JSON allows newlines only between tokens, so the line of an offset is one plus the
// number of '\n' bytes before it. They are counted in bulk, up to counted_to_, when the
// parser moves from a kept part to a dropped one (or back), before it lets pages of the
// text go, and at the end; line starts are recorded only in kept parts.
//
// A parallel parse (ParseOptions::parallel) runs a second Parser on another thread over the
// second half of the text. It validates every object and array it meets exactly as Skip()
// would and notes those of a useful size in an Ahead. When the main parser drops a container
// the second thread validated, it steps over it. That is sound wherever the second thread
// started: validating the value that starts at a '{' or '[' does not depend on what comes
// before it, and the main parser steps over a container only where it found one itself.
// Context the second thread cannot know (what encloses its starting point) it does not
// judge: the main parser still walks every token outside the containers it drops. The
// second thread starts just after a newline (in valid JSON, between two tokens) or, in
// compact JSON, at a '{' after a ',' (most likely between two tokens); should it have
// started inside a string, it soon meets an "error" and stops, and the main parser does
// the rest alone. Errors are always the main parser's own, so reported as on one thread.

/// What the second thread of a parallel parse learnt about the second half of the text.
struct Ahead {
  // 24 bytes: there may be a few per kilobyte of text. Sizes fit 32 bits (kMaxSize).
  struct Container {
    size_t open = 0;          // offset of its '{' or '['
    uint32_t size = 0;        // up to just past its '}' or ']'; 0: not validated (yet)
    uint32_t newlines = 0;    // '\n' bytes in it
    uint32_t line_start = 0;  // just past the last of them, from `open`
    uint32_t depth = 0;       // nesting levels, itself included
  };
  // Containers smaller than this are skipped as fast as they are looked up; bigger than the
  // other, they are the parser's path to what it keeps, not something it drops.
  static constexpr size_t kMinSize = 256;
  static constexpr size_t kMaxSize = size_t{1} << 20;

  size_t from = 0;                    // where the second thread starts
  std::vector<Container> containers;  // in text order; only those of a useful size
  std::atomic<bool> stop{false};
  std::thread thread;
};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options)
      : begin_(text.data()),
        p_(text.data()),
        end_(text.data() + text.size()),
        counted_to_(text.data()),
        line_start_(text.data()),
        options_(options),
        filter_(options.filter) {
    if (options_.release) next_release_ = kReleaseEvery;
  }

  /// Parses the whole text; on success fills `out` (when not null). With `ahead`, a second
  /// thread is validating the text from ahead->from on (see Prescan).
  bool Run(Document* out, Ahead* ahead = nullptr);
  /// The second thread's work: validates the text from ahead->from on, noting validated
  /// containers in `ahead`, until the end, an error, or ahead->stop.
  void Prescan(Ahead* ahead);

  /// Where the first error is: offset, 1-based line and column.
  void ErrorPosition(ParseError* err) const;
  const std::string& error_message() const { return error_message_; }

 private:
  enum class State { kValue, kKey, kAfterValue };
  enum class Probed { kFailed, kDropped, kParse };

  struct Frame {
    size_t offset;        // of the '[' or '{'
    size_t values_begin;  // first child in values_
    size_t keys_begin;    // first key in keys_ (objects)
    size_t count = 0;     // elements met so far, dropped ones included (arrays)
    int state = ParseFilter::kAll;
    bool is_object = false;
    // Line bookkeeping when opened, to forget what was recorded inside if it is dropped.
    bool span_used = false;
    size_t spans = 0;
    size_t starts = 0;
    size_t newlines = 0;
    const char* counted_to = nullptr;
    const char* line_start = nullptr;
  };

  static constexpr size_t kReleaseEvery = size_t{4} << 20;

  size_t Offset(const char* p) const { return static_cast<size_t>(p - begin_); }

  bool Fail(const char* at, std::string message) {
    error_at_ = at;
    error_message_ = std::move(message);
    return false;
  }
  bool FailEof() { return Fail(end_, "unexpected end of input (the file is truncated?)"); }
  bool FailUnterminated(const char* quote) {
    return Fail(quote, "unterminated string (missing closing '\"'; the file is truncated?)");
  }
  bool FailTooLong(const char* quote) {
    return Fail(quote,
                "string longer than " + std::to_string(options_.max_string_bytes) + " bytes");
  }
  bool FailTooDeep() {
    return Fail(p_, "nesting deeper than " + std::to_string(options_.max_depth) + " levels");
  }
  bool FailUnexpectedValue();
  bool FailKey();
  bool FailAfterValue(bool is_object);

  IAMLINT_ALWAYS_INLINE void SkipWhitespace() {
    if (p_ == end_ || !IsWhitespace(*p_)) return;
    if (*p_ == ' ' && end_ - p_ > 1 && !IsWhitespace(p_[1])) {  // `"key": value`
      ++p_;
      return;
    }
    p_ = ScanWhitespace(p_, end_);
  }
  /// SkipWhitespace() for a cursor other than p_.
  IAMLINT_ALWAYS_INLINE void SkipWhitespaceAt(const char** at) const {
    const char* p = *at;
    if (p == end_ || !IsWhitespace(*p)) return;
    if (*p == ' ' && end_ - p > 1 && !IsWhitespace(p[1])) {
      *at = p + 1;
      return;
    }
    *at = ScanWhitespace(p, end_);
  }
  /// Moves *at past the string there when it is plain (no escape, all ASCII, not too long),
  /// the common case; false (*at unchanged) otherwise.
  IAMLINT_ALWAYS_INLINE bool SkipPlainString(const char** at) const {
    const char* q = ScanString(*at + 1, end_);
    if (q == end_ || *q != '"' || static_cast<size_t>(q - *at - 1) > options_.max_string_bytes) {
      return false;
    }
    *at = q + 1;
    return true;
  }
  /// Validates the string at *at (any string) and moves *at past it; false on an error.
  bool SkipOtherString(const char** at) {
    p_ = *at;
    if (!ParseString<false>(nullptr)) return false;
    *at = p_;
    return true;
  }
  /// Moves *at past the ',' there and the whitespace after it; false when `close` follows
  /// (a trailing comma).
  IAMLINT_ALWAYS_INLINE bool SkipCommaAt(const char** at, char close) {
    const char* comma = *at;
    const char* p = comma + 1;
    SkipWhitespaceAt(&p);
    *at = p;
    if (p != end_ && *p == close) {
      return Fail(comma, std::string("trailing comma before '") + close + "'");
    }
    return true;
  }
  /// Moves *at (at a key of an object being skipped) past the key, its ':' and the
  /// whitespace after it; false on an error.
  IAMLINT_ALWAYS_INLINE bool SkipKeyAt(const char** at) {
    const char* p = *at;
    if (p == end_) return FailEof();
    if (*p != '"') {
      p_ = p;
      return FailKey();
    }
    if (!SkipPlainString(&p) && !SkipOtherString(&p)) return false;
    SkipWhitespaceAt(&p);
    if (p == end_) return FailEof();
    if (*p != ':') return Fail(p, "expected ':' after object key");
    ++p;
    SkipWhitespaceAt(&p);
    *at = p;
    return true;
  }
  /// Counts the newlines up to `to` (recording line starts while recording_).
  void CountLinesTo(const char* to);

  template <bool kKeep>
  bool ParseString(std::string_view* out);
  bool ParseEscape(const char* quote, std::string* sink, size_t* decoded);
  bool ScanNumber(std::string_view* text);
  bool ParseLiteral(std::string_view word);
  /// The value at p_ (not an object or array), pushed.
  bool ParseScalar();
  /// The number or literal at p_ (an error for anything else); fills *v when not null.
  bool ReadScalar(Value* v);

  /// One step of Run() in each state (p_ at a value, a key, or after a value in an open
  /// container); false on an error.
  bool StepValue(State* state);
  bool StepKey(State* state);
  bool StepAfterValue(State* state);
  /// The end of Run(), after the root value: fills *out (when not null).
  bool Finish(Document* out);

  /// Adds a finished value to the open container (or as the root).
  void Push(Value v) {
    if (!stack_.empty() && !stack_.back().is_object) {
      v.index_ = static_cast<uint32_t>(stack_.back().count++);
    }
    values_.push_back(std::move(v));
  }
  void OpenContainer(bool is_object, int state);
  void CloseContainer();
  /// Lets the filter see a scalar member just read; false on a parse error.
  bool AfterScalar();
  /// The filter state of a container about to be opened.
  int ChildState() const;
  /// Reads the leading scalar members of the object at p_ without building them, asking
  /// the filter (in state *state) about each: drops the object when it says so, else
  /// rewinds to the '{' and sets *state to parse it with.
  Probed Probe(int* state);
  /// Drops the innermost open container (its members so far included) and skips the rest
  /// of it.
  bool DropOpenContainer();
  /// Skips (validating) the value at p_, which the filter dropped unread.
  bool DropValue();
  /// Runs the grammar without building anything, to the end of a value: the value at p_, or
  /// (with `object`, the '{' of an object p_ is in, just after one of its members) the rest
  /// of that object. With kNote (the second thread), notes the containers met in ahead_.
  template <bool kNote>
  bool Skip(const char* object = nullptr);
  /// Pushes a container of Skip(), opened at `at`.
  template <bool kNote>
  void OpenSkipped(const char* at);
  /// Pops the innermost container of Skip() (closed just before p).
  template <bool kNote>
  void CloseSkipped(const char* p, bool* object);
  /// Skip() for a dropped container whose '{' or '[' is at `open`: stepped over when the
  /// second thread validated it.
  bool SkipDropped(const char* open, bool in_object);
  /// The container at `open` as validated by the second thread, or nullptr.
  const Ahead::Container* Validated(const char* open);
  /// Line bookkeeping around a dropped part starting at `at`.
  void BeginDropped(const char* at);
  void EndDropped();
  void MaybeRelease() {
    if (next_release_ != 0 && Offset(p_) >= next_release_) {
      if (!noting_) CountLinesTo(p_);  // before the pages go
      options_.release(released_to_, Offset(p_));
      released_to_ = Offset(p_);
      next_release_ = Offset(p_) + kReleaseEvery;
    }
  }

  const char* const begin_;
  const char* p_;
  const char* const end_;
  const char* counted_to_;  // newlines before this point are counted
  size_t newlines_ = 0;     // ... this many
  const char* line_start_;  // start of the line counted_to_ is on
  const ParseOptions& options_;
  const ParseFilter* filter_;
  size_t next_release_ = 0;  // 0: no release callback
  size_t released_to_ = 0;   // the text before this offset was released

  std::vector<Frame> stack_;
  std::vector<Value> values_;      // finished values whose container is still open
  std::vector<std::string> keys_;  // keys of members of open objects
  std::string scratch_;            // decoded text of strings with escapes
  /// An open container of a dropped part.
  struct SkipOpen {
    const char* at;    // its '{' or '['
    size_t depth = 1;  // (second thread) nesting levels in it so far, itself included
    size_t note = 0;   // (second thread) its entry in ahead_->containers
  };
  std::vector<SkipOpen> skip_stack_;
  Ahead* ahead_ = nullptr;     // main parser: the second thread's findings
  bool ahead_joined_ = false;  // ... once it has stopped
  size_t ahead_next_ = 0;      // the first container in it not yet passed
  bool noting_ = false;        // this is the second thread
  std::string probe_key_;      // the member Probe() shows the filter, when decoded
  Value probe_value_;

  LineIndex lines_;
  bool recording_ = true;   // recording line starts (not inside a dropped part)
  bool span_used_ = false;  // a kept value lies in the last span

  const char* error_at_ = nullptr;
  std::string error_message_;
};

void Parser::CountLinesTo(const char* to) {
  if (to <= counted_to_) return;
  if (recording_) {
    for (const char* p = counted_to_;;) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(to - p));
      if (nl == nullptr) break;
      p = static_cast<const char*>(nl) + 1;
      ++newlines_;
      line_start_ = p;
      lines_.starts_.push_back(Offset(p));
    }
  } else {
    const size_t n = CountNewlines(counted_to_, to);
    if (n != 0) {
      newlines_ += n;
      line_start_ = static_cast<const char*>(
                        memrchr(counted_to_, '\n', static_cast<size_t>(to - counted_to_))) +
                    1;
    }
  }
  counted_to_ = to;
}

IAMLINT_ALWAYS_INLINE bool Parser::StepValue(State* state) {
  if (p_ == end_) return FailEof();
  const char c = *p_;
  if (c != '[' && c != '{') {
    if (!ParseScalar() || !AfterScalar()) return false;
    *state = State::kAfterValue;
    return true;
  }
  if (stack_.size() >= options_.max_depth) return FailTooDeep();
  int child = ChildState();
  if (child == ParseFilter::kDrop) {
    if (!DropValue()) return false;
    *state = State::kAfterValue;
    return true;
  }
  if (child != ParseFilter::kAll && c == '{' && !stack_.empty()) {
    const Probed probed = Probe(&child);
    if (probed == Probed::kFailed) return false;
    if (probed == Probed::kDropped) {
      *state = State::kAfterValue;
      return true;
    }
  }
  const bool is_object = c == '{';
  OpenContainer(is_object, child);
  SkipWhitespace();
  if (p_ == end_) return FailEof();
  if (*p_ == (is_object ? '}' : ']')) {
    ++p_;
    CloseContainer();
    *state = State::kAfterValue;
  } else {
    *state = is_object ? State::kKey : State::kValue;
  }
  return true;
}

IAMLINT_ALWAYS_INLINE bool Parser::StepKey(State* state) {
  if (p_ == end_) return FailEof();
  if (*p_ != '"') return FailKey();
  std::string_view key;
  if (!ParseString<true>(&key)) return false;
  keys_.emplace_back(key);
  SkipWhitespace();
  if (p_ == end_) return FailEof();
  if (*p_ != ':') return Fail(p_, "expected ':' after object key");
  ++p_;
  SkipWhitespace();
  *state = State::kValue;
  return true;
}

IAMLINT_ALWAYS_INLINE bool Parser::StepAfterValue(State* state) {
  SkipWhitespace();
  if (p_ == end_) return FailEof();
  const bool is_object = stack_.back().is_object;
  const char close = is_object ? '}' : ']';
  if (*p_ == ',') {
    if (!SkipCommaAt(&p_, close)) return false;
    *state = is_object ? State::kKey : State::kValue;
  } else if (*p_ == close) {
    ++p_;
    CloseContainer();
  } else {
    return FailAfterValue(is_object);
  }
  return true;
}

bool Parser::Finish(Document* out) {
  SkipWhitespace();
  if (p_ != end_) {
    if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
    return Fail(p_, "trailing data after the JSON value");
  }
  if (out != nullptr) {
    CountLinesTo(end_);
    lines_.spans_.back().end = Offset(end_);
    out->root_ = std::move(values_.back());
    out->lines_ = std::move(lines_);
  }
  return true;
}

bool Parser::Run(Document* out, Ahead* ahead) {
  ahead_ = ahead;
  lines_.spans_.push_back(LineIndex::Span{});
  if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) {
    return Fail(p_, "byte order mark (BOM) before the JSON value; save the file without it");
  }
  SkipWhitespace();
  if (p_ == end_) return Fail(p_, "empty input (no JSON value)");

  values_.reserve(64);
  State state = State::kValue;
  for (;;) {
    bool ok = false;
    switch (state) {
      case State::kValue:  // p_ is at a non-whitespace character or the end
        ok = StepValue(&state);
        break;
      case State::kKey:  // p_ is at a non-whitespace character or the end
        ok = StepKey(&state);
        break;
      case State::kAfterValue:
        if (stack_.empty()) return Finish(out);
        ok = StepAfterValue(&state);
        break;
    }
    if (!ok) return false;
  }
}

template <bool kNote>
bool Parser::Skip(const char* in_object) {
  // The hot loop of a filtered parse: a local cursor, the common cases inline, and the
  // careful code (escapes, UTF-8, numbers, every error) shared with the rest of the parser
  // through p_.
  const char* p = p_;
  const char* const end = end_;
  std::vector<SkipOpen>& open = skip_stack_;
  open.clear();
  bool object = false;  // the innermost open container is an object
  if (in_object != nullptr) {
    OpenSkipped<kNote>(in_object);
    object = true;
    goto after_value;
  }
  for (;;) {
    // At a value.
    if (p == end) return FailEof();
    if (*p == '"') {
      if (!SkipPlainString(&p) && !SkipOtherString(&p)) return false;
    } else if (*p == '{' || *p == '[') {
      if (stack_.size() + open.size() >= options_.max_depth) {
        p_ = p;
        return FailTooDeep();
      }
      object = *p == '{';
      OpenSkipped<kNote>(p);
      ++p;
      SkipWhitespaceAt(&p);
      if (p == end) return FailEof();
      if (*p == (object ? '}' : ']')) {
        ++p;
        CloseSkipped<kNote>(p, &object);
      } else if (object) {
        goto key;
      } else {
        continue;  // the first element
      }
    } else {
      p_ = p;
      if (!ReadScalar(nullptr)) return false;
      p = p_;
    }

  after_value:
    for (;;) {
      if (open.empty()) {
        p_ = p;
        return true;
      }
      SkipWhitespaceAt(&p);
      if (p == end) return FailEof();
      const char close = object ? '}' : ']';
      if (*p == ',') {
        if (!SkipCommaAt(&p, close)) return false;
        break;
      }
      if (*p != close) {
        p_ = p;
        return FailAfterValue(object);
      }
      ++p;
      CloseSkipped<kNote>(p, &object);
      if (next_release_ != 0 && Offset(p) >= next_release_) {
        p_ = p;
        MaybeRelease();
      }
      if (kNote && ahead_->stop.load(std::memory_order_relaxed)) return false;
    }
    if (!object) continue;  // the next element

  key:
    if (!SkipKeyAt(&p)) return false;
  }
}

template <bool kNote>
IAMLINT_ALWAYS_INLINE void Parser::OpenSkipped(const char* at) {
  SkipOpen o{at};
  if (kNote) {  // noted in text order; dropped again at its close if small
    o.note = ahead_->containers.size();
    ahead_->containers.emplace_back().open = Offset(at);
  }
  skip_stack_.push_back(o);
}

template <bool kNote>
IAMLINT_ALWAYS_INLINE void Parser::CloseSkipped(const char* p, bool* object) {
  std::vector<SkipOpen>& open = skip_stack_;
  const SkipOpen o = open.back();
  open.pop_back();
  if (kNote) {
    std::vector<Ahead::Container>& notes = ahead_->containers;
    const auto size = static_cast<size_t>(p - o.at);
    if (size < Ahead::kMinSize) {
      notes.pop_back();  // the last one: what it holds is smaller still, and gone already
    } else if (size <= Ahead::kMaxSize) {  // bigger ones stay not validated (size 0)
      Ahead::Container& c = notes[o.note];
      c.newlines = static_cast<uint32_t>(CountNewlines(o.at, p));
      if (c.newlines != 0) {
        c.line_start =
            static_cast<uint32_t>(static_cast<const char*>(memrchr(o.at, '\n', size)) + 1 - o.at);
      }
      c.depth = static_cast<uint32_t>(o.depth);
      c.size = static_cast<uint32_t>(size);
    }
    if (!open.empty()) open.back().depth = std::max(open.back().depth, o.depth + 1);
  }
  *object = !open.empty() && *open.back().at == '{';
}

void Parser::Prescan(Ahead* ahead) {
  ahead_ = ahead;
  noting_ = true;
  p_ = begin_ + ahead->from;
  released_to_ = ahead->from;
  next_release_ = next_release_ == 0 ? 0 : ahead->from + kReleaseEvery;
  // Outside the containers it opens it cannot tell keys from values, nor objects from
  // arrays: there it only reads the tokens.
  for (;;) {
    SkipWhitespace();
    if (p_ == end_ || ahead->stop.load(std::memory_order_relaxed)) return;
    switch (*p_) {
      case '"':
        if (!ParseString<false>(nullptr)) return;
        break;
      case '{':
      case '[':
        if (!Skip<true>()) return;
        break;
      case '}':
      case ']':
      case ',':
      case ':':
        ++p_;
        break;
      default:
        if (!ReadScalar(nullptr)) return;
        break;
    }
  }
}

const Ahead::Container* Parser::Validated(const char* open) {
  if (ahead_ == nullptr || Offset(open) < ahead_->from) return nullptr;
  if (!ahead_joined_) {
    // Use what it has validated so far; the main parser does the rest.
    ahead_->stop.store(true, std::memory_order_relaxed);
    ahead_->thread.join();
    ahead_joined_ = true;
  }
  // Notes are in text order, and so are the main parser's questions.
  const std::vector<Ahead::Container>& notes = ahead_->containers;
  const size_t at = Offset(open);
  while (ahead_next_ < notes.size() && notes[ahead_next_].open < at) ++ahead_next_;
  if (ahead_next_ == notes.size() || notes[ahead_next_].open != at) return nullptr;
  // Not validated when too big to be worth it, or still open when the second thread stopped.
  return notes[ahead_next_].size != 0 ? &notes[ahead_next_] : nullptr;
}

bool Parser::SkipDropped(const char* open, bool in_object) {
  const Ahead::Container* c = Validated(open);
  // Skip() would fail (too deep) where it opens the deepest container within.
  if (c == nullptr || stack_.size() + c->depth - 1 >= options_.max_depth) {
    return Skip<false>(in_object ? open : nullptr);
  }
  p_ = open + c->size;
  newlines_ += c->newlines;  // counted_to_ is at `open` (BeginDropped)
  if (c->newlines != 0) line_start_ = open + c->line_start;
  counted_to_ = p_;
  return true;
}

int Parser::ChildState() const {
  if (filter_ == nullptr) return ParseFilter::kAll;
  if (stack_.empty()) {
    const int root = filter_->Root();
    return root == ParseFilter::kDrop ? ParseFilter::kAll : root;
  }
  const Frame& parent = stack_.back();
  if (parent.state == ParseFilter::kAll) return ParseFilter::kAll;
  return filter_->Enter(parent.state,
                        parent.is_object ? std::string_view(keys_.back()) : std::string_view());
}

Parser::Probed Parser::Probe(int* state) {
  const char* open = p_;
  const int initial = *state;
  int now = initial;
  ++p_;
  SkipWhitespace();
  // Only the happy path is followed here: on anything else the object is parsed as usual,
  // which reports errors as usual. Errors met here are those the parse would meet.
  while (p_ != end_ && *p_ == '"') {
    std::string_view key;
    if (!ParseString<true>(&key)) return Probed::kFailed;
    if (key.data() == scratch_.data()) {  // decoded in scratch_, which the value may reuse
      probe_key_.assign(key);
      key = probe_key_;
    }
    SkipWhitespace();
    if (p_ == end_ || *p_ != ':') break;
    ++p_;
    SkipWhitespace();
    if (p_ == end_ || *p_ == '{' || *p_ == '[') break;  // an object or array member
    Value& v = probe_value_;
    if (*p_ == '"') {
      std::string_view text;
      if (!ParseString<true>(&text)) return Probed::kFailed;
      v.type_ = Type::kString;
      v.str_.assign(text);
    } else if (!ReadScalar(&v)) {
      return Probed::kFailed;
    }
    now = filter_->Member(now, key, v);
    if (now == ParseFilter::kDrop) {
      BeginDropped(open);
      if (!SkipDropped(open, /*in_object=*/true)) return Probed::kFailed;
      EndDropped();
      return Probed::kDropped;
    }
    if (now == ParseFilter::kAll) break;
    SkipWhitespace();
    if (p_ == end_ || *p_ != ',') break;
    ++p_;
    SkipWhitespace();
  }
  p_ = open;
  // Kept: parsed from the start, the filter asked again about the same members.
  *state = now == ParseFilter::kAll ? ParseFilter::kAll : initial;
  return Probed::kParse;
}

void Parser::OpenContainer(bool is_object, int state) {
  Frame frame{Offset(p_), values_.size(), keys_.size()};
  frame.state = state;
  frame.is_object = is_object;
  if (state != ParseFilter::kAll) {  // might be dropped: remember the line bookkeeping
    frame.span_used = span_used_;
    frame.spans = lines_.spans_.size();
    frame.starts = lines_.starts_.size();
    frame.newlines = newlines_;
    frame.counted_to = counted_to_;
    frame.line_start = line_start_;
  }
  stack_.push_back(frame);
  span_used_ = true;
  ++p_;
}

bool Parser::AfterScalar() {
  if (filter_ == nullptr || stack_.empty()) return true;
  Frame& frame = stack_.back();
  if (!frame.is_object || frame.state == ParseFilter::kAll) return true;
  const int next = filter_->Member(frame.state, keys_.back(), values_.back());
  if (next != ParseFilter::kDrop) {
    frame.state = next;
    return true;
  }
  if (stack_.size() == 1) {  // the root is kept
    frame.state = ParseFilter::kAll;
    return true;
  }
  return DropOpenContainer();
}

bool Parser::DropOpenContainer() {
  const Frame frame = stack_.back();
  stack_.pop_back();
  values_.erase(values_.begin() + static_cast<std::ptrdiff_t>(frame.values_begin), values_.end());
  keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(frame.keys_begin), keys_.end());
  // Forget the lines recorded inside it, as if it had been dropped unread.
  lines_.spans_.resize(frame.spans);
  lines_.starts_.resize(frame.starts);
  span_used_ = frame.span_used;
  newlines_ = frame.newlines;
  counted_to_ = frame.counted_to;
  line_start_ = frame.line_start;
  BeginDropped(begin_ + frame.offset);
  if (!SkipDropped(begin_ + frame.offset, /*in_object=*/true)) return false;
  EndDropped();
  return true;
}

bool Parser::DropValue() {
  BeginDropped(p_);
  if (!SkipDropped(p_, /*in_object=*/false)) return false;
  EndDropped();
  return true;
}

void Parser::BeginDropped(const char* at) {
  CountLinesTo(at);
  LineIndex::Span& last = lines_.spans_.back();
  last.end = Offset(at);
  // A span holding no kept value (the gap between two dropped parts) is not worth keeping.
  if (!span_used_ && lines_.spans_.size() > 1) {
    lines_.starts_.resize(last.starts);
    lines_.spans_.pop_back();
  }
  recording_ = false;
}

void Parser::EndDropped() {
  CountLinesTo(p_);
  recording_ = true;
  LineIndex::Span span;
  span.begin = Offset(p_);
  span.end = span.begin;
  span.first_line = newlines_ + 1;
  span.line_start = Offset(line_start_);
  span.starts = lines_.starts_.size();
  lines_.spans_.push_back(span);
  span_used_ = false;
  // The dropped value counts in its array (source_index of later elements); a dropped
  // member is forgotten with its key.
  if (!stack_.empty()) {
    Frame& parent = stack_.back();
    if (parent.is_object) {
      keys_.pop_back();
    } else {
      ++parent.count;
    }
  }
  MaybeRelease();
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

bool Parser::FailKey() {
  if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
  if (*p_ == '\'') return Fail(p_, "strings must be enclosed in double quotes");
  return Fail(p_, "expected a double-quoted object key, found " + Describe(*p_));
}

bool Parser::FailAfterValue(bool is_object) {
  if (*p_ == '/') return Fail(p_, "comments are not allowed in JSON");
  return Fail(p_, is_object ? "expected ',' or '}' after object member"
                            : "expected ',' or ']' after array element");
}

bool Parser::ParseScalar() {
  const size_t offset = Offset(p_);
  span_used_ = true;
  Value v;
  v.offset_ = offset;
  if (*p_ == '"') {
    std::string_view s;
    if (!ParseString<true>(&s)) return false;
    v.type_ = Type::kString;
    v.str_.assign(s);
  } else if (!ReadScalar(&v)) {
    return false;
  }
  Push(std::move(v));
  return true;
}

bool Parser::ReadScalar(Value* v) {
  const char c = *p_;
  if (c == 't' || c == 'f' || c == 'n') {
    if (!ParseLiteral(c == 't' ? "true" : c == 'f' ? "false" : "null")) return false;
    if (v != nullptr) {
      v->type_ = c == 'n' ? Type::kNull : Type::kBool;
      v->bool_ = c == 't';
    }
    return true;
  }
  if (c != '-' && !IsDigit(c)) return FailUnexpectedValue();
  std::string_view text;
  if (!ScanNumber(&text)) return false;
  if (v != nullptr) {
    v->type_ = Type::kNumber;
    v->str_.assign(text);
  }
  return true;
}

bool Parser::ParseLiteral(std::string_view word) {
  const auto avail = static_cast<size_t>(end_ - p_);
  if (avail >= word.size() && std::memcmp(p_, word.data(), word.size()) == 0) {
    const char* after = p_ + word.size();
    if (after == end_ || !(std::isalnum(static_cast<unsigned char>(*after)) || *after == '_')) {
      p_ = after;
      return true;
    }
  } else if (avail < word.size() && std::memcmp(p_, word.data(), avail) == 0) {
    return FailEof();
  }
  return Fail(p_, "invalid literal (expected true, false or null)");
}

// On entry p_ is at '-' or a digit. On success p_ is past the number and *text views it.
bool Parser::ScanNumber(std::string_view* text) {
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
  *text = std::string_view(start, static_cast<size_t>(p - start));
  return true;
}

// On entry p_ is at the opening quote. On success p_ is past the closing quote and, when
// kKeep, *out views either the source text (no escapes) or scratch_. Without kKeep the
// string is only validated, its decoded size counted for the limit.
template <bool kKeep>
bool Parser::ParseString(std::string_view* out) {
  const char* quote = p_;
  const char* p = p_ + 1;
  const char* run = p;  // start of the not yet copied plain text
  bool escaped = false;
  size_t saved = 0;  // bytes escapes take in the text beyond what they decode to
  for (;;) {
    p = ScanString(p, end_);
    if (p == end_) return FailUnterminated(quote);
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') break;
    if (c == '\\') {
      if (kKeep) {
        if (!escaped) {
          scratch_.clear();
          escaped = true;
        }
        scratch_.append(run, p);
      }
      p_ = p;
      size_t decoded = 0;
      if (!ParseEscape(quote, kKeep ? &scratch_ : nullptr, &decoded)) return false;
      saved += static_cast<size_t>(p_ - p) - decoded;
      if (static_cast<size_t>(p_ - quote - 1) - saved > options_.max_string_bytes) {
        return FailTooLong(quote);
      }
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
  if (static_cast<size_t>(p - quote - 1) - saved > options_.max_string_bytes) {
    return FailTooLong(quote);
  }
  if (kKeep) {
    if (escaped) {
      scratch_.append(run, p);
      *out = scratch_;
    } else {
      *out = std::string_view(run, static_cast<size_t>(p - run));
    }
  }
  p_ = p + 1;
  return true;
}

// On entry p_ is at a backslash inside a string; validates the escape, appends the decoded
// character to `sink` (when not null), sets *decoded to its size in UTF-8 and moves p_ past
// the escape.
bool Parser::ParseEscape(const char* quote, std::string* sink, size_t* decoded) {
  const char* backslash = p_;
  if (end_ - p_ < 2) return FailUnterminated(quote);
  char c;
  switch (p_[1]) {
    case '"':
      c = '"';
      break;
    case '\\':
      c = '\\';
      break;
    case '/':
      c = '/';
      break;
    case 'b':
      c = '\b';
      break;
    case 'f':
      c = '\f';
      break;
    case 'n':
      c = '\n';
      break;
    case 'r':
      c = '\r';
      break;
    case 't':
      c = '\t';
      break;
    case 'u': {
      if (end_ - p_ < 6) return FailUnterminated(quote);
      const int32_t unit = ReadHex4(p_ + 2);
      if (unit < 0) return Fail(backslash, "invalid \\u escape (expected 4 hex digits)");
      auto cp = static_cast<uint32_t>(unit);
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
      *decoded = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (sink != nullptr) AppendUtf8(sink, cp);
      p_ += length;
      return true;
    }
    default:
      return Fail(backslash, "invalid escape '\\" + std::string(1, p_[1]) + "' in string");
  }
  *decoded = 1;
  if (sink != nullptr) sink->push_back(c);
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
  Push(std::move(container));
  MaybeRelease();
}

void Parser::ErrorPosition(ParseError* err) const {
  const char* at = error_at_;
  err->offset = Offset(at);
  size_t line = newlines_ + 1;
  const char* start = line_start_;
  if (at >= counted_to_) {
    const size_t more = CountNewlines(counted_to_, at);
    line += more;
    if (more != 0) {
      start = static_cast<const char*>(
                  memrchr(counted_to_, '\n', static_cast<size_t>(at - counted_to_))) +
              1;
    }
  } else {
    line -= CountNewlines(at, counted_to_);
    const void* nl = memrchr(begin_, '\n', static_cast<size_t>(at - begin_));
    start = nl == nullptr ? begin_ : static_cast<const char*>(nl) + 1;
  }
  err->line = line;
  err->column = static_cast<size_t>(at - start) + 1;
}

namespace {

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
  v.index_ = static_cast<uint32_t>(items_.size());
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
  Span all;
  all.end = text.size();
  spans_.push_back(all);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p != end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<size_t>(p - begin));
  }
}

const LineIndex::Span* LineIndex::SpanOf(size_t offset) const {
  if (spans_.empty()) return nullptr;
  auto it = std::upper_bound(spans_.begin(), spans_.end(), offset,
                             [](size_t o, const Span& s) { return o < s.begin; });
  return it == spans_.begin() ? &spans_.front() : &*(it - 1);
}

std::pair<size_t, size_t> LineIndex::Locate(const Span& s, size_t offset) const {
  offset = std::min(offset, s.end);
  const size_t last = &s == &spans_.back() ? starts_.size() : (&s + 1)->starts;
  const auto first = starts_.begin() + static_cast<std::ptrdiff_t>(s.starts);
  const auto stop = starts_.begin() + static_cast<std::ptrdiff_t>(last);
  const auto it = std::upper_bound(first, stop, offset);
  const auto n = static_cast<size_t>(it - first);
  return {s.first_line + n, n == 0 ? s.line_start : *(it - 1)};
}

size_t LineIndex::LineOf(size_t offset) const {
  const Span* s = SpanOf(offset);
  return s == nullptr ? 0 : Locate(*s, offset).first;
}

size_t LineIndex::ColumnOf(size_t offset) const {
  const Span* s = SpanOf(offset);
  if (s == nullptr || offset > s->end) return 0;  // not built from a text, or in a dropped part
  return offset - Locate(*s, offset).second + 1;
}

bool Parse(std::string_view text, Document* out, ParseError* err, const ParseOptions& options) {
  Parser parser(text, options);
  // The second thread starts a little before the middle: the main parser reads more
  // carefully (it builds what it keeps), and after the middle it still walks the tokens
  // around the containers it steps over.
  const char* from = nullptr;
  if (options.parallel && options.filter != nullptr && text.size() >= options.parallel_from &&
      std::thread::hardware_concurrency() > 1) {
    const std::string_view rest = text.substr(text.size() / 20 * 9);
    const std::string_view near = rest.substr(0, size_t{1} << 20);
    if (size_t nl = near.find('\n'); nl != std::string_view::npos) {
      from = rest.data() + nl + 1;
    } else if (size_t obj = rest.find(",{\""); obj != std::string_view::npos) {
      from = rest.data() + obj + 1;
    }
  }
  Ahead ahead;
  ParseOptions helper_options;
  std::optional<Parser> helper;
  if (from != nullptr) {
    helper_options.max_depth = options.max_depth;
    helper_options.max_string_bytes = options.max_string_bytes;
    helper_options.release = options.release;
    helper.emplace(text, helper_options);
    ahead.from = static_cast<size_t>(from - text.data());
    ahead.thread = std::thread([&helper, &ahead] { helper->Prescan(&ahead); });
  }
  const bool ok = parser.Run(out, from != nullptr ? &ahead : nullptr);
  if (ahead.thread.joinable()) {
    ahead.stop.store(true, std::memory_order_relaxed);
    ahead.thread.join();
  }
  if (!ok) {
    if (err != nullptr) {
      parser.ErrorPosition(err);
      err->message = parser.error_message();
    }
    return false;
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
