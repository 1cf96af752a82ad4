// Policy documents whose loader could resolve only some of their values (a CloudFormation
// intrinsic, a Terraform value known only at apply): each unknown value is written into the
// document's JSON as a marker, read by the one policy grammar, then taken out again with the
// statements that held it marked unknown. Shared by the CloudFormation loader and the
// Terraform source emitter (through the plan loader).
#pragma once

#include <string_view>

#include "core/location.h"
#include "json/json.h"
#include "model/policy.h"

namespace iamlint {

/// Stands for an unknown value inside a resolved policy document (a whole JSON string).
inline constexpr char kUnknownPart[] = "\x01iamlint-unknown\x01";
/// kUnknownPart as it is written inside a JSON string (its control characters escaped).
inline constexpr char kUnknownPartInJson[] = "\\u0001iamlint-unknown\\u0001";
/// Prefixes a Resource pattern with unknown parts as `*` (`arn:aws:s3:::${Bucket}/*`). An
/// Allow may keep it: the pattern covers every value it may take, so it can only make a role
/// seem to allow more, never less. Anywhere else (a Deny, NotResource) it is unknown.
inline constexpr char kPatternPart = '\x02';

/// The document of `resolved` (JSON holding kUnknownPart and kPatternPart strings), with its
/// unknown parts taken out and the statements holding them marked (`partially_unknown`;
/// `unknown_core` where an effect, action, resource or principal was unknown).
/// `statements_unknown`: statements were left out because what chooses them is unknown.
PolicyDocument PolicyWithUnknownParts(const json::Value& resolved, const Location& loc,
                                      const json::LineIndex* lines, bool statements_unknown);

/// Whether `text` (a policy document's JSON text) may hold an unknown part.
bool HasUnknownParts(std::string_view text);

}  // namespace iamlint
