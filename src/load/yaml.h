// YAML inputs (CloudFormation templates, policies) read as JSON values: CloudFormation's
// short-form tags (`!Ref X`) become their long forms, and a budget on what the values may take
// refuses an alias bomb ("billion laughs") at the line where it goes over.
#pragma once

#include <cstddef>
#include <string>

#include "json/json.h"

namespace iamlint {

/// How reading a YAML text went.
struct YamlOutcome {
  enum class Kind {
    kOk,          // *root holds the document
    kSyntax,      // not valid YAML: `line` and `message` say where and what
    kNotMapping,  // valid YAML, but its top level is not a mapping
    kUnreadable,  // yaml-cpp could not turn a node into a value: `message`
    kTooLarge,    // aliases expand it beyond its budget: `line` is where it went over
  };
  Kind kind = Kind::kOk;
  size_t line = 0;  // from 1; 0 when unknown
  std::string message;
};

/// Reads the YAML `text` into `*root` (offsets into `text`, so lines can be found).
YamlOutcome YamlToJson(const std::string& text, json::Value* root);

}  // namespace iamlint
