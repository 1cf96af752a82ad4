// Policies known in part: the parts a document does not show make answers "cannot tell" only
// for the actions they may concern. A statement whose Effect and actions are known, but whose
// resource (or principal, or a condition value) is known only at apply, says nothing about
// other actions -- so a role whose only policy is about S3 is surely refused SQS, even when
// that policy's bucket is a reference.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "policy/role_policies.h"
#include "rules/analysis.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::RunResult;

/// An Allow of `actions` whose resource is known only at apply.
Statement ResourceUnknown(std::vector<std::string> actions) {
  Statement st;
  st.effect = Effect::kAllow;
  st.actions = std::move(actions);
  st.has_resource = true;
  st.partially_unknown = st.unknown_core = st.unknown_resources = true;
  return st;
}

PolicyDocument InPart(std::vector<Statement> statements) {
  PolicyDocument doc;
  doc.version = "2012-10-17";
  doc.statements = std::move(statements);
  doc.partially_unknown = true;
  return doc;
}

TEST(PolicyInPart, StatementsAboutOtherActionsDoNotConcernTheAction) {
  const PolicyDocument doc = InPart({ResourceUnknown({"s3:GetObject", "s3:Put*"})});
  EXPECT_FALSE(UnknownPartsMayConcern(doc, "sqs:ReceiveMessage"));
  EXPECT_TRUE(UnknownPartsMayConcern(doc, "s3:PutObject"));
  EXPECT_TRUE(UnknownPartsMayConcern(doc, "S3:getobject")) << "actions match case-insensitively";
}

TEST(PolicyInPart, UnknownActionsOrEffectConcernEveryAction) {
  Statement st = ResourceUnknown({"s3:GetObject"});
  st.unknown_actions = true;  // e.g. `actions = var.actions`, or an Effect from a variable
  EXPECT_TRUE(UnknownPartsMayConcern(InPart({st}), "sqs:ReceiveMessage"));
}

TEST(PolicyInPart, NotActionConcernsWhatItDoesNotExclude) {
  Statement st = ResourceUnknown({"iam:*"});
  st.not_action = true;
  const PolicyDocument doc = InPart({st});
  EXPECT_TRUE(UnknownPartsMayConcern(doc, "sqs:ReceiveMessage"));
  EXPECT_FALSE(UnknownPartsMayConcern(doc, "iam:PassRole"));
}

TEST(PolicyInPart, ConditionValuesKnownOnlyAtApplyConcernTheirActions) {
  Statement st;
  st.effect = Effect::kAllow;
  st.actions = {"kms:Decrypt"};
  st.has_resource = true;
  st.resources = {"*"};
  st.conditions.push_back(Condition{"StringEquals", "kms:ViaService", {}});
  st.partially_unknown = true;  // the condition's value is unknown, the core is not
  const PolicyDocument doc = InPart({st});
  EXPECT_TRUE(UnknownPartsMayConcern(doc, "kms:Decrypt"));
  EXPECT_FALSE(UnknownPartsMayConcern(doc, "kms:Encrypt"));
}

TEST(PolicyInPart, StatementsOutOfViewOrUnmarkedPartsConcernEverything) {
  PolicyDocument listed = InPart({ResourceUnknown({"s3:GetObject"})});
  listed.unknown_statements = true;  // e.g. merged source_policy_documents
  EXPECT_TRUE(UnknownPartsMayConcern(listed, "sqs:ReceiveMessage"));
  // Known in part with no statement saying which: all of it may be the unknown part.
  Statement whole = ResourceUnknown({"s3:GetObject"});
  whole.partially_unknown = whole.unknown_core = whole.unknown_resources = false;
  EXPECT_TRUE(UnknownPartsMayConcern(InPart({whole}), "sqs:ReceiveMessage"));
  // A whole document is never "in part".
  PolicyDocument known = InPart({whole});
  known.partially_unknown = false;
  EXPECT_FALSE(UnknownPartsMayConcern(known, "s3:GetObject"));
}

TEST(PolicyInPart, AnAskedActionWithWildcardsMayConcernAnyStatement) {
  const PolicyDocument doc = InPart({ResourceUnknown({"s3:GetObject"})});
  EXPECT_TRUE(UnknownPartsMayConcern(doc, "sqs:*"));
}

TEST(PolicyInPart, TrustStatementsAboutOtherActionsLeaveTheTrustSure) {
  // A role trusted by a GitHub OIDC provider made in the same configuration (its ARN known only
  // at apply) and by Lambda: whether ECS tasks may assume it is sure -- they may not.
  Statement oidc;
  oidc.effect = Effect::kAllow;
  oidc.actions = {"sts:AssumeRoleWithWebIdentity"};
  oidc.principal.present = true;
  oidc.partially_unknown = oidc.unknown_core = true;
  Statement lambda;
  lambda.effect = Effect::kAllow;
  lambda.actions = {"sts:AssumeRole"};
  lambda.principal.present = true;
  lambda.principal.ids["Service"] = {"lambda.amazonaws.com"};
  PolicyDocument trust = InPart({oidc, lambda});
  std::vector<std::string> trusted;
  EXPECT_EQ(TrustAllowsService(trust, "ecs-tasks.amazonaws.com", &trusted), Tri::kNo);
  EXPECT_EQ(trusted, std::vector<std::string>{"lambda.amazonaws.com"});
  // The same unknown principal on sts:AssumeRole might be ECS's: cannot tell.
  trust.statements[0].actions = {"sts:AssumeRole"};
  trusted.clear();
  EXPECT_EQ(TrustAllowsService(trust, "ecs-tasks.amazonaws.com", &trusted), Tri::kUnknown);
}

// ---- through the binary, on a real plan and its Terraform source ---------------------------

const char* kQueue = "arn:aws:sqs:eu-west-1:123456789012:orders-intake";

RunResult SimulateTaskRole(const std::string& action, const std::string& resource,
                           const std::string& input) {
  return RunInProcess({"simulate", "--principal", "aws_iam_role.orders_task", "--action", action,
                       "--resource", resource, input});
}

TEST(PolicyInPart, RoleWhosePolicyIsAboutOtherActionsIsSurelyRefused) {
  for (const char* input : {"fixtures/plans/ecs-task-policy-in-part.plan.json",
                            "fixtures/tf/ecs-task-policy-in-part"}) {
    SCOPED_TRACE(input);
    const RunResult r = SimulateTaskRole("sqs:ReceiveMessage", kQueue, input);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.out.rfind("implicitly denied:", 0), 0u) << r.out;
    // ... while what its policy is about stays "cannot tell": the bucket is a reference.
    const RunResult s3 =
        SimulateTaskRole("s3:PutObject", "arn:aws:s3:::acme-orders-uploads/a", input);
    EXPECT_EQ(s3.exit_code, 3) << s3.out << s3.err;
    EXPECT_EQ(s3.out.rfind("cannot tell:", 0), 0u) << s3.out;
    EXPECT_NE(s3.out.find("aws_iam_role_policy.orders_task_uploads (in part)"), std::string::npos)
        << s3.out;
  }
}

TEST(PolicyInPart, GrantOnTheSameUnknownQueueIsCannotTell) {
  for (const char* input : {"fixtures/plans/ecs-task-policy-in-part-ok.plan.json",
                            "fixtures/tf/ecs-task-policy-in-part-ok"}) {
    SCOPED_TRACE(input);
    const RunResult r = SimulateTaskRole("sqs:ReceiveMessage", kQueue, input);
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.out.find("aws_iam_role_policy.orders_task_queue (in part)"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("orders_task_uploads"), std::string::npos)
        << "the uploads policy is not about SQS: " << r.out;
  }
}

}  // namespace
}  // namespace iamlint
