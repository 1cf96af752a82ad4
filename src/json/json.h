// A small JSON document model that remembers where every value came from.
//
// nlohmann-json (Debian 12: 3.11.2) cannot report the position of a value,
// and iamlint must point users at the line of the offending statement, so
// inputs are parsed with this parser. It is strict RFC 8259 JSON, with
// explicit limits (nesting depth, string size) that turn hostile input into
// a located error instead of a stack overflow.
//
//   json::Document doc;
//   json::ParseError err;
//   if (!json::Parse(text, &doc, &err)) { ... err.line, err.column, err.message ... }
//   const json::Value* v = doc.root().Find("planned_values");
//   size_t line = doc.LineOf(v->offset());
//
// Big inputs can be parsed with a ParseFilter that drops, while parsing, the parts a caller
// does not read: they are validated as strictly as the rest (and their errors located the
// same way) but never materialised, so memory follows what is kept, not the file size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iamlint::json {

enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

/// Name of a type for messages: "null", "boolean", "number", "string", "array", "object".
const char* TypeName(Type t);
/// The same with its article, for messages: "a string", "an object", "an array".
inline std::string TypeNameWithArticle(Type t) {
  return (t == Type::kObject || t == Type::kArray ? "an " : "a ") + std::string(TypeName(t));
}

class Value;
class Parser;  // json.cc

/// One `"key": value` pair of an object, in document order.
struct Member {
  std::string key;
  std::unique_ptr<Value> value;  // never null once parsed
};

/// A parsed JSON value. Objects keep their members in document order and keep
/// duplicate keys (Find returns the last one, as JavaScript and Python do).
/// Numbers keep their source text, so huge numbers are not lost.
class Value {
 public:
  Value() = default;
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  Value(Value&&) noexcept = default;
  Value& operator=(Value&&) noexcept = default;
  ~Value() = default;

  static Value Null(size_t offset = 0);
  static Value Bool(bool b, size_t offset = 0);
  static Value Number(std::string text, size_t offset = 0);
  static Value String(std::string s, size_t offset = 0);
  static Value Array(size_t offset = 0);
  static Value Object(size_t offset = 0);

  Type type() const { return type_; }
  bool IsNull() const { return type_ == Type::kNull; }
  bool IsBool() const { return type_ == Type::kBool; }
  bool IsNumber() const { return type_ == Type::kNumber; }
  bool IsString() const { return type_ == Type::kString; }
  bool IsArray() const { return type_ == Type::kArray; }
  bool IsObject() const { return type_ == Type::kObject; }

  /// Byte offset of the value's first character in the parsed text.
  size_t offset() const { return offset_; }
  void set_offset(size_t o) { offset_ = o; }
  /// For an array element: its index in the array as written in the text. It differs from
  /// its position in items() when a ParseFilter dropped elements before it.
  size_t source_index() const { return index_; }

  bool AsBool() const { return bool_; }
  /// For strings: the decoded UTF-8 text. For numbers: the source text (e.g. "1e400").
  const std::string& str() const { return str_; }
  /// Number as double (inf for out-of-range values); 0 for non-numbers.
  double AsDouble() const;

  /// Array elements (empty for non-arrays).
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& mutable_items() { return items_; }
  /// Object members in document order (empty for non-objects).
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& mutable_members() { return members_; }

  /// Object lookup: the last member with this key, or nullptr (also for non-objects).
  const Value* Find(std::string_view key) const;
  /// Array element, or nullptr when out of range or not an array.
  const Value* At(size_t i) const;
  /// Resolve an RFC 6901 JSON pointer ("" is this value). nullptr when absent.
  const Value* AtPointer(std::string_view pointer) const;

  /// Appends (for arrays / objects built by hand, e.g. from YAML).
  Value& Push(Value v);
  Value& Add(std::string key, Value v);

  /// Compact JSON serialisation (keys in document order).
  std::string Dump() const;

 private:
  friend class Parser;

  Type type_ = Type::kNull;
  bool bool_ = false;
  uint32_t index_ = 0;  // source_index(); fits in the padding before offset_
  size_t offset_ = 0;
  std::string str_;
  std::vector<Value> items_;
  std::vector<Member> members_;
};

struct ParseError {
  size_t offset = 0;  // byte offset where the problem was found
  size_t line = 0;    // 1-based
  size_t column = 0;  // 1-based, in bytes
  std::string message;
};

/// Decides, while a text is parsed, which values to drop. Dropped values are validated as
/// strictly as kept ones (an error in them fails the parse, located as usual) but are never
/// materialised: objects and arrays the filter drops cost no memory.
///
/// The filter gives every container it cares about a state, a small integer of its own
/// choosing; kAll means "keep this value and all it holds, ask nothing more about it", so
/// the parser calls the filter only inside the few containers that have another state.
/// Methods are const: one filter can serve parses on several threads.
class ParseFilter {
 public:
  static constexpr int kAll = 0;    // keep the value and everything in it
  static constexpr int kDrop = -1;  // drop the value (not for the root: it is kept)

  virtual ~ParseFilter() = default;

  /// The state of the root value when it is an object or an array.
  virtual int Root() const = 0;
  /// The state of an object or array met in a container whose state is `parent` (not kAll):
  /// as the value of member `key` of an object, or as an array element (`key` is then empty).
  /// kDrop skips it (its members are then not reported to Member()).
  virtual int Enter(int parent, std::string_view key) const = 0;
  /// Called for an object whose state is not kAll after each of its members whose value is
  /// a string, number, boolean or null. Returns the object's new state; kDrop drops it
  /// (members already read included) and skips the rest of it.
  virtual int Member(int state, std::string_view key, const Value& value) const = 0;
};

struct ParseOptions {
  size_t max_depth = 1000;              // arrays/objects nested deeper are an error
  size_t max_string_bytes = 64u << 20;  // a single string longer than this is an error
  /// Drops what the caller will not read (nullptr: keep everything).
  const ParseFilter* filter = nullptr;
  /// Called now and then while parsing with a range [begin, end) of the text the parser is
  /// done with: a caller holding a memory-mapped file may drop those pages from memory. The
  /// text must stay readable (the parser may look back to locate an error). May be called
  /// from two threads at once when `parallel` is set.
  std::function<void(size_t begin, size_t end)> release;
  /// With a filter, a big text is parsed on two threads: while the parser works through the
  /// first half, a second thread validates the second half and notes where the objects and
  /// arrays there end, so that those the filter drops are then stepped over, not read again.
  /// Results (values, errors, lines) are the same as on one thread.
  bool parallel = false;
  size_t parallel_from = size_t{16} << 20;  // texts smaller than this use one thread
};

/// Maps byte offsets to 1-based line numbers (and columns) of one text.
///
/// Built by the parser as it goes, without a second pass over the text. With a ParseFilter,
/// only the lines of kept parts are recorded (memory follows what is kept): offsets of
/// values in the document are always exact; an offset inside a dropped part maps to the line
/// where that part began.
class LineIndex {
 public:
  LineIndex() = default;
  /// Every line of `text`.
  explicit LineIndex(std::string_view text);
  /// 1-based line of a byte offset (0 for an index not built from a text).
  size_t LineOf(size_t offset) const;
  /// 1-based column, in bytes (0 when unknown).
  size_t ColumnOf(size_t offset) const;

 private:
  friend class Parser;

  /// A stretch of text whose line starts are all recorded.
  struct Span {
    size_t begin = 0;       // first offset covered
    size_t end = 0;         // last offset covered
    size_t first_line = 1;  // line of `begin`
    size_t line_start = 0;  // offset where that line starts
    size_t starts = 0;      // index in starts_ of the first line start recorded after begin
  };

  /// The span holding `offset` (the last one beginning at or before it), or nullptr.
  const Span* SpanOf(size_t offset) const;
  /// Line and line start of `offset`, within span `s`.
  std::pair<size_t, size_t> Locate(const Span& s, size_t offset) const;

  std::vector<Span> spans_;
  std::vector<size_t> starts_;  // offsets just after each recorded '\n', ascending
};

/// A parsed text: the root value plus the line index of its text.
class Document {
 public:
  const Value& root() const { return root_; }
  Value& mutable_root() { return root_; }
  size_t LineOf(size_t offset) const { return lines_.LineOf(offset); }
  const LineIndex& lines() const { return lines_; }
  /// For documents built by hand (e.g. from YAML): sets the root and the text lines refer to.
  void Reset(Value root, std::string_view text) {
    root_ = std::move(root);
    lines_ = LineIndex(text);
  }

 private:
  friend class Parser;
  Value root_;
  LineIndex lines_;
};

/// Parses exactly one JSON value (surrounding whitespace allowed). Rejects
/// trailing data, comments, trailing commas, control characters in strings,
/// invalid UTF-8, lone surrogate escapes, NaN/Infinity, leading zeros.
/// On failure fills `err` (with line and column), leaves `out` untouched and returns false.
bool Parse(std::string_view text, Document* out, ParseError* err,
           const ParseOptions& options = ParseOptions());

/// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string PointerToken(std::string_view key);
/// Appends "/token" (escaped) to a pointer.
std::string PointerAppend(std::string_view pointer, std::string_view key);
std::string PointerAppend(std::string_view pointer, size_t index);

/// Writes `s` as a JSON string literal (with quotes), escaping as needed.
void AppendQuoted(std::string* out, std::string_view s);

}  // namespace iamlint::json
