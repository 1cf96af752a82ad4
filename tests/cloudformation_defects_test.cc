// Defects of the CloudFormation loader and the YAML reader found by testing from outside
// (issue 11): intrinsics that threw (Fn::Select with a huge index), references resolved again
// and again without a memo or a cycle check (exponential, or for ever), lookups that made
// loading quadratic in the roles and policies, a YAML alias budget that counted values instead
// of bytes, and policy documents built as JSON text by Fn::Sub / Fn::Join read as unknown.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "load/load.h"
#include "model/model.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::RunIamlint;
using testing::RunResult;

LoadResult Load(const std::string& name, const std::string& text) {
  return LoadBuffers({{name, text}}, LoadOptions());
}

/// A YAML template of one role whose RoleName is `name_yaml`.
std::string RoleNamed(const std::string& name_yaml, const std::string& extra = "") {
  return "AWSTemplateFormatVersion: \"2010-09-09\"\n" + extra +
         "Resources:\n"
         "  Role:\n"
         "    Type: AWS::IAM::Role\n"
         "    Properties:\n"
         "      RoleName: " +
         name_yaml +
         "\n"
         "      AssumeRolePolicyDocument:\n"
         "        Statement:\n"
         "          - Effect: Allow\n"
         "            Principal: {Service: lambda.amazonaws.com}\n"
         "            Action: sts:AssumeRole\n";
}

/// The role's name as loaded ("?" when unknown), and the errors' messages.
std::string NameOf(const LoadResult& r) {
  if (r.model.scopes.empty() || r.model.scopes[0].roles.empty()) return "(no role)";
  const auto& n = r.model.scopes[0].roles[0].name;
  return n.known() ? n.value() : "?";
}

std::string Errors(const LoadResult& r) {
  std::string out;
  for (const auto& e : r.errors) {
    out += e.file + ":" + std::to_string(e.line) + " " + e.pointer + " " + e.message + "\n";
  }
  return out;
}

// --- class 1: no exception escapes, every index is checked -----------------------------------

TEST(CloudFormationDefects, SelectWithAHugeIndexIsALocatedErrorNotACrash) {
  LoadResult r = Load("t.yaml", RoleNamed("!Select [99999999999999999999, [a, b]]"));
  EXPECT_EQ(NameOf(r), "?");
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_EQ(r.errors[0].file, "t.yaml");
  EXPECT_EQ(r.errors[0].line, 6u);
  EXPECT_NE(r.errors[0].message.find("past the end of its list of 2"), std::string::npos)
      << r.errors[0].message;
}

TEST(CloudFormationDefects, SelectIndexesOfEveryShape) {
  struct Case {
    const char* name_yaml;
    const char* name;  // "?" for unknown
    bool error;
  };
  const Case cases[] = {
      {"!Select [1, [a, b]]", "b", false},
      {"!Select [\"1\", [a, b]]", "b", false},  // a string of digits, as JSON templates write it
      {"!Select [\"001\", [a, b]]", "b", false},
      {"!Select [0, [a, b]]", "a", false},
      {"!Select [2, [a, b]]", "?", true},
      {"!Select [-1, [a, b]]", "?", true},
      {"!Select [1.5, [a, b]]", "?", true},
      {"!Select [1e0, [a, b]]", "?", true},
      {"!Select [one, [a, b]]", "?", true},
      {"!Select [\"\", [a, b]]", "?", true},
      {"!Select [18446744073709551617, [a, b]]", "?", true},  // 2^64 + 1: wraps to 1 if parsed
      {"!Select [0, []]", "?", true},
      {"!Select [1, !Split [\",\", \"a,b,c\"]]", "b", false},
      {"!Select [3, !Split [\",\", \"a,b,c\"]]", "?", false},
      {"!Select [99999999999999999999, !Split [\",\", \"a,b\"]]", "?", false},
      {"!Select [0, !Split [\"\", \"ab\"]]", "?", false},
      {"!Select [0, !GetAZs \"\"]", "?", false},
      {"!Select [!Ref AWS::AccountId, [a, b]]", "?", false},
      {"!Select [!Ref Index, [a, b]]", "?", false},  // the default may be overridden
      {"!Select [[0], [a, b]]", "?", false},
      {"!Select [0]", "?", false},
      {"!Select 0", "?", false},
      {"!Select [0, [!Select [99999999999999999999, [a]], b]]", "?", true},
  };
  const std::string params =
      "Parameters:\n  Index:\n    Type: String\n    Default: \"99999999999999999999\"\n";
  for (const Case& c : cases) {
    LoadResult r = Load("t.yaml", RoleNamed(c.name_yaml, params));
    EXPECT_EQ(NameOf(r), c.name) << c.name_yaml;
    EXPECT_EQ(r.errors.size(), c.error ? 1u : 0u) << c.name_yaml << "\n" << Errors(r);
    for (const auto& e : r.errors) EXPECT_GT(e.line, 0u) << c.name_yaml;
  }
}

TEST(CloudFormationDefects, FindInMapAndSplitEdges) {
  const std::string maps =
      "Mappings:\n"
      "  Names:\n"
      "    dev: {role: my-app-dev, list: [a, b]}\n"
      "    \"99999999999999999999\": {role: huge}\n";
  const std::pair<const char*, const char*> cases[] = {
      {"!FindInMap [Names, dev, role]", "my-app-dev"},
      {"!FindInMap [Names, \"99999999999999999999\", role]", "huge"},
      {"!FindInMap [Names, prod, role]", "?"},
      {"!FindInMap [Names, dev, list]", "?"},
      {"!FindInMap [Names, dev]", "?"},
      {"!FindInMap [Names, !Ref AWS::Region, role]", "?"},
      {"!FindInMap [Names, dev, role, {DefaultValue: x}]", "?"},
      {"!Select [1, !FindInMap [Names, dev, list]]", "?"},
      {"!Join [\"-\", !Split [\",\", \"a,b\"]]", "?"},
      {"!Join [\"-\", [!Select [0, !Split [\"/\", \"my/app\"]], role]]", "my-role"},
  };
  for (const auto& [yaml, name] : cases) {
    LoadResult r = Load("t.yaml", RoleNamed(yaml, maps));
    EXPECT_EQ(NameOf(r), name) << yaml;
    EXPECT_TRUE(r.errors.empty()) << yaml << "\n" << Errors(r);
  }
}

// --- class 2: every reference is worked out once, and a cycle is an error --------------------

TEST(CloudFormationDefects, ARoleNamedAfterItsOwnArnIsACycleNotAHang) {
  LoadResult r = Load("self.yaml", RoleNamed("!Sub \"${Role.Arn}${Role.Arn}\""));
  EXPECT_EQ(NameOf(r), "?");
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_EQ(r.errors[0].line, 3u);  // the resource
  EXPECT_EQ(r.errors[0].pointer, "/Resources/Role");
  EXPECT_NE(r.errors[0].message.find("circular reference: Role -> Role"), std::string::npos)
      << r.errors[0].message;
}

TEST(CloudFormationDefects, ACycleThroughSeveralResourcesNamesThemAll) {
  const std::string yaml = R"(Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${Data.Arn}-logs"
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ["-", [!GetAtt Worker.Arn, data]]
  Worker:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Select [0, [!GetAtt Logs.Arn]]
      Path: !GetAtt Logs.Arn
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: data
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Data.Arn}/*"}
)";
  LoadResult r = Load("cycle.yaml", yaml);
  ASSERT_FALSE(r.errors.empty());
  const std::string all = Errors(r);
  EXPECT_NE(all.find("Logs -> Data -> Worker -> Logs"), std::string::npos) << all;
  EXPECT_EQ(r.errors.size(), 1u) << "one cycle, reported once: " << all;
}

TEST(CloudFormationDefects, AParameterDefaultReferringToItselfIsACycle) {
  const std::string json = R"({"Parameters": {"P": {"Type": "String", "Default": {"Ref": "P"}}},
    "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Ref": "P"},
      "AssumeRolePolicyDocument": {"Statement": []}}}}})";
  LoadResult r = Load("p.json", json);
  EXPECT_EQ(NameOf(r), "?");
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_EQ(r.errors[0].pointer, "/Parameters/P");
  EXPECT_NE(r.errors[0].message.find("P -> P"), std::string::npos) << r.errors[0].message;
}

/// A chain of `n` buckets, each named after the next one's ARN twice (`twice` is a pattern
/// with two `%` for the next one's logical ID): 2^n resolutions without a memo.
std::string DoublingChain(int n, const std::string& twice) {
  std::string yaml = "Conditions:\n  IsProd: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n";
  for (int i = 0; i < n; ++i) {
    std::string name = "leaf";
    if (i + 1 < n) {
      name = twice;
      for (size_t at = name.find('%'); at != std::string::npos; at = name.find('%')) {
        name.replace(at, 1, "B" + std::to_string(i + 1));
      }
    }
    yaml += "  B" + std::to_string(i) + ":\n    Type: AWS::S3::Bucket\n    Properties:\n" +
            "      BucketName: " + name + "\n";
  }
  yaml += R"(  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Select [0, [!Sub "${B0.Arn}", !Sub "${B0.Arn}"]]
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
)";
  return yaml;
}

TEST(CloudFormationDefects, ReferencesNamingTheNextOneTwiceAreNotExponential) {
  // 30 levels: 2^30 resolutions of the leaf without the memo (minutes), a few dozen with it.
  LoadResult r =
      Load("chain.yaml", DoublingChain(30, "!If [IsProd, !GetAtt %.Arn, !GetAtt %.Arn]"));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  ASSERT_EQ(r.model.scopes[0].roles.size(), 1u);
  std::string want = "leaf";
  for (int i = 0; i < 30; ++i) want = "arn:aws:s3:::" + want;
  const auto& n = r.model.scopes[0].roles[0].name;
  ASSERT_TRUE(n.known());
  EXPECT_EQ(n.value(), want);
}

TEST(CloudFormationDefects, ValuesDoublingAtEachReferenceAreCutShort) {
  // The text, not only the work, doubles at each level: 2^40 bytes at the end. Past a length
  // no IAM value has, a value is unknown.
  LoadResult r = Load("chain.yaml", DoublingChain(40, "!Sub \"${%.Arn}-${%.Arn}\""));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
  EXPECT_EQ(NameOf(r), "?");
}

TEST(CloudFormationDefects, LongValuesCopiedIntoManyOthersRunOutOfBudget) {
  // One 200 KB bucket name copied into 5,000 role names: 1 GB built from a 300 KB template.
  std::string yaml =
      "Resources:\n  Big:\n    Type: AWS::S3::Bucket\n    Properties:\n"
      "      BucketName: " +
      std::string(200000, 'b') + "\n";
  for (int i = 0; i < 5000; ++i) {
    yaml += "  R" + std::to_string(i) +
            ":\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub "
            "\"${Big.Arn}\"\n      AssumeRolePolicyDocument: {Statement: []}\n";
  }
  LoadResult r = Load("copies.yaml", yaml);
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r).substr(0, 1000);
  EXPECT_GT(r.errors[0].line, 0u);
  EXPECT_NE(r.errors[0].message.find("add up to more than"), std::string::npos);
  ASSERT_EQ(r.model.scopes[0].roles.size(), 5000u);
  EXPECT_TRUE(r.model.scopes[0].roles[0].name.known());
  EXPECT_FALSE(r.model.scopes[0].roles[4999].name.known());
}

/// A template of `n` roles, each with a customer managed policy attached by ARN, an inline
/// AWS::IAM::Policy naming it by RoleName, a RolePolicy, and an AWS managed policy by ARN: every
/// lookup by logical ID, name and ARN that a linear scan would make quadratic.
std::string ManyRoles(int n) {
  std::string out = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {";
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    if (i > 0) out += ",";
    out +=
        "\"Role" + k +
        "\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\": \"app-role-" + k +
        "\", \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", "
        "\"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": "
        "\"sts:AssumeRole\"}]}, \"ManagedPolicyArns\": [{\"Fn::Sub\": "
        "\"arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/managed-" +
        k +
        "\"}, \"arn:aws:iam::aws:policy/ReadOnlyAccess\", \"arn:aws:iam::123456789012:policy/ext-" +
        k + "\"]}},";
    out += "\"Managed" + k +
           "\": {\"Type\": \"AWS::IAM::ManagedPolicy\", \"Properties\": {\"ManagedPolicyName\": "
           "\"managed-" +
           k +
           "\", \"PolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
           "\"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b-" +
           k + "/*\"}]}}},";
    out += "\"Inline" + k +
           "\": {\"Type\": \"AWS::IAM::Policy\", \"Properties\": {\"PolicyName\": \"i\", "
           "\"Roles\": [\"app-role-" +
           k +
           "\"], \"PolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
           "\"sqs:SendMessage\", \"Resource\": \"*\"}]}}},";
    out += "\"RolePolicy" + k +
           "\": {\"Type\": \"AWS::IAM::RolePolicy\", \"Properties\": {\"PolicyName\": \"r\", "
           "\"RoleName\": \"app-role-" +
           k +
           "\", \"PolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
           "\"sns:Publish\", \"Resource\": \"*\"}]}}}";
  }
  return out + "}}";
}

TEST(CloudFormationDefects, LoadingIsNotQuadraticInTheRolesAndPolicies) {
  // 15,000 roles and 60,000 resources in all: about three seconds when every lookup is
  // indexed. With a scan per lookup (by logical ID for duplicates, by role name, by ARN) it
  // took 78 s for a third of this and grows with the square: some 7 minutes here, past the
  // patience of any run of the suite. Not timed: the size is the guard.
  const int n = 15000;
  LoadResult r = Load("many.json", ManyRoles(n));
  ASSERT_TRUE(r.errors.empty()) << Errors(r).substr(0, 2000);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.roles.size(), static_cast<size_t>(n));
  // Every lookup found its target: the customer managed policy by ARN, the AWS managed one
  // (made once), the other account's, the inline policy by role name and the role policy.
  for (int i : {0, n / 2, n - 1}) {
    const Role& role = s.roles[static_cast<size_t>(i)];
    ASSERT_EQ(role.grants.size(), 5u) << i;
    EXPECT_TRUE(role.grants_complete);
    EXPECT_EQ(s.policies[static_cast<size_t>(role.grants[0].policy)].name.value(),
              "managed-" + std::to_string(i));
  }
  EXPECT_EQ(s.roles[0].grants[1].policy, s.roles[n - 1].grants[1].policy)
      << "one policy for ReadOnlyAccess, whoever names it";
}

// --- class 2: the YAML alias budget counts bytes ----------------------------------------------

/// A 1 GiB limit on the address space of the iamlint run. AddressSanitizer reserves terabytes
/// of shadow memory at start-up, so the sanitized build runs without it (the exit code and the
/// located error are still checked; the plain build checks the memory).
#if defined(__SANITIZE_ADDRESS__)
constexpr const char* kMemoryLimit = "";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr const char* kMemoryLimit = "";
#else
constexpr const char* kMemoryLimit = "ulimit -v 1048576 &&";
#endif
#else
constexpr const char* kMemoryLimit = "ulimit -v 1048576 &&";
#endif

/// Runs iamlint on `text` (written to a temporary file named `name`) under kMemoryLimit.
RunResult RunUnderLimit(const std::string& name, const std::string& text) {
  const fs::path dir =
      fs::temp_directory_path() / ("iamlint_cfn_defects_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  RunResult r =
      RunIamlint({"check", "--no-config", dir.string()}, testing::SourceDir(), kMemoryLimit);
  fs::remove_all(dir);
  return r;
}

TEST(CloudFormationDefects, YamlAliasesOfLongStringsAreRefusedAtALine) {
  // 250 KB of text that expands to 10,000 copies of a 200 KB string (2 GB): a few values, many
  // bytes. The old budget counted values (one per input byte), and let it through.
  std::string yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: &d \"" +
                     std::string(200000, 'x') + "\"\nMetadata:\n  Copies: [";
  for (int i = 0; i < 10000; ++i) yaml += i > 0 ? ",*d" : "*d";
  yaml += "]\nResources: {}\n";
  RunResult r = RunUnderLimit("bomb.yaml", yaml);
  EXPECT_EQ(r.exit_code, 2) << r.out.substr(0, 500) << r.err.substr(0, 500);
  EXPECT_EQ(r.signal, 0);
  // At the anchored string, the value copied (yaml-cpp does not say where each alias is).
  EXPECT_NE(r.out.find("bomb.yaml:2: input error"), std::string::npos) << r.out.substr(0, 500);
  EXPECT_NE(r.out.find("alias"), std::string::npos) << r.out.substr(0, 500);
}

TEST(CloudFormationDefects, DeeplyNestedYamlAliasesAreRefusedEvenInAFolder) {
  // The "billion laughs": ten levels of ten aliases of the level below.
  std::string yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  l0: &l0 [lol]\n";
  for (int level = 1; level <= 10; ++level) {
    const std::string below = "*l" + std::to_string(level - 1);
    yaml += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) yaml += (i > 0 ? "," : "") + below;
    yaml += "]\n";
  }
  yaml += "Resources: {}\n";
  RunResult r = RunUnderLimit("laughs.yaml", yaml);  // met while walking a folder
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("laughs.yaml:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("alias bomb"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("skipped"), std::string::npos) << "refused, not skipped: " << r.out;
}

TEST(CloudFormationDefects, YamlAnchorsUsedAsTemplatesUseThemStillLoad) {
  std::string yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n";
  yaml += R"(  Role0:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: &trust
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies: &policies
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]
                Resource: arn:aws:logs:*:*:log-group:/aws/lambda/my-app-*
)";
  for (int i = 1; i < 30; ++i) {
    yaml += "  Role" + std::to_string(i) +
            ":\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: "
            "*trust\n      Policies: *policies\n";
  }
  LoadResult r = Load("anchors.yaml", yaml);
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].roles.size(), 30u);
}

// --- class 4: policy documents built as JSON text ---------------------------------------------

/// How many times `needle` is in the text output of `check` on `path`, and its exit code.
size_t CountInCheck(const std::string& path, const std::string& needle, int* code) {
  RunResult r = RunIamlint({"check", "--no-config", path});
  *code = r.exit_code;
  EXPECT_EQ(r.out.find("input error"), std::string::npos) << r.out;
  size_t n = 0;
  for (size_t at = r.out.find(needle); at != std::string::npos; at = r.out.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(CloudFormationDefects, AdminPoliciesBuiltAsJsonTextAreFound) {
  for (const char* path :
       {"fixtures/cfn/sub-json-admin-policy.yaml", "fixtures/cfn/join-json-admin-policy.json"}) {
    int code = 0;
    EXPECT_EQ(CountInCheck(path, " error IAM001 ", &code), 1u) << path;
    EXPECT_EQ(code, 1) << path;
  }
}

TEST(CloudFormationDefects, UnknownPartsOfJsonTextAreNeverAViolation) {
  int code = 0;
  EXPECT_EQ(CountInCheck("fixtures/cfn/sub-json-unknown-parts.yaml", " IAM0", &code), 0u);
  EXPECT_EQ(code, 0);
}

TEST(CloudFormationDefects, BuiltDocumentsAreReadAsFarAsTheyAreKnown) {
  const std::string yaml = R"(Parameters:
  Bucket: {Type: String}
  Service: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: r
      AssumeRolePolicyDocument: !Sub '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "${Service}"}, "Action": "sts:AssumeRole"}]}'
      Policies:
        - PolicyName: data
          PolicyDocument: !Join
            - ""
            - - '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::'
              - !Ref Bucket
              - '/*"}, {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::'
              - !Ref Bucket
              - '/*"}]}'
        - PolicyName: keys
          PolicyDocument: !Sub '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"${Bucket}": "x"}}}]}'
)";
  LoadResult r = Load("built.yaml", yaml);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const Scope& s = r.model.scopes[0];
  ASSERT_TRUE(s.roles[0].trust.known());
  const PolicyDocument& trust = s.roles[0].trust.value();
  ASSERT_EQ(trust.statements.size(), 1u);
  EXPECT_TRUE(trust.statements[0].unknown_core) << "the principal is not known";
  ASSERT_EQ(s.policies.size(), 2u);
  ASSERT_TRUE(s.policies[0].document.known());
  const PolicyDocument& data = s.policies[0].document.value();
  ASSERT_EQ(data.statements.size(), 2u);
  ASSERT_EQ(data.statements[0].resources.size(), 1u);
  EXPECT_EQ(data.statements[0].resources[0], "arn:aws:s3:::*/*") << "an Allow keeps the pattern";
  EXPECT_TRUE(data.statements[1].resources.empty()) << "a Deny does not";
  EXPECT_TRUE(data.statements[1].unknown_core);
  EXPECT_FALSE(s.policies[1].document.known()) << "an unknown condition key: unknown";
}

TEST(CloudFormationDefects, BuiltTextThatIsNotJsonIsALocatedError) {
  const std::string yaml = R"(Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
      Policies:
        - PolicyName: p
          PolicyDocument: !Sub 'Allow ${AWS::Partition} everything'
)";
  LoadResult r = Load("bad.yaml", yaml);
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_EQ(r.errors[0].line, 8u);
  EXPECT_EQ(r.errors[0].pointer, "/Resources/Role/Properties/Policies/0/PolicyDocument");
  EXPECT_NE(r.errors[0].message.find("built by Fn::Sub"), std::string::npos);
}

TEST(CloudFormationDefects, ResourcePoliciesBuiltAsJsonTextAreRead) {
  const std::string yaml = R"(Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {QueueName: orders}
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument: !Sub '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "${Queue.Arn}"}]}'
)";
  LoadResult r = Load("queue.yaml", yaml);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes[0].resource_policies.size(), 1u);
  const auto& doc = r.model.scopes[0].resource_policies[0].document;
  ASSERT_TRUE(doc.known());
  ASSERT_EQ(doc.value().statements.size(), 1u);
  EXPECT_TRUE(doc.value().statements[0].principal.any);
}

TEST(CloudFormationDefects, HostileFixturesAreLocatedErrorsOrLoadClean) {
  // Also seeds for the fuzz targets (tests/fuzz/run.sh seeds from fixtures/).
  const std::pair<const char*, std::vector<std::string>> cases[] = {
      {"fixtures/cfn/hostile/select-index.yaml",
       {"select-index.yaml:9: input error Fn::Select index \"99999999999999999999\"",
        "select-index.yaml:16: input error Fn::Select index \"-1\"",
        "select-index.yaml:24: input error Fn::Select index \"first\"",
        "select-index.yaml:28: input error Fn::Select index \"1\" is past the end",
        "select-index.yaml:29: input error Fn::Select index \"18446744073709551617\""}},
      {"fixtures/cfn/hostile/self-reference.yaml",
       {"self-reference.yaml:7: input error circular reference: SelfNamedRole -> SelfNamedRole",
        "self-reference.yaml:14: input error circular reference: LogsBucket -> WriterRole -> "
        "LogsBucket"}},
      {"fixtures/cfn/hostile/doubling-chain.yaml", {}},
  };
  for (const auto& [path, errors] : cases) {
    RunResult r = RunIamlint({"check", "--no-config", path});
    EXPECT_EQ(r.exit_code, errors.empty() ? 0 : 2) << path << "\n" << r.out << r.err;
    for (const auto& e : errors) EXPECT_NE(r.out.find(e), std::string::npos) << e << "\n" << r.out;
    size_t n = 0;
    for (size_t at = r.out.find("input error"); at != std::string::npos;
         at = r.out.find("input error", at + 1)) {
      ++n;
    }
    EXPECT_EQ(n, errors.empty() ? 0 : errors.size() + 1) << r.out;  // and the summary line
  }
}

TEST(CloudFormationDefects, TheDoublingChainIsReadToItsEnd) {
  const std::string path = "fixtures/cfn/hostile/doubling-chain.yaml";
  LoadResult r = Load(path, testing::ReadText(testing::SourcePath(path)));
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const auto& policies = r.model.scopes[0].policies;
  ASSERT_EQ(policies.size(), 1u);
  ASSERT_TRUE(policies[0].document.known());
  const auto& resources = policies[0].document.value().statements.at(0).resources;
  ASSERT_EQ(resources.size(), 1u);
  std::string want = "my-app-leaf/*";
  for (int i = 0; i < 40; ++i) want = "arn:aws:s3:::" + want;
  EXPECT_EQ(resources[0], want);
}

}  // namespace
}  // namespace iamlint
