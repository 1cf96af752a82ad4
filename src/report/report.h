// Reporters: print findings and input errors. They read a Report only.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "load/load.h"
#include "rules/rule.h"

namespace iamlint {

struct Report {
  std::vector<Finding> findings;
  std::vector<LoadError> errors;
  size_t files_loaded = 0;
  size_t files_skipped = 0;
};

/// Compiler-style text: `file:line: severity RULE message`, the resource and a fix hint.
void WriteText(const Report& report, std::ostream& out, bool color);
/// One JSON object: {"version", "findings", "errors", "summary"}.
void WriteJson(const Report& report, std::ostream& out);

/// `iamlint rules` listing and `iamlint explain ID` text.
void WriteRuleList(std::ostream& out);
void WriteExplain(const RuleInfo& rule, std::ostream& out);
/// The README's rule table (Markdown), generated from the rule metadata.
std::string RuleTableMarkdown();

}  // namespace iamlint
