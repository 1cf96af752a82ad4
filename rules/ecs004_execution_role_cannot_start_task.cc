// ECS004 execution-role-cannot-start-task: an ECS task definition's execution role does not
// allow what the ECS agent needs to start the task (its secrets, its logs, its image), or there
// is no execution role while the task needs one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/arn.h"
#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS004",
    .name = "execution-role-cannot-start-task",
    .severity = Severity::kError,
    .summary = "ECS execution role does not allow what the task needs to start",
    .what =
        "For every container of an ECS task definition, asks the policy engine whether the task "
        "execution role allows what the ECS agent does before the code runs: "
        "`secretsmanager:GetSecretValue` on each Secrets Manager secret and `ssm:GetParameters` "
        "on each SSM parameter of `secrets` (`valueFrom`, a JSON key or version suffix "
        "ignored; a bare parameter name is a parameter of the task's own account and region) and "
        "on the `repositoryCredentials` secret; `logs:CreateLogStream` and `logs:PutLogEvents` on "
        "the `awslogs-group` of the awslogs log driver, and `logs:CreateLogGroup` on it when "
        "`awslogs-create-group` is `true` (`AmazonECSTaskExecutionRolePolicy` does not allow "
        "it); `ecr:GetAuthorizationToken`, "
        "`ecr:BatchGetImage` and `ecr:GetDownloadUrlForLayer` for an image in a private ECR "
        "repository (these two for a task that can run on Fargate: on the EC2 launch type the "
        "container instance's role may do them). AWS managed policies such as "
        "`AmazonECSTaskExecutionRolePolicy` are "
        "evaluated from the bundled policy texts. It also reports a task without an execution "
        "role that needs one for any of these. A value known only at apply, a role outside the "
        "input, "
        "or a role whose policies are not all visible is never reported; a region or account the "
        "input does not show is reported only when no region or account would do (each region of "
        "the partition that iamlint knows of is asked in turn).",
    .why =
        "The task never starts: ECS stops it with `ResourceInitializationError: unable to pull "
        "secrets or registry auth` or `CannotPullContainerError`, or the log driver fails "
        "(`failed to validate logger args ... not authorized to perform: logs:CreateLogGroup`), "
        "and "
        "the service keeps launching tasks that die before the code runs.",
    .example =
        "resource \"aws_ecs_task_definition\" \"api\" {\n"
        "  execution_role_arn    = aws_iam_role.execution.arn  # AmazonECSTaskExecutionRolePolicy "
        "only\n"
        "  container_definitions = jsonencode([{\n"
        "    name = \"api\", image = \"...\",\n"
        "    secrets = [{ name = \"DB_PASSWORD\", valueFrom = aws_secretsmanager_secret.db.arn }]\n"
        "  }])\n"
        "}",
    .fix =
        "Add a policy to the execution role that allows `secretsmanager:GetSecretValue` on the "
        "task's secrets and `ssm:GetParameters` on its parameters (and `kms:Decrypt` on a "
        "customer managed key that encrypts them); attach `AmazonECSTaskExecutionRolePolicy` for "
        "ECR and CloudWatch Logs, and allow `logs:CreateLogGroup` when the log driver creates "
        "its group (or create the group with the task and drop `awslogs-create-group`); or set "
        "an execution role when there is none.",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "task_execution_IAM_role.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "secrets-envvar-secrets-manager.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "secrets-envvar-ssm-paramstore.html",
        },
};

/// Something the ECS agent needs to start the task, and the requests it makes for it.
struct Need {
  std::string what;     // "fetch secret DB_PASSWORD of container api"
  std::string subject;  // for baselines: the variable, "awslogs:CONTAINER", "image:CONTAINER"
  Location loc;
  /// The execution role's work whatever the launch type (secrets); else only on Fargate.
  bool always = true;
  std::vector<std::pair<std::string, std::string>> requests = {};  // action, resource
};

/// Stands for the region in a requested resource where the input does not show it. A `*` would
/// not do: it could take the colons after it (`arn:aws:ssm:*:...:parameter/prod/db` and
/// `arn:aws:ssm:us-east-1:...:parameter/staging/*` share an ARN with more fields), so each region
/// of the partition is asked in turn (RegionsOf).
constexpr std::string_view kAnyRegion = "{region}";

/// The regions of a partition, in which an unknown region is asked; empty for a partition not
/// listed (then the region is asked as `*`, which may overlap more than it should: the cautious
/// side).
std::vector<std::string_view> RegionsOf(const std::string& partition) {
  if (partition == "aws") {
    return {
        "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",      "af-south-1",
        "ap-east-1",      "ap-east-2",      "ap-south-1",     "ap-south-2",     "ap-southeast-1",
        "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
        "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1",
        "ca-west-1",      "eu-central-1",   "eu-central-2",   "eu-west-1",      "eu-west-2",
        "eu-west-3",      "eu-south-1",     "eu-south-2",     "eu-north-1",     "il-central-1",
        "me-south-1",     "me-central-1",   "mx-central-1",   "sa-east-1"};
  }
  if (partition == "aws-cn") return {"cn-north-1", "cn-northwest-1"};
  if (partition == "aws-us-gov") return {"us-gov-east-1", "us-gov-west-1"};
  return {};
}

/// The task's own account and partition, from the execution role's ARN when it is known, and
/// its region.
/// An unknown account is twelve `?`: any account, but one field of the ARN (a `*` could take
/// the colons after it and seem to reach another resource type's ARNs).
struct Home {
  std::string partition = "aws";
  std::string account = "????????????";
  /// The task's region where a container shows it (its awslogs-region); else kAnyRegion.
  std::string region = std::string(kAnyRegion);
};

/// The resource a secret reference names: a Secrets Manager secret (its ARN without a JSON key
/// or version suffix), an SSM parameter by ARN, or an SSM parameter by name.
std::optional<std::pair<std::string, std::string>> SecretRequest(std::string from,
                                                                 const Home& home) {
  if (std::optional<Arn> arn = ParseArn(from)) {
    // A pattern standing for a template's own secret (`arn:aws:secretsmanager:*:*:secret:...`):
    // its region and account are the task's.
    if (arn->region == "*" || arn->account == "*") {
      const std::string rest(arn->resource);
      from = "arn:" + std::string(arn->partition) + ":" + std::string(arn->service) + ":" +
             (arn->region == "*" ? home.region : std::string(arn->region)) + ":" +
             (arn->account == "*" ? home.account : std::string(arn->account)) + ":" + rest;
      arn = ParseArn(from);
      if (!arn) return std::nullopt;
    }
    if (arn->service == "secretsmanager") {
      // secret:NAME[:json-key:version-stage:version-id]
      const std::string_view res = arn->resource;
      const size_t first = res.find(':');
      if (first == std::string_view::npos || res.substr(0, first) != "secret") return std::nullopt;
      const size_t second = res.find(':', first + 1);
      const size_t cut =
          from.size() - res.size() + (second == std::string_view::npos ? res.size() : second);
      return std::make_pair("secretsmanager:GetSecretValue", from.substr(0, cut));
    }
    if (arn->service == "ssm") return std::make_pair("ssm:GetParameters", from);
    return std::nullopt;
  }
  if (from.empty()) return std::nullopt;
  const std::string name = from[0] == '/' ? from.substr(1) : from;
  return std::make_pair("ssm:GetParameters", "arn:" + home.partition + ":ssm:" + home.region + ":" +
                                                 home.account + ":parameter/" + name);
}

/// A private ECR image `ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]/REPO[:TAG|@DIGEST]`:
/// its repository's ARN, or nothing for any other registry.
std::optional<std::string> EcrRepository(const std::string& image) {
  const size_t slash = image.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string host = image.substr(0, slash);
  std::vector<std::string> labels;
  for (size_t at = 0; at <= host.size();) {
    const size_t dot = std::min(host.find('.', at), host.size());
    labels.push_back(host.substr(at, dot - at));
    at = dot + 1;
  }
  if (labels.size() < 6 || !IsAccountId(labels[0]) || labels[1] != "dkr" ||
      (labels[2] != "ecr" && labels[2] != "ecr-fips") || labels[4] != "amazonaws" ||
      labels[5] != "com" || labels.size() > 7 || (labels.size() == 7 && labels[6] != "cn")) {
    return std::nullopt;
  }
  std::string repo = image.substr(slash + 1);
  if (const size_t at = repo.find('@'); at != std::string::npos) repo.resize(at);
  const size_t last_slash = repo.rfind('/');
  if (const size_t colon = repo.rfind(':');
      colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)) {
    repo.resize(colon);
  }
  if (repo.empty()) return std::nullopt;
  const std::string partition = labels.size() == 7 ? "aws-cn" : "aws";
  return "arn:" + partition + ":ecr:" + labels[3] + ":" + labels[0] + ":repository/" + repo;
}

/// Where a requested resource's region field (after `arn:PARTITION:SERVICE:`) starts, when it
/// is kAnyRegion. Only that field: a `{region}` elsewhere is the input's own text.
std::optional<size_t> AnyRegionAt(const std::string& resource) {
  size_t at = 0;
  for (int field = 0; field < 3; ++field) {
    const size_t colon = resource.find(':', at);
    if (colon == std::string::npos) return std::nullopt;
    at = colon + 1;
  }
  if (resource.compare(at, kAnyRegion.size(), kAnyRegion) != 0) return std::nullopt;
  return at;
}

/// A requested resource with its unknown region (if any) as `with`.
std::string InRegion(std::string resource, std::string_view with) {
  if (const std::optional<size_t> at = AnyRegionAt(resource)) {
    resource.replace(*at, kAnyRegion.size(), with);
  }
  return resource;
}

/// A requested resource as messages show it: an unknown account or region as `*`.
std::string ForMessage(std::string resource) {
  const std::string any_account(12, '?');
  if (const size_t at = resource.find(any_account); at != std::string::npos) {
    resource.replace(at, any_account.size(), "*");
  }
  return InRegion(std::move(resource), "*");
}

/// Whether the role is surely refused the request in whichever region the task runs (where the
/// input does not show the region: in each region of the partition).
bool RefusedInEveryRegion(const Scope& scope, const Role& role, const std::string& partition,
                          const std::string& action, const std::string& resource) {
  if (!AnyRegionAt(resource)) {
    return AskRole(scope, role, action, resource).RefusedEverywhere();
  }
  const std::vector<std::string_view> regions = RegionsOf(partition);
  if (regions.empty()) {
    return AskRole(scope, role, action, InRegion(resource, "*")).RefusedEverywhere();
  }
  for (const std::string_view region : regions) {
    if (!AskRole(scope, role, action, InRegion(resource, region)).RefusedEverywhere()) {
      return false;
    }
  }
  return true;
}

std::string OptionOf(const Container& c, const std::string& key) {
  for (const auto& [k, v] : c.log_options) {
    if (k == key) return v;
  }
  return "";
}

std::vector<Need> NeedsOf(const Container& c, const Home& home) {
  std::vector<Need> needs;
  const std::string of = " of container " + c.name;
  for (const SecretRef& s : c.secrets) {
    if (!s.value_from.known()) continue;
    if (auto req = SecretRequest(s.value_from.value(), home)) {
      needs.push_back({.what = "fetch secret " + s.name + of, .subject = s.name, .loc = s.loc});
      needs.back().requests.push_back(*req);
    }
  }
  if (c.repository_credentials.known()) {
    if (auto req = SecretRequest(c.repository_credentials.value(), home);
        req && req->first == "secretsmanager:GetSecretValue") {
      needs.push_back({.what = "fetch the registry credentials" + of,
                       .subject = "repositoryCredentials:" + c.name,
                       .loc = c.loc});
      needs.back().requests.push_back(*req);
    }
  }
  if (c.log_driver.known() && c.log_driver.value() == "awslogs") {
    const std::string group = OptionOf(c, "awslogs-group");
    std::string region = OptionOf(c, "awslogs-region");
    if (region.empty()) region = home.region;
    if (!group.empty()) {
      // The group and every stream in it, in any form a policy may write it.
      const std::string arn = "arn:" + home.partition + ":logs:" + region + ":" + home.account +
                              ":log-group:" + group + "*";
      needs.push_back({.what = "write to log group " + group + " (awslogs)" + of,
                       .subject = "awslogs:" + c.name,
                       .loc = c.loc,
                       .always = false,
                       .requests = {{"logs:CreateLogStream", arn}, {"logs:PutLogEvents", arn}}});
      // The driver creates the group first when told to (Docker reads the option as Go's
      // strconv.ParseBool does).
      const std::string create = OptionOf(c, "awslogs-create-group");
      if (create == "true" || create == "True" || create == "TRUE" || create == "t" ||
          create == "T" || create == "1") {
        needs.push_back({.what = "create log group " + group + " (awslogs-create-group)" + of,
                         .subject = "awslogs-create-group:" + c.name,
                         .loc = c.loc,
                         .always = false,
                         .requests = {{"logs:CreateLogGroup", arn}}});
      }
    }
  }
  if (c.image.known()) {
    if (auto repo = EcrRepository(c.image.value())) {
      needs.push_back({.what = "pull the private ECR image" + of,
                       .subject = "image:" + c.name,
                       .loc = c.loc,
                       .always = false,
                       .requests = {{"ecr:GetAuthorizationToken", "*"},
                                    {"ecr:BatchGetImage", *repo},
                                    {"ecr:GetDownloadUrlForLayer", *repo}}});
    }
  }
  return needs;
}

/// Whether only the execution role can meet the need: secrets always; logs and images on
/// Fargate (on the EC2 launch type the container instance's role may).
bool ExecutionRoleOnly(const Workload& w, const Need& n) {
  return n.always || (w.fargate.known() && w.fargate.value());
}

void ReportNoExecutionRole(const Workload& w, const std::vector<Need>& needs, Findings& out) {
  std::vector<std::string> what;
  for (const Need& n : needs) {
    if (ExecutionRoleOnly(w, n)) what.push_back(n.what);
  }
  if (what.empty()) return;
  out.Add(kInfo, {.resource = w.display,
                  .loc = w.loc,
                  .message = WorkloadLabel(w) +
                             " has no execution role, but the ECS agent needs "
                             "one to " +
                             JoinLimited(what, 4) + ", so the task never starts",
                  .hint = "set an execution role trusted by ecs-tasks.amazonaws.com with "
                          "AmazonECSTaskExecutionRolePolicy and the task's secrets"});
}

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    const Role* exec = RoleOf(scope, w->platform_role);
    if (exec == nullptr && w->platform_role.state != RoleRef::State::kAbsent) continue;
    Home home;
    if (exec != nullptr && exec->arn.known()) {
      if (std::optional<Arn> arn = ParseArn(exec->arn.value()); arn && IsAccountId(arn->account)) {
        home.partition = std::string(arn->partition);
        home.account = std::string(arn->account);
      }
    }
    for (const Container& c : w->containers) {
      if (const std::string r = OptionOf(c, "awslogs-region");
          !r.empty() && home.region == kAnyRegion) {
        home.region = r;
      }
    }
    std::vector<Need> needs;
    for (const Container& c : w->containers) {
      for (Need& n : NeedsOf(c, home)) needs.push_back(std::move(n));
    }
    if (exec == nullptr) {
      ReportNoExecutionRole(*w, needs, out);
      continue;
    }
    for (const Need& n : needs) {
      if (!ExecutionRoleOnly(*w, n)) continue;
      std::vector<std::string> refused;
      for (const auto& [action, resource] : n.requests) {
        if (RefusedInEveryRegion(scope, *exec, home.partition, action, resource)) {
          refused.push_back(action + " on " + ForMessage(resource));
        }
      }
      if (refused.empty()) continue;
      Finding& f = out.Add(
          kInfo, {.resource = w->display,
                  .loc = n.loc,
                  .message = "execution role " + exec->display + " of " + WorkloadLabel(*w) +
                             " cannot " + n.what + ": it does not allow " +
                             JoinLimited(refused, 3) + ", so the task never starts",
                  .hint = "allow these on the execution role"});
      f.subject = n.subject;
      f.related.push_back({"execution role " + exec->display, exec->loc});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
