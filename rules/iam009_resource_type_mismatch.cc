// IAM009 resource-type-mismatch: a resource ARN that none of the action's resource types fit.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "data/catalogue.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM009",
    .name = "resource-type-mismatch",
    .severity = Severity::kWarning,
    .summary = "Statement pairs an action with resource ARNs it never applies to",
    .what =
        "For Allow statements that name actions exactly and list concrete resource ARNs (without "
        "wildcards), checks each action against the ARN templates of its resource types in the "
        "bundled service authorization reference. Reports an action none of whose resource types "
        "fits any of the statement's ARNs -- the classic `s3:GetObject` on `arn:aws:s3:::bucket` "
        "(the bucket, not its objects). Actions of one statement that miss the same resource "
        "types are one finding.",
    .why =
        "IAM accepts the statement, but the action is never allowed by it: the workload gets "
        "AccessDenied while the policy looks right.",
    .example =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": "
        "\"arn:aws:s3:::my-app-uploads\"}",
    .fix =
        "Use the ARN form of the resource the action acts on (for S3 objects: "
        "`arn:aws:s3:::bucket/*`), or split the statement.",
    .references =
        {
            "https://docs.aws.amazon.com/service-authorization/latest/reference/"
            "reference_policies_actions-resources-contextkeys.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_resource.html",
        },
};

/// An ARN template (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as a glob.
std::string TemplateGlob(std::string_view t) {
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      size_t end = t.find('}', i);
      if (end == std::string_view::npos) break;
      out.push_back('*');
      i = end;
    } else {
      out.push_back(t[i]);
    }
  }
  return out;
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : PoliciesToValidate(scope)) {
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || st.not_action || st.not_resource || st.unknown_core ||
          st.resources.empty()) {
        continue;
      }
      bool concrete = true;
      for (const auto& r : st.resources) {
        concrete =
            concrete && r.rfind("arn:", 0) == 0 && r.find_first_of("*?$") == std::string::npos;
      }
      if (!concrete) continue;
      // Actions that miss for the same reason (same resource types) make one finding: a
      // statement of object actions on a bucket ARN is one mistake, not one per action.
      std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> misses;
      for (const auto& a : st.actions) {
        if (a.find_first_of("*?") != std::string::npos) continue;
        const ActionInfo* info = FindAction(a);
        if (info == nullptr || info->resource_types.empty()) continue;
        const std::string service = a.substr(0, a.find(':'));
        bool fits = false;
        std::vector<std::string> templates;
        for (auto type : info->resource_types) {
          std::string_view arn = ResourceTypeArn(service, type);
          if (arn.empty()) {
            fits = true;  // a type the catalogue does not describe: cannot tell
            break;
          }
          templates.emplace_back(arn);
          for (const auto& r : st.resources) fits = fits || GlobMatches(TemplateGlob(arn), r);
        }
        if (fits) continue;
        auto same = std::find_if(misses.begin(), misses.end(),
                                 [&](const auto& m) { return m.first == templates; });
        if (same == misses.end()) {
          misses.push_back({templates, {}});
          same = misses.end() - 1;
        }
        const std::string name(info->name);
        if (std::find(same->second.begin(), same->second.end(), name) == same->second.end()) {
          same->second.push_back(name);
        }
      }
      for (const auto& [templates, actions] : misses) {
        const bool one = actions.size() == 1;
        out.Add(kInfo, {.resource = p.resource,
                        .loc = st.loc,
                        .message = "policy " + p.resource + " allows " + JoinLimited(actions, 4) +
                                   " on " + JoinLimited(st.resources, 2) + ", which " +
                                   (one ? "it" : "they") + " never " + (one ? "applies" : "apply") +
                                   " to (" + (one ? "it" : "they") + " take" + (one ? "s " : " ") +
                                   JoinLimited(templates, 2) + ")",
                        .hint = "use the ARN of the resource type the action acts on"});
      }
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
