// The IAM policy grammar: a policy document read from JSON (or URL-encoded JSON) into the
// model's PolicyDocument, every shape problem noted at its statement.
#pragma once

#include <string>
#include <string_view>

#include "core/location.h"
#include "json/json.h"
#include "model/policy.h"

namespace iamlint {

/// Builds a PolicyDocument from a parsed JSON/YAML value. `loc` locates the
/// document; statements get `loc.pointer + "/Statement/N"` and their line via
/// `lines` (may be null when the value was not parsed from the located text).
PolicyDocument PolicyFromJson(const json::Value& doc, const Location& loc,
                              const json::LineIndex* lines);

/// Decodes a policy document given as text: JSON, or URL-encoded JSON (as the
/// IAM API returns it). On failure returns false and sets `error`.
bool ParsePolicyText(std::string_view text, json::Document* out, std::string* error);

}  // namespace iamlint
