// A seeded generator of IAM policies and concrete requests, shared by the differential test
// and the evaluation benchmark. Each case is the JSON the oracle script reads (one per line).
#pragma once

#include <cctype>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iamlint::testing {

using nlohmann::json;

constexpr const char* kAccount = "123456789012";
constexpr const char* kPrincipal = "arn:aws:iam::123456789012:role/app-runtime";

/// Real actions, each with a resource ARN of a type it accepts.
struct ActionSample {
  const char* action;
  const char* resource;
};
const std::vector<ActionSample> kActions = {
    {"s3:GetObject", "arn:aws:s3:::my-app-data/users/alice/avatar.png"},
    {"s3:PutObject", "arn:aws:s3:::my-app-data/uploads/report.csv"},
    {"s3:ListBucket", "arn:aws:s3:::my-app-data"},
    {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/my-app-users"},
    {"dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/my-app-orders"},
    {"dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/other-table"},
    {"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:my-app-render"},
    {"sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:my-app-jobs"},
    {"kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
    {"secretsmanager:GetSecretValue",
     "arn:aws:secretsmanager:us-east-1:123456789012:secret:my-app/db-AbCdEf"},
};

class PolicyCaseGenerator {
 public:
  explicit PolicyCaseGenerator(uint32_t seed) : rng_(seed) {}

  json Case(int id) {
    const ActionSample& target = kActions[Pick(kActions.size())];
    json c;
    c["id"] = id;
    c["principal"] = kPrincipal;
    c["action"] = Case(target.action);
    c["resource"] = target.resource;
    c["resourceAccount"] = kAccount;
    c["context"] = Context();
    c["identity"] = json::array();
    const size_t policies = 1 + Pick(2);
    for (size_t i = 0; i < policies; ++i) c["identity"].push_back(Policy(target, false));
    if (Chance(15)) c["boundary"] = Policy(target, false);
    if (Chance(15) && std::string(target.action).rfind("s3:", 0) == 0) {
      c["resourcePolicy"] = Policy(target, true);
    }
    // A key policy: it must allow the caller, or let the account's IAM policies decide.
    if (std::string(target.action).rfind("kms:", 0) == 0 && Chance(70)) {
      c["resourcePolicy"] = Policy(target, true);
    }
    return c;
  }

 private:
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool Chance(int percent) { return static_cast<int>(Pick(100)) < percent; }
  template <class T>
  const T& One(const std::vector<T>& v) {
    return v[Pick(v.size())];
  }

  /// Randomly changes the case of an action name (actions match case-insensitively).
  std::string Case(const std::string& action) {
    if (!Chance(20)) return action;
    std::string s = action;
    for (char& ch : s) {
      if (Chance(50)) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    return s;
  }

  std::string ActionPattern(const ActionSample& target) {
    std::string a = target.action;
    std::string service = a.substr(0, a.find(':'));
    std::string name = a.substr(a.find(':') + 1);
    switch (Pick(8)) {
      case 0:
        return a;
      case 1:
        return service + ":*";
      case 2:
        return service + ":" + name.substr(0, 3) + "*";
      case 3:
        return "*";
      case 4:
        return Case(a);
      case 5:
        return service + ":" + name.substr(0, name.size() - 1) + "?";
      case 6:
        return One(kActions).action;  // another action, usually not matching
      default:
        return service + ":*" + name.substr(name.size() - 3);
    }
  }

  std::string ResourcePattern(const ActionSample& target) {
    std::string r = target.resource;
    switch (Pick(9)) {
      case 0:
        return r;
      case 1:
        return "*";
      case 2:
        return r.substr(0, r.size() / 2) + "*";
      case 3:
        return r.substr(0, r.size() - 1) + "?";
      case 4:
        return One(kActions).resource;
      case 5:
        return "arn:aws:s3:::my-app-data/users/${aws:username}/*";
      case 6:
        return "arn:aws:s3:::my-app-data/*";
      case 7:
        return "arn:aws:dynamodb:us-east-1:123456789012:table/my-app-*";
      default:
        return "arn:aws:s3:::my-app-data/${aws:PrincipalTag/team, 'users'}/*";
    }
  }

  json Condition() {
    json c = json::object();
    const size_t n = 1 + Pick(2);
    for (size_t i = 0; i < n; ++i) {
      std::string op;
      std::string key;
      json values;
      switch (Pick(12)) {
        case 0:
          op = One<std::string>({"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                                 "StringNotEqualsIgnoreCase"});
          key = "aws:username";
          values = json::array({One<std::string>({"alice", "Alice", "bob"}), "carol"});
          break;
        case 1:
          op = One<std::string>({"StringLike", "StringNotLike"});
          key = "aws:PrincipalTag/team";
          values = One<std::string>({"pay*", "web", "p?yments", "*"});
          break;
        case 2:
          op = One<std::string>({"IpAddress", "NotIpAddress"});
          key = "aws:SourceIp";
          values = json::array({One<std::string>(
              {"10.0.0.0/8", "192.168.1.0/24", "203.0.113.7/32", "2001:db8::/32"})});
          break;
        case 3:
          op = One<std::string>({"DateLessThan", "DateGreaterThan", "DateLessThanEquals",
                                 "DateGreaterThanEquals", "DateEquals", "DateNotEquals"});
          key = "aws:CurrentTime";
          values = One<std::string>(
              {"2026-01-01T00:00:00Z", "2027-06-30T12:00:00Z", "2026-11-24T10:00:00Z"});
          break;
        case 4:
          op = "Bool";
          key = One<std::string>({"aws:SecureTransport", "aws:MultiFactorAuthPresent"});
          values = One<std::string>({"true", "false"});
          break;
        case 5:
          op =
              One<std::string>({"NumericLessThan", "NumericGreaterThanEquals", "NumericEquals",
                                "NumericNotEquals", "NumericLessThanEquals", "NumericGreaterThan"});
          key = "aws:MultiFactorAuthAge";
          values = One<std::string>({"3600", "60", "0"});
          break;
        case 6:
          op = One<std::string>({"ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"});
          key = "aws:SourceArn";
          values = One<std::string>({"arn:aws:amplify:*:123456789012:apps/*",
                                     "arn:aws:amplify:us-east-1:123456789012:apps/d1abc",
                                     "arn:aws:lambda:*:*:function:*"});
          break;
        case 7:
          op = One<std::string>({"ForAnyValue:StringEquals", "ForAllValues:StringEquals",
                                 "ForAnyValue:StringLike", "ForAllValues:StringNotEquals"});
          key = "aws:TagKeys";
          values = json::array({"env", One<std::string>({"team", "cost*", "owner"})});
          break;
        case 8:
          op = "Null";
          key = One<std::string>({"aws:username", "aws:SourceIp", "aws:PrincipalTag/team"});
          values = One<std::string>({"true", "false"});
          break;
        case 9:
          op = "StringEquals";
          key = "aws:SourceAccount";
          values = One<std::string>({kAccount, "999999999999"});
          break;
        case 10:
          op = "StringLike";
          key = "s3:prefix";
          values = json::array({"users/${aws:username}/*", "public/*"});
          break;
        default:
          op = "StringEquals";
          key = "aws:RequestedRegion";
          values = One<std::string>({"us-east-1", "ap-northeast-1"});
          break;
      }
      if (op != "Null" && op.rfind("For", 0) != 0 && Chance(25)) op += "IfExists";
      c[op][key] = values;
    }
    return c;
  }

  json Policy(const ActionSample& target, bool resource_policy) {
    json p;
    p["Version"] = "2012-10-17";
    json stmts = json::array();
    const size_t n = 1 + Pick(3);
    for (size_t i = 0; i < n; ++i) {
      json s;
      s["Effect"] = Chance(30) ? "Deny" : "Allow";
      json actions = json::array();
      for (size_t k = 0, m = 1 + Pick(2); k < m; ++k) actions.push_back(ActionPattern(target));
      s[Chance(12) ? "NotAction" : "Action"] = actions.size() == 1 ? actions[0] : actions;
      json resources = json::array();
      for (size_t k = 0, m = 1 + Pick(2); k < m; ++k) resources.push_back(ResourcePattern(target));
      s[Chance(12) ? "NotResource" : "Resource"] = resources.size() == 1 ? resources[0] : resources;
      if (resource_policy) {
        switch (Pick(4)) {
          case 0:
            s["Principal"] = "*";
            break;
          case 1:
            s["Principal"]["AWS"] = std::string("arn:aws:iam::") + kAccount + ":root";
            break;
          case 2:
            s["Principal"]["AWS"] = kPrincipal;
            break;
          default:
            s["Principal"]["AWS"] = "arn:aws:iam::123456789012:role/someone-else";
            break;
        }
      }
      if (Chance(55)) s["Condition"] = Condition();
      stmts.push_back(s);
    }
    p["Statement"] = stmts;
    return p;
  }

  json Context() {
    json ctx = json::object();
    if (Chance(70)) ctx["aws:username"] = One<std::string>({"alice", "bob", "ALICE"});
    if (Chance(60)) ctx["aws:PrincipalTag/team"] = One<std::string>({"payments", "web", "users"});
    if (Chance(70)) {
      ctx["aws:SourceIp"] = One<std::string>(
          {"10.1.2.3", "192.168.1.77", "203.0.113.7", "2001:db8::1", "198.51.100.1"});
    }
    if (Chance(80)) {
      ctx["aws:CurrentTime"] = One<std::string>(
          {"2026-11-24T10:00:00Z", "2025-03-01T00:00:00Z", "2027-12-31T23:59:59Z"});
    }
    if (Chance(70)) ctx["aws:SecureTransport"] = One<std::string>({"true", "false"});
    if (Chance(50)) ctx["aws:MultiFactorAuthPresent"] = One<std::string>({"true", "false"});
    if (Chance(50)) ctx["aws:MultiFactorAuthAge"] = One<std::string>({"30", "3600", "7200"});
    if (Chance(50)) {
      ctx["aws:SourceArn"] = One<std::string>({"arn:aws:amplify:us-east-1:123456789012:apps/d1abc",
                                               "arn:aws:lambda:us-east-1:123456789012:function:f"});
    }
    if (Chance(50)) {
      json keys = json::array();
      for (const char* k : {"env", "team", "owner", "cost-center"}) {
        if (Chance(50)) keys.push_back(k);
      }
      if (!keys.empty()) ctx["aws:TagKeys"] = keys;
    }
    if (Chance(50)) ctx["aws:SourceAccount"] = One<std::string>({kAccount, "999999999999"});
    if (Chance(50)) ctx["aws:RequestedRegion"] = One<std::string>({"us-east-1", "ap-northeast-1"});
    return ctx;
  }

  std::mt19937 rng_;
};

}  // namespace iamlint::testing
