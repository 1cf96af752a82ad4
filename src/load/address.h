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

/// Module path without instance keys: `module.a["x"].module.b` -> `module.a.module.b`.
std::string StripKeys(std::string_view module_address);

/// Last instance key of a module instance address (`module.web["dev"]` -> `"dev"`).
std::string ModuleKey(std::string_view module_address);

/// Parent module instance address (`module.a[0].module.b` -> `module.a[0]`; "" for a module of
/// the root).
std::string ParentModule(std::string_view module_address);

/// An index key as written in a reference, if it is a literal (`0`, `"dev"`); "" for
/// expressions such as `each.key` or `count.index`, which the referrer's own key resolves.
std::string LiteralKey(const std::string& key);

}  // namespace iamlint
