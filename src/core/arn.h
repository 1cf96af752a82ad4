// Amazon Resource Names: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, and the account an
// ARN, a principal or a bare account ID names.
//
// The one place that splits ARNs: loaders and rules ask these functions rather than counting
// colons themselves.
#pragma once

#include <optional>
#include <string_view>

namespace iamlint {

/// The fields of an ARN, as views into the parsed text (which must outlive them).
struct Arn {
  std::string_view partition;  // "aws", "aws-cn", "aws-us-gov", ...
  std::string_view service;    // "iam", "s3", ... (empty in `arn:aws::...`, not an AWS ARN)
  std::string_view region;     // empty for global services (IAM, S3)
  std::string_view account;    // empty for S3 buckets; "aws" for AWS managed policies
  std::string_view resource;   // the rest, colons and slashes included: "role/path/name"
};

/// Splits `text` when it is an ARN: it starts with `arn:` and has the five colons that
/// separate the six fields (any of which but the first may be empty; wildcards are kept as
/// written). std::nullopt otherwise.
std::optional<Arn> ParseArn(std::string_view text);

/// The account field of an ARN (`arn:aws:iam::123456789012:role/r` -> `123456789012`);
/// empty when `text` is not an ARN or names no account.
std::string_view ArnAccount(std::string_view text);

/// Whether `text` is a bare AWS account ID: twelve decimal digits.
bool IsAccountId(std::string_view text);

/// The account a principal names: a bare account ID itself, else the account of an ARN
/// (`arn:aws:iam::123456789012:root` -> `123456789012`); empty otherwise.
std::string_view PrincipalAccount(std::string_view text);

}  // namespace iamlint
