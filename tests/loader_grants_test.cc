// What the CloudFormation and AWS CLI loaders record through ScopeBuilder: which grants name
// a resource of their own (Grant::via_resource, which AMP002 reads), policies named by ARN made
// once, environment variables and `iamlint:skip` tags with their locations.
#include <string>

#include <gtest/gtest.h>

#include "load/load.h"

namespace iamlint {
namespace {

const Scope& OnlyScope(const LoadResult& r) {
  EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].message);
  EXPECT_EQ(r.model.scopes.size(), 1u);
  return r.model.scopes.at(0);
}

TEST(LoaderGrants, CloudFormationPolicyResourcesAreResourcesListsAreNot) {
  const LoadResult r = LoadBuffers({{"t.yaml", R"(
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
      Policies:
        - PolicyName: own
          PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
      Tags:
        - {Key: iamlint:skip, Value: "IAM001: reviewed"}
        - {Key: other, Value: x}
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: sqs:*, Resource: "*"}]}
)"}},
                                   LoadOptions());
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.roles.size(), 1u);
  const std::vector<Grant>& g = s.roles[0].grants;
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g[0].via, "Policies");
  EXPECT_FALSE(g[0].via_resource);
  EXPECT_EQ(g[1].via, "ManagedPolicyArns");
  EXPECT_FALSE(g[1].via_resource);
  EXPECT_EQ(g[1].policy, g[2].policy);  // one ARN, one policy
  EXPECT_TRUE(s.policies[static_cast<size_t>(g[1].policy)].aws_managed);
  EXPECT_EQ(g[3].via, "Extra");
  EXPECT_TRUE(g[3].via_resource);
  ASSERT_EQ(s.skip_tags.size(), 1u);
  EXPECT_EQ(s.skip_tags[0].value, "IAM001: reviewed");
  EXPECT_EQ(s.skip_tags[0].loc.pointer, "/Resources/Role/Properties/Tags/0");
}

TEST(LoaderGrants, CloudFormationEnvironmentVariables) {
  const LoadResult r = LoadBuffers({{"t.json", R"({
  "Resources": {"App": {"Type": "AWS::Amplify::App", "Properties": {"Name": "a",
    "EnvironmentVariables": [{"Name": "A", "Value": "1"}, {"Name": "B", "Value": {"Ref": "X"}},
                             {"Name": "C"}, {"Value": "no name"}]}}}})"}},
                                   LoadOptions());
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.apps.size(), 1u);
  const std::vector<EnvVar>& env = s.apps[0].env;
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env[0].name, "A");
  EXPECT_TRUE(env[0].value_known);
  EXPECT_EQ(env[0].value, "1");
  EXPECT_FALSE(env[1].value_known);  // a Ref the template does not answer
  EXPECT_TRUE(env[2].value_known);   // no Value: the empty string
  EXPECT_EQ(env[2].loc.pointer, "/Resources/App/Properties/EnvironmentVariables/2");
  EXPECT_EQ(env[2].loc.line, 4u);
}

TEST(LoaderGrants, AwsCliGrantsAreListsPoliciesByArnOnce) {
  const LoadResult r = LoadBuffers(
      {{"role.json", R"({"Role": {"Arn": "arn:aws:iam::1:role/r", "RoleName": "r",
          "AttachedManagedPolicies": [
            {"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "PolicyName": "RO"}],
          "PermissionsBoundary": {"PermissionsBoundaryArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}}})"},
       {"app.json", R"({"app": {"appArn": "arn:aws:amplify:us-east-1:1:apps/a", "appId": "a",
          "environmentVariables": {"K": "v", "N": 1}}})"},
       {"inline.json", R"({"RoleName": "r", "PolicyName": "p",
          "PolicyDocument": {"Statement": []}})"}},
      LoadOptions());
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.roles.size(), 1u);
  const Role& role = s.roles[0];
  ASSERT_EQ(role.grants.size(), 2u);
  EXPECT_EQ(role.grants[0].via, "AttachedManagedPolicies");
  EXPECT_EQ(role.grants[1].via, "get-role-policy");
  for (const Grant& g : role.grants) EXPECT_FALSE(g.via_resource);
  EXPECT_EQ(role.boundary.policy, role.grants[0].policy);  // the same ARN: one policy
  EXPECT_EQ(s.policies[static_cast<size_t>(role.grants[0].policy)].name.value(), "RO");
  ASSERT_EQ(s.apps.size(), 1u);
  ASSERT_EQ(s.apps[0].env.size(), 2u);
  EXPECT_TRUE(s.apps[0].env[0].value_known);
  EXPECT_FALSE(s.apps[0].env[1].value_known);
  EXPECT_EQ(s.apps[0].env[1].loc.pointer, "/app/environmentVariables/N");
}

}  // namespace
}  // namespace iamlint
