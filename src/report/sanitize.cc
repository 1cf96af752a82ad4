#include "report/sanitize.h"

#include <cstdint>

#include "report/report.h"

namespace iamlint {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Decodes the UTF-8 sequence at `s[i]`: its length, or 0 when it is malformed (overlong,
/// a surrogate, beyond U+10FFFF, truncated).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c < 0xC2 || c > 0xF4 || i + len > s.size()) return 0;
  uint32_t v = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
      (len == 4 && (v < 0x10000 || v > 0x10FFFF))) {
    return 0;
  }
  *cp = v;
  return len;
}

/// Calls `bad(byte)` for each byte of a malformed sequence and `good(code point, its bytes)`
/// for each character.
template <class Bad, class Good>
void Scan(std::string_view s, Bad bad, Good good) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      bad(static_cast<unsigned char>(s[i]));
      ++i;
    } else {
      good(cp, s.substr(i, len));
      i += len;
    }
  }
}

void AppendByteEscape(unsigned char c, std::string* out) {
  *out += "\\x";
  *out += kHex[c >> 4];
  *out += kHex[c & 0xF];
}

/// Code points a terminal or a renderer acts on instead of showing: C1 controls, bidi
/// embeddings, overrides, isolates and marks, line and paragraph separators.
bool InvisibleControl(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string Visible(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  Scan(
      s, [&](unsigned char c) { AppendByteEscape(c, &out); },
      [&](uint32_t cp, std::string_view bytes) {
        if (cp == '\n') {
          out += "\\n";
        } else if (cp == '\r') {
          out += "\\r";
        } else if (cp == '\t') {
          out += "\\t";
        } else if (cp < 0x20 || cp == 0x7F) {
          AppendByteEscape(static_cast<unsigned char>(cp), &out);
        } else if (InvisibleControl(cp)) {
          out += "\\u";
          for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
        } else {
          out.append(bytes);
        }
      });
  return out;
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  Scan(
      s, [&](unsigned char) { out += kReplacement; },
      [&](uint32_t, std::string_view bytes) { out.append(bytes); });
  return out;
}

Report VisibleReport(const Report& report) {
  Report r = report;
  auto loc = [](Location* l) {
    l->file = Visible(l->file);
    l->pointer = Visible(l->pointer);
  };
  for (auto& f : r.findings) {
    for (std::string* s : {&f.rule, &f.name, &f.message, &f.resource, &f.hint, &f.input,
                           &f.suppression_kind, &f.suppression_reason, &f.subject}) {
      *s = Visible(*s);
    }
    loc(&f.loc);
    for (auto& rel : f.related) {
      rel.message = Visible(rel.message);
      loc(&rel.loc);
    }
  }
  for (auto& e : r.errors) {
    e.file = Visible(e.file);
    e.pointer = Visible(e.pointer);
    e.message = Visible(e.message);
  }
  for (auto& n : r.notices) {
    n.file = Visible(n.file);
    n.message = Visible(n.message);
  }
  for (auto& in : r.inputs) in = Visible(in);
  r.baseline.file = Visible(r.baseline.file);
  for (auto& a : r.baseline.absent) {
    for (std::string* s : {&a.rule, &a.resource, &a.input, &a.message}) *s = Visible(*s);
  }
  return r;
}

std::string GithubData(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string GithubProperty(std::string_view s) {
  std::string out;
  for (char c : GithubData(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string MarkdownCode(std::string_view s, bool table_cell) {
  if (s.empty()) return "";
  const std::string text = Visible(s);
  size_t longest = 0;
  for (size_t i = 0, run = 0; i < text.size(); ++i) {
    run = text[i] == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  std::string body;
  for (char c : text) {
    if (table_cell && c == '|') body += '\\';
    body += c;
  }
  // A code span strips one space from each end when both are spaces, and a backtick at an end
  // would join the fence: pad with a space on each side then.
  const bool pad =
      body.front() == '`' || body.back() == '`' || (body.front() == ' ' && body.back() == ' ');
  const std::string fence(longest + 1, '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  Scan(
      s, [&](unsigned char) { out += kReplacement; },
      [&](uint32_t cp, std::string_view bytes) {
        switch (cp) {
          case '&':
            out += "&amp;";
            break;
          case '<':
            out += "&lt;";
            break;
          case '>':
            out += "&gt;";
            break;
          case '"':
            out += "&quot;";
            break;
          case '\'':
            out += "&apos;";
            break;
          default:
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
                cp == 0xFFFE || cp == 0xFFFF) {
              out += kReplacement;
            } else {
              out.append(bytes);
            }
        }
      });
  return out;
}

}  // namespace iamlint
