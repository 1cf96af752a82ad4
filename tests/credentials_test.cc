// AWS credentials in environment variables: found by token wherever they sit in the value, by
// the words of the name at any position, and by the access key a Terraform value comes from;
// placeholders and references are not credentials; no value ever leaks into the result.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/baseline.h"
#include "load/load.h"
#include "report/report.h"
#include "rules/credentials.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

using Kind = EnvCredential::Kind;

// AWS's second documented example key pair (not a real key).
constexpr char kKeyId[] = "AKIAI44QH8DHBEXAMPLE";
constexpr char kSecret[] = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

EnvVar Var(const std::string& name, const std::string& value) {
  EnvVar e;
  e.name = name;
  e.value = value;
  return e;
}

EnvVar Unknown(const std::string& name, const std::string& from = "") {
  EnvVar e;
  e.name = name;
  e.value_known = false;
  e.source_reference = from;
  return e;
}

Kind KindOf(const EnvVar& e) { return FindCredentialInEnv(e).kind; }

TEST(FindCredentialInEnv, KeyIdsWhereverTheyHide) {
  const std::string id = kKeyId;
  EXPECT_EQ(KindOf(Var("DEPLOY", id)), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("DEPLOY", id + "\n")), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("DEPLOY", " " + id + " ")), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("CONFIG", "key=" + id + ";region=eu-west-1")), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("TEMP", "ASIAI44QH8DHBEXAMPLE")), Kind::kAccessKeyId);
  // Glued to other letters or digits, or too short/long: not a key ID.
  EXPECT_EQ(KindOf(Var("X", "X" + id)), Kind::kNone);
  EXPECT_EQ(KindOf(Var("X", id + "9")), Kind::kNone);
  EXPECT_EQ(KindOf(Var("X", "AKIAI44QH8DHBEXAMPL")), Kind::kNone);
  EXPECT_EQ(KindOf(Var("X", "akiai44qh8dhbexample")), Kind::kNone);
  // Role and user unique IDs are not credentials.
  EXPECT_EQ(KindOf(Var("ROLE_ID", "AROA3XFRBF23EXAMPLE15")), Kind::kNone);
}

TEST(FindCredentialInEnv, KeyPairsInUrlsJsonAndColonForms) {
  const std::string id = kKeyId;
  const std::string secret = kSecret;
  EXPECT_EQ(KindOf(Var("LEGACY", id + ":" + secret)), Kind::kKeyPair);
  EXPECT_EQ(KindOf(Var("PROXY_URL", "https://" + id + ":" +
                                        "je7MtGbClwBF%2F2Zp9Utk%2Fh3yCo8nvbEXAMPLEKEY@proxy/v1")),
            Kind::kKeyPair);
  EXPECT_EQ(KindOf(Var("CREDS", "{\"accessKeyId\":\"" + id + "\",\"secretAccessKey\":\"" +
                                    "je7MtGbClwBF\\/2Zp9Utk\\/h3yCo8nvbEXAMPLEKEY\"}")),
            Kind::kKeyPair);
  const EnvCredential c = FindCredentialInEnv(Var("LEGACY", id + ":" + secret));
  EXPECT_EQ(c.how, "found inside its value");
}

TEST(FindCredentialInEnv, NamesAtAnyPositionInAnyCase) {
  EXPECT_EQ(KindOf(Var("DEPLOY_SECRET_ACCESS_KEY_PROD", kSecret)), Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Var("awsSecretAccessKey", kSecret)), Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Var("my-aws-secret-access-key", "an opaque value of some length")),
            Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Var("AWS_ACCESS_KEY_ID_STAGING", "some-opaque-key-id-value")),
            Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("CI_SESSION_TOKEN_2", "IQoJb3JpZ2luX2VjEXAMPLETOKEN")), Kind::kSessionToken);
  // A secret-shaped value under a name that only says secret or access key.
  EXPECT_EQ(KindOf(Var("STORAGE_SECRET", kSecret)), Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Var("S3_ACCESS_KEY", kSecret)), Kind::kSecretAccessKey);
  // ... but not any 40 characters, and not under an unrelated name.
  EXPECT_EQ(KindOf(Var("WEBHOOK_SECRET", "3f786850e387550fdab836ed7e6dc881de23001b")), Kind::kNone);
  EXPECT_EQ(KindOf(Var("BUILD_ID", kSecret)), Kind::kNone);
  EXPECT_EQ(KindOf(Var("NEXTAUTH_SECRET", "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5")),
            Kind::kNone);  // 44 characters: another secret's shape
}

TEST(FindCredentialInEnv, PlaceholdersAndReferencesAreNotCredentials) {
  for (const char* v :
       {"", "${AWS_SECRET_ACCESS_KEY}", "$AWS_SECRET_ACCESS_KEY",
        "$(aws configure get aws_secret_access_key)",
        "{{resolve:secretsmanager:my-app/keys:SecretString:secret}}", "<your secret access key>",
        "CHANGEME-CHANGEME-CHANGEME", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:k-AbCdEf", "true", "3600"}) {
    EXPECT_EQ(KindOf(Var("IAM_SECRET_ACCESS_KEY", v)), Kind::kNone) << v;
  }
  EXPECT_EQ(KindOf(Var("IAM_ACCESS_KEY_ID", "AKIAXXXXXXXXXXXXXXXX")), Kind::kNone);
  EXPECT_EQ(KindOf(Var("DEPLOY", "AKIA0000000000000000")), Kind::kNone);
}

TEST(FindCredentialInEnv, AwsDocumentationExampleKeyCounts) {
  // Decision: the example key stands for a real one (tutorials are copied); it is reported.
  EXPECT_EQ(KindOf(Var("DEPLOY", "AKIAIOSFODNN7EXAMPLE")), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Var("IAM_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
            Kind::kSecretAccessKey);
}

TEST(FindCredentialInEnv, UnknownValuesByNameAndBySource) {
  EXPECT_EQ(KindOf(Unknown("IAM_SECRET_ACCESS_KEY")), Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Unknown("STRIPE_SECRET_KEY")), Kind::kNone);  // nothing says it is AWS's
  EXPECT_EQ(KindOf(Unknown("UPLOAD_TOKEN", "aws_iam_access_key.uploader.secret")),
            Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Unknown("UPLOAD_KEY", "aws_iam_access_key.uploader.id")), Kind::kAccessKeyId);
  EXPECT_EQ(KindOf(Unknown("SMTP_PASSWORD", "aws_iam_access_key.mailer.ses_smtp_password_v4")),
            Kind::kSmtpPassword);
  EXPECT_EQ(
      KindOf(Unknown("UPLOAD_TOKEN", "module.app.aws_iam_access_key.uploader[\"prod\"].secret")),
      Kind::kSecretAccessKey);
  EXPECT_EQ(KindOf(Unknown("UPLOAD_TOKEN", "aws_iam_access_key.uploader.encrypted_secret")),
            Kind::kNone);  // PGP-encrypted: not usable as it stands
  EXPECT_EQ(KindOf(Unknown("UPLOAD_TOKEN", "my_aws_iam_access_key.uploader.secret")), Kind::kNone);
  EXPECT_EQ(KindOf(Unknown("UPLOAD_TOKEN", "aws_iam_user.uploader.name")), Kind::kNone);
  EXPECT_EQ(FindCredentialInEnv(Unknown("T", "aws_iam_access_key.u.secret")).how,
            "set from aws_iam_access_key.u.secret");
}

TEST(FindCredentialInEnv, ResultNeverHoldsTheValue) {
  const std::string value = std::string("https://") + kKeyId + ":" + kSecret + "@proxy";
  const EnvCredential c = FindCredentialInEnv(Var("PROXY", value));
  EXPECT_EQ(c.how.find(kKeyId), std::string::npos);
  EXPECT_EQ(c.how.find("je7Mt"), std::string::npos);
}

// AMP004 over the fixtures: every finding keyed by its variable, no key material in any
// report format.
TEST(Amp004, FindingsNameTheVariableAndNeverPrintKeys) {
  ASSERT_EQ(chdir(testing::SourceDir().c_str()), 0);
  LoadResult loaded = LoadPaths(
      {"fixtures/plans/env-credentials.plan.json", "fixtures/rules/AMP004/get-app-hidden-keys.json",
       "fixtures/plans/seed-keys.plan.json"},
      LoadOptions());
  ASSERT_TRUE(loaded.errors.empty());
  Report report;
  for (auto& f : RunRules(loaded.model)) {
    if (f.rule != "AMP004") continue;
    EXPECT_FALSE(f.subject.empty()) << f.message;
    EXPECT_NE(f.message.find("environment variable " + f.subject + " "), std::string::npos)
        << f.message;
    report.findings.push_back(f);
  }
  EXPECT_GE(report.findings.size(), 10u);
  for (const auto& format : ReportFormats()) {
    std::ostringstream out;
    WriteReport(format, report, out, ReportOptions());
    const std::string text = out.str();
    for (const char* secret : {"AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF", "AKIAIOSFODNN7EXAMPLE",
                               "wJalrXUtnFEMI", "IQoJb3JpZ2luX2Vj"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << format << " prints " << secret;
    }
  }
}

// A baseline that accepted one variable's key must not accept another variable's key that
// took its place in a list: the fingerprint includes the variable's name.
TEST(Amp004, BaselineKeysFindingsByVariableName) {
  ASSERT_EQ(chdir(testing::SourceDir().c_str()), 0);
  LoadResult loaded = LoadPaths({"fixtures/rules/AMP004/get-app-hidden-keys.json"}, LoadOptions());
  ASSERT_TRUE(loaded.errors.empty());
  std::vector<Finding> findings;
  for (auto& f : RunRules(loaded.model)) {
    if (f.rule == "AMP004") findings.push_back(f);
  }
  ASSERT_GE(findings.size(), 2u);
  std::vector<Finding> moved = {findings[0], findings[0]};
  moved[1].subject = findings[1].subject;  // same place, another variable
  AssignFingerprints(testing::SourceDir(), &moved);
  EXPECT_NE(moved[0].fingerprint, moved[1].fingerprint);
}

// A plan that hands an app an IAM user's access key: the values are unknown until apply, and
// the loader records where they come from (EnvVar::source_reference). Until a loader fills
// it for this plan, there is nothing to check.
TEST(Amp004, ValuesSetFromAnAccessKeyAreCredentials) {
  ASSERT_EQ(chdir(testing::SourceDir().c_str()), 0);
  LoadResult loaded = LoadPaths({"fixtures/plans/access-key-env.plan.json"}, LoadOptions());
  ASSERT_TRUE(loaded.errors.empty());
  bool referenced = false;
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& app : scope.apps) {
      for (const auto& e : app.env) referenced = referenced || !e.source_reference.empty();
    }
  }
  ASSERT_TRUE(referenced) << "the plan loader records where the unknown values come from";
  // Terraform plans the map as wholly unknown: the names are not in the plan, the references
  // are, and they key the findings.
  std::vector<std::string> subjects;
  for (const auto& f : RunRules(loaded.model)) {
    if (f.rule != "AMP004") continue;
    subjects.push_back(f.subject);
    EXPECT_NE(f.message.find("set from aws_iam_access_key."), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("an environment variable (its name is known only at apply)"),
              std::string::npos)
        << f.message;
  }
  std::sort(subjects.begin(), subjects.end());
  EXPECT_EQ(subjects, (std::vector<std::string>{"aws_iam_access_key.mailer.ses_smtp_password_v4",
                                                "aws_iam_access_key.uploader.id",
                                                "aws_iam_access_key.uploader.secret"}));
}

}  // namespace
}  // namespace iamlint
