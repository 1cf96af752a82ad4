// Input text is untrusted in every output: the one layer every reporter (and the command
// line's own messages) passes input-derived strings through before writing them.
#pragma once

#include <string>
#include <string_view>

namespace iamlint {

struct Report;

/// Text for a terminal or a CI log: C0 and C1 control characters, DEL, Unicode bidi
/// controls (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) and line/paragraph
/// separators (U+2028, U+2029) are written visibly (`\n`, `\x1b`, `\u202e`), and bytes that
/// are not UTF-8 as `\xNN`. The result holds no byte below 0x20 and cannot move the cursor,
/// start a line, or change how a terminal or a log viewer reads what follows.
std::string Visible(std::string_view s);

/// `s` as valid UTF-8: each byte of a malformed sequence becomes U+FFFD.
std::string ValidUtf8(std::string_view s);

/// A copy of `report` with `Visible` applied to every string that comes from the inputs
/// (findings, related locations, input errors, notices, baseline entries). The text, github
/// and junit reporters print from such a copy.
Report VisibleReport(const Report& report);

/// GitHub Actions workflow-command data: the runner's own escaping of `%`, CR and LF.
/// Apply to text that already went through `Visible` (so no other control character is left).
std::string GithubData(std::string_view s);
/// A workflow-command property value: `GithubData` plus `:` and `,`.
std::string GithubProperty(std::string_view s);

/// Markdown: `s` as an inline code span, inert on GitHub (no HTML, links, images, emphasis,
/// @mentions or #references are live in code), with a backtick fence longer than any run of
/// backticks inside and `Visible` applied; in a table cell, `|` is escaped as `\|` (GFM
/// splits cells before it reads code spans). Empty for empty text.
std::string MarkdownCode(std::string_view s, bool table_cell);

/// XML 1.0 text or attribute value: markup characters as entities, characters XML 1.0
/// forbids replaced (run `Visible` first to keep them readable), invalid UTF-8 as U+FFFD.
std::string XmlEscape(std::string_view s);

}  // namespace iamlint
