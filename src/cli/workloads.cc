// `iamlint workloads`: the role each workload's code runs as, one line (or JSON object) each.
#include "cli/workloads.h"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "iamlint_version.h"
#include "load/load.h"
#include "report/sanitize.h"
#include "rules/analysis.h"

namespace iamlint {
namespace {

using Json = nlohmann::ordered_json;

/// What the input shows of one role a workload names, for printing.
struct RoleView {
  const char* state = "none";  // "none", "unknown", "role" (in the inputs), "external"
  std::string role;            // its display, when in the inputs
  std::string arn;             // when known
  /// Whether its trust policy lets the platform's principal assume it: "yes", "no" or
  /// "cannot tell" (unknown at apply, or a role outside the inputs); "" when there is no role.
  std::string trusts;
  std::string trust_detail;  // for "no": what it trusts instead, or "it has no trust policy"
  bool destroyed = false;    // the ARN names a role this plan destroys
};

RoleView View(const Scope& scope, const RoleRef& ref, const std::string& principal) {
  RoleView v;
  switch (ref.state) {
    case RoleRef::State::kAbsent:
      return v;
    case RoleRef::State::kUnknown:
      v.state = "unknown";
      v.trusts = "cannot tell";
      return v;
    case RoleRef::State::kExternal:
      v.state = "external";
      v.arn = ref.arn;
      v.trusts = "cannot tell";
      v.destroyed = ref.destroyed >= 0;
      return v;
    case RoleRef::State::kResolved:
      break;
  }
  const Role& role = scope.roles[static_cast<size_t>(ref.role)];
  v.state = "role";
  v.role = role.display;
  v.arn = role.arn.value_or(ref.arn);
  // A reference by name (an instance profile's `role`, a CloudFormation Ref) is no ARN.
  if (v.arn.rfind("arn:", 0) != 0) v.arn.clear();
  if (role.trust.unknown()) {
    v.trusts = "cannot tell";
  } else if (role.trust.absent()) {
    v.trusts = "no";
    v.trust_detail = "it has no trust policy";
  } else {
    std::vector<std::string> trusted;
    std::vector<std::string> never_met;
    const Tri t = TrustAllowsService(role.trust.value(), principal, &trusted, &never_met);
    v.trusts = t == Tri::kYes ? "yes" : t == Tri::kNo ? "no" : "cannot tell";
    if (t == Tri::kNo && (!never_met.empty() ||
                          std::find(trusted.begin(), trusted.end(), principal) != trusted.end())) {
      v.trust_detail = TrustRefusal(principal, trusted, never_met);  // it names the principal
    } else if (t == Tri::kNo && !trusted.empty()) {
      v.trust_detail = "it trusts " + JoinLimited(trusted, 3);
    }
  }
  return v;
}

/// What an EC2 workload names as its instance profile, for printing ("" for other platforms).
std::string ProfileText(const Scope& scope, const Workload& w) {
  if (w.platform != Workload::Platform::kEc2) return "";
  const ProfileRef& p = w.instance_profile;
  switch (p.state) {
    case ProfileRef::State::kAbsent:
      return "none";
    case ProfileRef::State::kUnknown:
      return "known only at apply";
    case ProfileRef::State::kResolved:
      return scope.instance_profiles[static_cast<size_t>(p.profile)].display;
    case ProfileRef::State::kExternal:
      return p.name_or_arn + " (not described by these inputs)";
    case ProfileRef::State::kRole:
      return (p.name_or_arn.empty() ? "" : p.name_or_arn + " ") + "(names role " +
             scope.roles[static_cast<size_t>(p.role)].display + ", not an instance profile)";
  }
  return "";
}

/// One workload as listed.
struct Entry {
  const Scope* scope;
  const Workload* w;
  RoleView runs_as;
  RoleView platform_role;
  std::string no_code;  // why no code runs with credentials (an Amplify app without SSR)
  std::string profile;  // EC2: the instance profile named
};

/// An Amplify app that does not render on the server runs no code with credentials.
std::string NoCode(const Scope& scope, const Workload& w) {
  if (w.platform != Workload::Platform::kAmplify || w.app < 0) return "";
  const App& app = scope.apps[static_cast<size_t>(w.app)];
  if (!app.platform.known() || IsSsr(app)) return "";
  return "no server code: platform " + app.platform.value();
}

/// Why a workload's code runs with no role, as far as the input shows.
std::string NoRoleWhy(const Workload& w) {
  const PlatformInfo& p = PlatformOf(w.platform);
  if (w.platform == Workload::Platform::kEc2 &&
      w.instance_profile.state == ProfileRef::State::kRole) {
    return "its instance profile setting names a role, not an instance profile";
  }
  std::string why = std::string("it has no ") + p.runtime_role;
  if (w.platform == Workload::Platform::kEcs && !(w.fargate.known() && w.fargate.value())) {
    why += " (on the EC2 launch type its containers get the container instance's role)";
  }
  return why;
}

/// What the input does not show of a workload's definition (its values are known only at
/// apply, or a template chooses them), so the rules cannot check it; "" when all is shown.
std::string UnseenDefinition(const Workload& w) {
  if (w.definition_known) return "";
  const PlatformInfo& p = PlatformOf(w.platform);
  return std::string(p.definition) + ": cannot tell (" + p.definition_checks + " not checked)";
}

/// "aws_iam_role.task (trusts ecs-tasks.amazonaws.com)", "a role known only at apply", ...
std::string Describe(const RoleView& v, const std::string& principal) {
  const std::string state = v.state;
  if (state == "none") return "none";
  if (state == "unknown") return "a role known only at apply";
  if (state == "external") {
    return v.arn +
           (v.destroyed ? " (destroyed by this plan)" : " (a role these inputs do not describe)");
  }
  if (v.trusts == "yes") return v.role + " (trusts " + principal + ")";
  if (v.trusts == "no") {
    return v.role + " (DOES NOT TRUST " + principal +
           (v.trust_detail.empty() ? "" : ": " + v.trust_detail) + ")";
  }
  return v.role + " (its trust policy is not shown)";
}

void PrintText(const std::vector<Entry>& entries, std::ostream& out) {
  for (const Entry& e : entries) {
    const Workload& w = *e.w;
    const PlatformInfo& p = PlatformOf(w.platform);
    out << Visible(FormatPlace(w.loc)) << ": " << WorkloadNoun(w) << " " << Visible(w.display)
        << ": ";
    if (!e.no_code.empty()) {
      out << Visible(e.no_code);
    } else if (w.runtime_roles_differ) {
      out << "its branches' " << p.code << " runs as different " << p.runtime_role
          << "s (see each branch)";
    } else if (std::string(e.runs_as.state) == "none") {
      out << p.code << " runs with no role: " << NoRoleWhy(w);
    } else {
      out << p.code << " runs as its " << p.runtime_role << " "
          << Visible(Describe(e.runs_as, p.principal));
    }
    if (*p.platform_role != '\0') {
      out << "; " << p.platform_role << ": " << Visible(Describe(e.platform_role, p.principal));
    }
    if (!e.profile.empty()) out << "; instance profile: " << Visible(e.profile);
    if (const std::string unseen = UnseenDefinition(w); !unseen.empty()) out << "; " << unseen;
    out << "\n";
  }
  out << "iamlint: " << entries.size() << " workload(s)\n";
}

Json RoleJson(const RoleView& v, const char* kind, const char* principal) {
  Json j;
  j["kind"] = kind;
  j["state"] = v.state;
  j["role"] = v.role.empty() ? Json(nullptr) : Json(v.role);
  j["arn"] = v.arn.empty() ? Json(nullptr) : Json(v.arn);
  j["principal"] = principal;
  if (v.trusts == "yes" || v.trusts == "no") {
    j["trusts_principal"] = v.trusts == "yes";
  } else {
    j["trusts_principal"] = nullptr;  // no role, or cannot tell
  }
  return j;
}

void PrintJson(const std::vector<Entry>& entries, const std::vector<LoadError>& errors,
               std::ostream& out) {
  Json j;
  j["version"] = IAMLINT_VERSION;
  j["workloads"] = Json::array();
  for (const Entry& e : entries) {
    const Workload& w = *e.w;
    const PlatformInfo& p = PlatformOf(w.platform);
    Json o;
    o["workload"] = w.display;
    o["kind"] = WorkloadNoun(w);
    o["platform"] = p.id;
    o["input"] = e.scope->name;
    o["location"] = {{"file", w.loc.file},
                     {"pointer", w.loc.pointer},
                     {"line", w.loc.line == 0 ? Json(nullptr) : Json(w.loc.line)}};
    o["runs_code"] = e.no_code.empty();
    o["runs_as"] =
        w.runtime_roles_differ ? Json(nullptr) : RoleJson(e.runs_as, p.runtime_role, p.principal);
    o["platform_role"] = *p.platform_role == '\0'
                             ? Json(nullptr)
                             : RoleJson(e.platform_role, p.platform_role, p.principal);
    if (!e.profile.empty()) o["instance_profile"] = e.profile;
    o["definition_known"] = w.definition_known;
    j["workloads"].push_back(o);
  }
  j["errors"] = Json::array();
  for (const auto& e : errors) {
    j["errors"].push_back({{"file", e.file},
                           {"line", e.line == 0 ? Json(nullptr) : Json(e.line)},
                           {"pointer", e.pointer},
                           {"message", e.message}});
  }
  // Inputs may hold any bytes: invalid UTF-8 becomes U+FFFD.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace

int RunWorkloads(const WorkloadsOptions& o, std::ostream& out, std::ostream& err) {
  LoadResult loaded = LoadPaths(o.paths, LoadOptions());
  std::vector<Entry> entries;
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& w : scope.workloads) {
      const char* principal = PlatformOf(w.platform).principal;
      entries.push_back({&scope, &w, View(scope, w.runtime_role, principal),
                         View(scope, w.platform_role, principal), NoCode(scope, w),
                         ProfileText(scope, w)});
    }
  }
  // Deterministic whatever order the inputs were read in: by place, then name.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.w->loc.file, a.w->loc.line, a.w->display) <
           std::tie(b.w->loc.file, b.w->loc.line, b.w->display);
  });
  if (o.format == "json") {
    PrintJson(entries, loaded.errors, out);
  } else {
    PrintText(entries, out);
  }
  for (const auto& e : loaded.errors) {
    err << Visible(FormatPlace(e.file, e.line, e.column)) << ": input error " << Visible(e.message)
        << "\n";
  }
  return loaded.errors.empty() ? kExitOk : kExitError;
}

}  // namespace iamlint
