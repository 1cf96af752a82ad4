// Issue 11 defects in the AWS CLI loader and in recognising broken inputs:
// - users, groups and unattached customer managed policies of get-account-authorization-details
//   were never linted (an `Allow * *` inline policy on a user passed);
// - a truncated dump whose recognisable keys come after the first 4 KB was skipped in a
//   folder walk as "not an input", exit 0;
// - wrong-typed fields (a RoleDetailList that is an object, a Document that is a number) were
//   silently empty instead of located errors.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "load/load.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

class AwsCliDefects : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir("cli_defects"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  fs::path dir_;
};

std::vector<Finding> Lint(const LoadResult& r) { return RunRules(r.model); }

const Finding* FindingOf(const std::vector<Finding>& fs, const std::string& rule,
                         const std::string& resource) {
  for (const auto& f : fs) {
    if (f.rule == rule && f.resource == resource) return &f;
  }
  return nullptr;
}

std::string Describe(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.rule + " " + f.resource + ": " + f.message + "\n";
  return out;
}

// ---- users, groups and unattached policies ----------------------------------------------

TEST_F(AwsCliDefects, UsersGroupsAndUnattachedPoliciesAreLinted) {
  LoadResult r = LoadPaths({testing::SourcePath("fixtures/cli/users-groups")}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.users_and_groups.size(), 3u);
  std::vector<Finding> fs = Lint(r);
  SCOPED_TRACE(Describe(fs));

  // The user's inline `Allow * *`.
  const Finding* admin = FindingOf(fs, "IAM001", "user/alice inline policy \"break-glass\"");
  ASSERT_NE(admin, nullptr);
  EXPECT_NE(admin->loc.line, 0u);
  EXPECT_EQ(admin->loc.pointer, "/UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/0");
  // An AWS managed admin policy attached to a user is judged where it is attached.
  const Finding* bob = FindingOf(fs, "IAM001", "arn:aws:iam::123456789012:user/ops/bob");
  ASSERT_NE(bob, nullptr);
  EXPECT_EQ(bob->message.rfind("user arn:aws:iam::123456789012:user/ops/bob has the AWS managed "
                               "policy AdministratorAccess",
                               0),
            0u)
      << bob->message;
  EXPECT_EQ(bob->loc.pointer, "/UserDetailList/1/AttachedManagedPolicies/0");
  // The group's iam:PassRole on `*`.
  const Finding* pass =
      FindingOf(fs, "IAM003", "group/deployers inline policy \"deploy-functions\"");
  ASSERT_NE(pass, nullptr);
  EXPECT_NE(pass->message.find("iam:PassRole"), std::string::npos);
  // The customer managed policy attached to nobody, read from its default version (v2).
  const Finding* s3 = FindingOf(fs, "IAM010", "arn:aws:iam::123456789012:policy/legacy-s3-admin");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->loc.pointer, "/Policies/0/PolicyVersionList/0/Document/Statement/0");
}

TEST_F(AwsCliDefects, QuietUsersAndGroupsStayQuiet) {
  LoadResult r = LoadPaths({testing::SourcePath("fixtures/cli/users-groups-quiet")}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  const Scope& s = r.model.scopes.at(0);
  ASSERT_EQ(s.users_and_groups.size(), 2u);
  // The user's boundary (`Allow * *`, used only as a boundary) grants nothing: not reported.
  const UserOrGroup& alice = s.users_and_groups[0];
  EXPECT_EQ(alice.display, "arn:aws:iam::123456789012:user/alice");
  EXPECT_EQ(alice.boundary.state, PolicyRef::State::kResolved);
  EXPECT_EQ(alice.grants.size(), 2u);  // inline + ReadOnlyAccess
  std::vector<Finding> fs = Lint(r);
  EXPECT_TRUE(fs.empty()) << Describe(fs);
}

// A policy used only as a permissions boundary of identities the (filtered) dump does not
// show is not taken for a grant; an unattached one is linted.
TEST_F(AwsCliDefects, BoundaryOnlyPolicyOfUnseenIdentityIsNotAGrant) {
  auto policy = [](const std::string& name, int attachments, int boundary_uses) {
    return R"({"PolicyName": ")" + name + R"(", "Arn": "arn:aws:iam::123456789012:policy/)" + name +
           R"(", "AttachmentCount": )" + std::to_string(attachments) +
           R"(, "PermissionsBoundaryUsageCount": )" + std::to_string(boundary_uses) +
           R"(, "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
           "Document": {"Version": "2012-10-17", "Statement": [
             {"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]})";
  };
  std::string f = Write("local-policies.json", "{\"Policies\": [" + policy("boundary", 0, 3) +
                                                   ", " + policy("loose", 0, 0) + "]}");
  LoadResult r = LoadPaths({f}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  std::vector<Finding> fs = Lint(r);
  EXPECT_EQ(FindingOf(fs, "IAM001", "arn:aws:iam::123456789012:policy/boundary"), nullptr);
  EXPECT_NE(FindingOf(fs, "IAM001", "arn:aws:iam::123456789012:policy/loose"), nullptr)
      << Describe(fs);
}

// One more surface of the class: get-user-policy / get-group-policy / get-role-policy dumps
// of identities the run shows nothing else of are linted on their own.
TEST_F(AwsCliDefects, StandaloneInlinePolicyDumpsAreLinted) {
  const std::string doc =
      R"("PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  std::string u =
      Write("get-user-policy.json", R"({"UserName": "carol", "PolicyName": "all", )" + doc + "}");
  std::string g =
      Write("get-group-policy.json", R"({"GroupName": "ops", "PolicyName": "all", )" + doc + "}");
  std::string ro =
      Write("get-role-policy.json", R"({"RoleName": "worker", "PolicyName": "all", )" + doc + "}");
  LoadResult r = LoadPaths({u, g, ro}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  std::vector<Finding> fs = Lint(r);
  EXPECT_NE(FindingOf(fs, "IAM001", "user/carol inline policy \"all\""), nullptr) << Describe(fs);
  EXPECT_NE(FindingOf(fs, "IAM001", "group/ops inline policy \"all\""), nullptr);
  EXPECT_NE(FindingOf(fs, "IAM001", "worker inline policy \"all\""), nullptr);
}

// A get-user-policy dump of a user the authorization details show becomes that user's grant.
TEST_F(AwsCliDefects, GetUserPolicyJoinsItsUser) {
  std::string details = Write("details.json", R"({"UserDetailList": [{"UserName": "carol",
    "Arn": "arn:aws:iam::123456789012:user/carol", "UserPolicyList": [],
    "AttachedManagedPolicies": []}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []})");
  std::string u = Write("get-user-policy.json", R"({"UserName": "carol", "PolicyName": "p",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}})");
  LoadResult r = LoadPaths({details, u}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  const Scope& s = r.model.scopes.at(0);
  ASSERT_EQ(s.users_and_groups.size(), 1u);
  ASSERT_EQ(s.users_and_groups[0].grants.size(), 1u);
  EXPECT_EQ(s.users_and_groups[0].grants[0].via, "get-user-policy");
}

// ---- truncated dumps in a folder walk ----------------------------------------------------

struct WalkResult {
  int exit_code = -1;
  nlohmann::json report;
};

WalkResult CheckFolder(const fs::path& dir) {
  testing::RunResult r = testing::RunInProcess({"check", "--format", "json", dir.string()});
  WalkResult w;
  w.exit_code = r.exit_code;
  w.report = nlohmann::json::parse(r.out, nullptr, false);
  return w;
}

std::string Users(size_t bytes) {
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) {
    out += (i ? ", " : "") + std::string(R"({"UserName": "user)") + std::to_string(i) +
           R"(", "Arn": "arn:aws:iam::123456789012:user/user)" + std::to_string(i) +
           R"(", "AttachedManagedPolicies": []})";
  }
  return out;
}

TEST_F(AwsCliDefects, TruncatedInputsWithLateKeysAreErrorsInAWalk) {
  std::string variables;
  for (int i = 0; variables.size() < 10000; ++i) {
    variables += (i ? ", " : "") + std::string("\"v") + std::to_string(i) +
                 "\": {\"value\": \"some value of the variable\"}";
  }
  struct Broken {
    const char* name;
    std::string text;
  };
  const std::vector<Broken> broken = {
      {"authorization-details.json",
       R"({"UserDetailList": [)" + Users(10000) +
           R"(], "RoleDetailList": [{"RoleName": "web", "Arn": "arn:aws:iam::1)"},
      {"list-apps.json", R"({"nextToken": ")" + std::string(6000, 'x') +
                             R"(", "apps": [{"appId": "d1", "platform": "WEB_COM)"},
      {"plan.json", R"({"variables": {)" + variables +
                        R"(}, "format_version": "1.2", "planned_values": {"root_module": {)"},
      // One more surface: a policy whose Statement comes after a long Id.
      {"policy.json", R"({"Version": "2012-10-17", "Id": ")" + std::string(8000, 'i') +
                          R"(", "Statement": [{"Effect": "Allow", "Action": )"},
  };
  for (const auto& b : broken) {
    SCOPED_TRACE(b.name);
    fs::path dir = dir_ / (std::string("walk-") + b.name);
    fs::create_directories(dir);
    std::ofstream(dir / b.name, std::ios::binary) << b.text;
    // An unrelated JSON file cut short stays skipped beside it.
    std::ofstream(dir / "package.json", std::ios::binary)
        << R"({"name": "web", "version": "1.0.0", "workspaces": {"apps": ["web"]}, "dependen)";
    WalkResult w = CheckFolder(dir);
    ASSERT_FALSE(w.report.is_discarded());
    EXPECT_EQ(w.exit_code, 2) << w.report.dump(1);
    ASSERT_EQ(w.report["errors"].size(), 1u) << w.report.dump(1);
    EXPECT_EQ(w.report["errors"][0]["file"], (dir / b.name).string());
    EXPECT_TRUE(w.report["errors"][0]["line"].is_number());
    EXPECT_EQ(w.report["summary"]["files_skipped"], 1) << "package.json is not an input";
  }
}

TEST_F(AwsCliDefects, UnrelatedBrokenJsonStaysSkipped) {
  fs::path dir = dir_ / "walk";
  fs::create_directories(dir);
  // Keys iamlint reads, but nested, or common ones at the top level: not ours.
  std::ofstream(dir / "package.json", std::ios::binary)
      << R"({"name": "x", "version": "1.0.0", "config": {"Statement": 1, "RoleDetailList": [)";
  std::ofstream(dir / "data.json", std::ios::binary)
      << R"({"resources": [], "values": {"format_version": "1", "apps": [)";
  WalkResult w = CheckFolder(dir);
  EXPECT_EQ(w.exit_code, 0) << w.report.dump(1);
  EXPECT_EQ(w.report["summary"]["files_skipped"], 2);
}

TEST_F(AwsCliDefects, OtherToolsFilesWithAmplifysKeyNamesAreNotAmplifyDumps) {
  fs::path dir = dir_ / "walk";
  fs::create_directories(dir);
  // semantic-release and the old Angular CLI use `branches` and `apps` at the top level.
  std::ofstream(dir / ".releaserc.json", std::ios::binary)
      << R"({"branches": ["main", {"name": "beta", "prerelease": true}], "plugins": []})";
  std::ofstream(dir / ".angular-cli.json", std::ios::binary)
      << R"({"project": {"name": "web"}, "apps": [{"root": "src", "outDir": "dist"}]})";
  std::ofstream(dir / "broken-releaserc.json", std::ios::binary)
      << R"({"branches": ["main", {"name": "beta", )";
  // The real thing beside them still loads.
  std::ofstream(dir / "list-branches.json", std::ios::binary)
      << R"({"branches": [{"branchArn": "arn:aws:amplify:us-east-1:123456789012:apps/d1/branches/main",
             "branchName": "main", "stage": "PRODUCTION", "environmentVariables": {}}]})";
  WalkResult w = CheckFolder(dir);
  EXPECT_EQ(w.exit_code, 0) << w.report.dump(1);
  EXPECT_EQ(w.report["summary"]["files_skipped"], 3) << w.report.dump(1);
  EXPECT_EQ(w.report["summary"]["files_checked"], 1) << w.report.dump(1);
}

// ---- wrong-typed fields are located errors -----------------------------------------------

struct WrongType {
  const char* name;
  const char* text;
  const char* pointer;  // of the error
};

TEST_F(AwsCliDefects, WrongTypedFieldsAreLocatedErrors) {
  const std::vector<WrongType> cases = {
      {"role-detail-list-object", R"({"RoleDetailList": {"RoleName": "x"}})", "/RoleDetailList"},
      {"user-entry-string", R"({"UserDetailList": ["alice"]})", "/UserDetailList/0"},
      {"group-attached-object",
       R"({"GroupDetailList": [{"GroupName": "Admins", "Arn": "arn:aws:iam::1:group/Admins",
         "AttachedManagedPolicies": {"PolicyName": "AdministratorAccess",
         "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}}]})",
       "/GroupDetailList/0/AttachedManagedPolicies"},
      {"document-number",
       R"({"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p",
         "AttachmentCount": 0, "PolicyVersionList": [
         {"VersionId": "v1", "IsDefaultVersion": true, "Document": 42}]}]})",
       "/Policies/0/PolicyVersionList/0/Document"},
      {"version-list-object",
       R"({"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p",
         "PolicyVersionList": {"Document": {}}}]})",
       "/Policies/0/PolicyVersionList"},
      {"user-inline-document-number",
       R"({"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a",
         "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": 7}]}]})",
       "/UserDetailList/0/UserPolicyList/0/PolicyDocument"},
      {"role-without-arn", R"({"RoleDetailList": [{"RoleName": "x"}]})", "/RoleDetailList/0"},
      {"arn-number", R"({"Role": {"RoleName": "x", "Arn": 12}})", "/Role/Arn"},
      {"apps-object", R"({"apps": {"appId": "d1"}})", "/apps"},
      {"env-list",
       R"({"app": {"appId": "d1", "appArn": "arn:aws:amplify:us-east-1:1:apps/d1",
         "environmentVariables": ["AWS_SECRET_ACCESS_KEY=x"]}})",
       "/app/environmentVariables"},
      {"boundary-arn-number",
       R"({"RoleDetailList": [{"RoleName": "x", "Arn": "arn:aws:iam::1:role/x",
         "PermissionsBoundary": {"PermissionsBoundaryArn": 5}}]})",
       "/RoleDetailList/0/PermissionsBoundary/PermissionsBoundaryArn"},
      {"attached-without-arn", R"({"AttachedPolicies": [{"PolicyName": "p"}]})",
       "/AttachedPolicies/0"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string f = Write(std::string(c.name) + ".json", c.text);
    LoadResult r = LoadPaths({f}, LoadOptions());
    ASSERT_EQ(r.errors.size(), 1u) << (r.errors.empty() ? "no error" : r.errors[1].message);
    EXPECT_EQ(r.errors[0].file, f);
    EXPECT_EQ(r.errors[0].pointer, c.pointer) << r.errors[0].message;
    EXPECT_NE(r.errors[0].line, 0u);
  }
}

TEST_F(AwsCliDefects, WrongTypedFieldExitsTwoWithTheLocation) {
  std::string f =
      Write("details.json", "{\n  \"UserDetailList\": [],\n  \"RoleDetailList\": {}\n}");
  testing::RunResult r = testing::RunInProcess({"check", f});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE((r.out + r.err).find(f + ":3"), std::string::npos) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("RoleDetailList is an object, expected an array"),
            std::string::npos)
      << r.out << r.err;
}

// ---- the public authorization-details dumps of ../shared/corpus --------------------------

TEST_F(AwsCliDefects, CorpusAuthorizationDetailsLoadAndLintUsersAndGroups) {
  const std::string dir = testing::CorpusDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/corpus is absent";
  const std::string f = dir + "/authdetails/salesforce-cloudsplaining__examples_files_example.json";
  if (!fs::exists(f)) GTEST_SKIP() << f << " is absent";
  LoadResult r = LoadPaths({f}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].message;
  const Scope& s = r.model.scopes.at(0);
  EXPECT_EQ(s.users_and_groups.size(), 44u + 5u);
  std::vector<Finding> fs = Lint(r);
  const bool on_user_or_group = std::any_of(fs.begin(), fs.end(), [](const Finding& x) {
    return x.resource.find(":user/") != std::string::npos ||
           x.resource.find(":group/") != std::string::npos || x.resource.rfind("user/", 0) == 0 ||
           x.resource.rfind("group/", 0) == 0;
  });
  EXPECT_TRUE(on_user_or_group) << Describe(fs);
}

}  // namespace
}  // namespace iamlint
