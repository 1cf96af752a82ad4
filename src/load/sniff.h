// Recognising an input by its content: a parsed document by its keys (the KeySignatures
// table), and a file that does not parse by the keys and words it still shows, so that a broken
// input is an error while another tool's file is skipped.
#pragma once

#include <string>
#include <string_view>

#include "json/json.h"
#include "load/load.h"

namespace iamlint {

/// Recognises a parsed JSON document by its keys. Returns kUnknown when it is
/// none of the inputs iamlint reads; `why` then says what it looks like.
InputKind SniffJson(const json::Value& root, std::string* why);

/// Whether a file that failed to parse as JSON was meant as one of our inputs.
bool LooksLikeInputText(std::string_view text);

/// Whether the text of a file that does not parse was meant as a CloudFormation template.
bool LooksLikeTemplateText(std::string_view text);

}  // namespace iamlint
