// Terraform resource addresses: `module.a["x"].aws_iam_role.r[0]`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iamlint {

/// One segment of a Terraform address: `name` plus an optional `[key]` text.
struct Segment {
  std::string name;
  std::string key;  // e.g. `0` or `"dev"`, without the brackets; empty when none
};

/// Splits `module.a["x.y"].aws_iam_role.r[0].arn` into segments, honouring quotes.
std::vector<Segment> SplitAddress(std::string_view a);

/// Joins segments [from, to) with dots, with their keys when `keys`.
std::string JoinSegments(const std::vector<Segment>& segs, size_t from, size_t to, bool keys);

}  // namespace iamlint
