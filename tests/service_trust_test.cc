// Trust written for people, asked of a service: a service principal's sts:AssumeRole request
// never carries the multi-factor authentication keys, so a statement that needs them never
// lets the service in, and a Deny that applies without them refuses it. Every other key of a
// service's request stays unknown (a condition on aws:SourceAccount still trusts).
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "policy/eval.h"
#include "rules/analysis.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::RunResult;

Statement Trust(Effect effect, const std::string& type, const std::string& who,
                std::vector<Condition> conditions = {}) {
  Statement st;
  st.effect = effect;
  st.actions = {"sts:AssumeRole"};
  st.principal.present = true;
  st.principal.ids[type] = {who};
  st.conditions = std::move(conditions);
  return st;
}

PolicyDocument Doc(std::vector<Statement> statements) {
  PolicyDocument doc;
  doc.version = "2012-10-17";
  doc.statements = std::move(statements);
  return doc;
}

const Condition kMfaPresent{"Bool", "aws:MultiFactorAuthPresent", {"true"}};
const Condition kMfaRecent{"NumericLessThan", "aws:MultiFactorAuthAge", {"86400"}};
const char* kEc2 = "ec2.amazonaws.com";

TEST(ServiceTrust, KeysKnownAbsentInAPartialContext) {
  Statement st = Trust(Effect::kAllow, "Service", kEc2, {kMfaPresent});
  EvalRequest r;
  r.action = "sts:AssumeRole";
  r.context_complete = false;
  std::vector<std::string> missing;
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kDepends);
  EXPECT_EQ(missing, std::vector<std::string>{"aws:MultiFactorAuthPresent"});
  r.absent_keys = {"AWS:multifactorauthpresent"};  // matched case-insensitively
  missing.clear();
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kNo);
  EXPECT_TRUE(missing.empty());
  st.conditions = {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}}};
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kYes);
  st.conditions = {{"Null", "aws:MultiFactorAuthPresent", {"true"}}};
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kYes);
  // Another key of the same statement is still unknown.
  st.conditions = {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}},
                   {"StringEquals", "aws:SourceAccount", {"123456789012"}}};
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kDepends);
  st.conditions.clear();
  EXPECT_EQ(ConditionsApply(st, r, &missing), Applies::kYes);
}

TEST(ServiceTrust, AnAllowThatNeedsMfaNeverLetsAServiceIn) {
  std::vector<std::string> trusted;
  std::vector<std::string> never_met;
  const PolicyDocument doc =
      Doc({Trust(Effect::kAllow, "Service", kEc2, {kMfaPresent, kMfaRecent})});
  EXPECT_EQ(TrustAllowsService(doc, kEc2, &trusted, &never_met), Tri::kNo);
  EXPECT_EQ(trusted, std::vector<std::string>{kEc2});
  EXPECT_EQ(never_met,
            (std::vector<std::string>{"aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent"}));
  EXPECT_EQ(TrustRefusal(kEc2, trusted, never_met),
            "it trusts ec2.amazonaws.com only under a condition on aws:MultiFactorAuthAge, "
            "aws:MultiFactorAuthPresent, which a service's request never carries (multi-factor "
            "authentication is a person's sign-in)");
}

TEST(ServiceTrust, OtherConditionsStillTrust) {
  std::vector<std::string> trusted;
  std::vector<std::string> never_met;
  // A confused-deputy condition: the service's request may carry it.
  EXPECT_EQ(
      TrustAllowsService(Doc({Trust(Effect::kAllow, "Service", kEc2,
                                    {{"StringEquals", "aws:SourceAccount", {"123456789012"}}})}),
                         kEc2, &trusted, &never_met),
      Tri::kYes);
  // IfExists holds when the key is absent.
  EXPECT_EQ(
      TrustAllowsService(Doc({Trust(Effect::kAllow, "Service", kEc2,
                                    {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}}})}),
                         kEc2, &trusted, &never_met),
      Tri::kYes);
  // A statement of the service's own beside the people's MFA one.
  EXPECT_EQ(TrustAllowsService(
                Doc({Trust(Effect::kAllow, "AWS", "arn:aws:iam::123456789012:root", {kMfaPresent}),
                     Trust(Effect::kAllow, "Service", kEc2)}),
                kEc2, &trusted, &never_met),
            Tri::kYes);
  EXPECT_TRUE(never_met.empty());
}

TEST(ServiceTrust, ADenyThatHoldsWithoutMfaRefusesTheService) {
  std::vector<std::string> trusted;
  const Statement allow = Trust(Effect::kAllow, "Service", kEc2);
  const Statement deny_without_mfa = Trust(
      Effect::kDeny, "Service", kEc2, {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"false"}}});
  EXPECT_EQ(TrustAllowsService(Doc({allow, deny_without_mfa}), kEc2, &trusted), Tri::kNo);
  EXPECT_EQ(TrustRefusal(kEc2, trusted, {}),
            "a Deny statement refuses ec2.amazonaws.com sts:AssumeRole");
  // The same Deny of people only does not touch the service.
  const Statement deny_people = Trust(Effect::kDeny, "AWS", "arn:aws:iam::123456789012:root",
                                      {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"false"}}});
  EXPECT_EQ(TrustAllowsService(Doc({allow, deny_people}), kEc2, &trusted), Tri::kYes);
  // A Deny whose condition may or may not hold for the service leaves the Allow standing.
  const Statement deny_other_account = Trust(
      Effect::kDeny, "Service", kEc2, {{"StringNotEquals", "aws:SourceAccount", {"123456789012"}}});
  EXPECT_EQ(TrustAllowsService(Doc({allow, deny_other_account}), kEc2, &trusted), Tri::kYes);
}

// ---- through the binary, on a real plan and its Terraform source ---------------------------

TEST(ServiceTrust, WorkloadsSayTheRoleDoesNotTrustItsPlatform) {
  for (const char* input :
       {"fixtures/plans/mfa-service-trust.plan.json", "fixtures/tf/mfa-service-trust"}) {
    SCOPED_TRACE(input);
    RunResult text = RunInProcess({"workloads", input});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("aws_iam_role.builder (DOES NOT TRUST ec2.amazonaws.com: it trusts "
                            "ec2.amazonaws.com only under a condition on aws:MultiFactorAuthAge, "
                            "aws:MultiFactorAuthPresent"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("aws_iam_role.exporter (DOES NOT TRUST lambda.amazonaws.com: it trusts "
                            "lambda.amazonaws.com only under a condition on "
                            "aws:MultiFactorAuthPresent,"),
              std::string::npos)
        << text.out;
    RunResult json = RunInProcess({"workloads", "--format", "json", input});
    const nlohmann::json doc = nlohmann::json::parse(json.out);
    ASSERT_EQ(doc["workloads"].size(), 2u) << json.out;
    for (const auto& w : doc["workloads"]) {
      EXPECT_EQ(w["runs_as"]["trusts_principal"], false) << w.dump();
      // Referred to by name (the instance profile's `role`), the EC2 role has no ARN to show.
      if (w["platform"] == "ec2") {
        EXPECT_TRUE(w["runs_as"]["arn"].is_null()) << w.dump();
      }
    }
  }
  for (const char* input :
       {"fixtures/plans/mfa-service-trust-ok.plan.json", "fixtures/tf/mfa-service-trust-ok"}) {
    SCOPED_TRACE(input);
    RunResult text = RunInProcess({"workloads", input});
    EXPECT_EQ(text.out.find("DOES NOT TRUST"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("aws_iam_role.builder (trusts ec2.amazonaws.com)"), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("aws_iam_role.exporter (trusts lambda.amazonaws.com)"),
              std::string::npos)
        << text.out;
  }
}

}  // namespace
}  // namespace iamlint
