// Evaluating template expressions: Ref and Fn::GetAtt (memoised, cycles reported), the
// dispatch to the intrinsic functions' table, and the budget of built strings.
#include "load/cloudformation/evaluator.h"

#include <algorithm>

#include "load/cloudformation/intrinsics.h"

namespace iamlint::cfn {

using json::Value;

Evaluator::Evaluator(const Template& t) : t_(t), built_budget_(BuiltBudget()) {}

Str Evaluator::Resolve(const Value& v, int depth) const {
  // A guard for the stack: real references nest a few deep; cycles are caught by the memo.
  if (depth > 100) return Unk();
  if (!v.IsObject()) {
    if (v.IsArray() || v.IsNull()) return Unk();
    return Val(ScalarText(v));
  }
  const std::string& name = IntrinsicName(v);
  if (name.empty()) return Unk();
  const IntrinsicFn fn = IntrinsicNamed(name);
  if (fn == nullptr) return Unk();  // Fn::ImportValue, Fn::Base64, Fn::GetAZs, ...: not in the file
  return fn(*this, Call{*v.members()[0].value, depth});
}

/// A memoised reference: `key` names it, `who` is the parameter or resource it reads.
template <typename Compute>
Str Evaluator::Memoised(const std::string& key, const std::string& who, Compute compute) const {
  auto [it, fresh] = memo_.try_emplace(key);
  if (!fresh) {
    if (!it->second.done) ReportCycle(who);
    return it->second.value;  // unknown while in progress
  }
  active_.push_back(who);
  Str s = compute();
  active_.pop_back();
  it->second.done = true;  // std::map: `it` outlives the insertions made by compute()
  it->second.value = s;
  return s;
}

/// `who` refers back to itself through the references being worked out.
void Evaluator::ReportCycle(const std::string& who) const {
  auto from = std::find(active_.begin(), active_.end(), who);
  std::string path;
  for (auto i = from; i != active_.end(); ++i) path += *i + " -> ";
  path += who;
  if (!cycles_reported_.insert(who).second) return;
  const Value* at = &t_.file().doc.root();
  std::string pointer;
  if (const Resource* r = t_.Find(who)) {
    at = r->node;
    pointer = r->pointer;
  } else if (auto p = t_.params().find(who); p != t_.params().end()) {
    at = p->second;
    pointer = json::PointerAppend("/Parameters", who);
  }
  t_.Error(at, pointer,
           "circular reference: " + path +
               " (CloudFormation refuses a template whose values depend on themselves)");
}

Str Evaluator::RefOf(const std::string& name, int depth) const {
  if (t_.params().count(name) == 0 && t_.Find(name) == nullptr) {
    return RefOfUncached(name, depth);
  }
  return Memoised("Ref\n" + name, name, [&] { return RefOfUncached(name, depth); });
}

Str Evaluator::GetAtt(const std::string& id, const std::string& attr, int depth) const {
  if (t_.Find(id) == nullptr) return Unk();
  return Memoised("GetAtt\n" + id + "\n" + attr, id,
                  [&] { return GetAttUncached(id, attr, depth); });
}

Str Evaluator::RefOfUncached(const std::string& name, int depth) const {
  if (name == "AWS::NoValue") return Absent();
  if (name == "AWS::Partition") return Val("aws");
  if (name == "AWS::URLSuffix") return Val("amazonaws.com");
  if (name.rfind("AWS::", 0) == 0) return Unk();  // account, region, stack: not in the file
  if (auto p = t_.params().find(name); p != t_.params().end()) {
    return p->second != nullptr ? Resolve(*p->second, depth + 1) : Unk();
  }
  if (const Resource* r = t_.Find(name)) {
    // Ref of a role or managed policy is its name / ARN: known only when written out.
    if (r->type == "AWS::IAM::Role") {
      const Value* n = Template::Prop(*r, "RoleName");
      if (n != nullptr && n->IsString()) {
        Str s = Val(n->str());
        s.ref = name;
        return s;
      }
    }
    // Ref of a secret is its ARN (a pattern: the region, account and suffix are the
    // stack's); of an SSM parameter, its name when the template gives it.
    if (r->type == "AWS::SecretsManager::Secret") {
      Str s = GetAttUncached(name, "Id", depth);
      s.attr.clear();
      return s;
    }
    if (r->type == "AWS::SSM::Parameter") {
      if (const Value* n = Template::Prop(*r, "Name")) {
        Str s = Resolve(*n, depth + 1);
        if (s.exact()) {
          s.ref = name;
          return s;
        }
      }
    }
    return Unk(name);
  }
  return Unk();
}

Str Evaluator::GetAttUncached(const std::string& id, const std::string& attr, int depth) const {
  const Resource* r = t_.Find(id);
  if (r == nullptr) return Unk();
  Str out = Unk(id, attr);
  const bool secret = r->type == "AWS::SecretsManager::Secret";
  if (attr != "Arn" && !(secret && attr == "Id")) return out;
  // ARN patterns for what policies commonly name: the names when the template gives them.
  bool exact = true;
  auto name = [&](const char* prop) {
    const Value* v = Template::Prop(*r, prop);
    Str s = v != nullptr ? Resolve(*v, depth + 1) : Unk();
    if (!s.exact()) exact = false;
    return s.known() ? s.text : std::string("*");
  };
  std::string arn;
  if (r->type == "AWS::DynamoDB::Table") arn = "arn:aws:dynamodb:*:*:table/" + name("TableName");
  if (r->type == "AWS::S3::Bucket") arn = "arn:aws:s3:::" + name("BucketName");
  if (r->type == "AWS::Lambda::Function") {
    arn = "arn:aws:lambda:*:*:function:" + name("FunctionName");
  }
  if (r->type == "AWS::SQS::Queue") arn = "arn:aws:sqs:*:*:" + name("QueueName");
  // Secrets Manager adds a hyphen and six characters to the name.
  if (secret) arn = "arn:aws:secretsmanager:*:*:secret:" + name("Name") + "-??????";
  if (r->type == "AWS::IAM::Role") {
    std::string path = "/";
    if (const Value* p = Template::Prop(*r, "Path")) {
      Str s = Resolve(*p, depth + 1);
      path = s.known() ? s.text : "/*/";
      if (!s.exact()) exact = false;
    }
    arn = "arn:aws:iam::*:role" + path + name("RoleName");
  }
  if (arn.empty()) return out;
  out.state = Str::State::kKnown;
  out.text = arn;
  // Only an S3 bucket's ARN has neither account nor region in it.
  out.wild = !exact || arn.find('*') != std::string::npos;
  return out;
}

Str Evaluator::Charge(Str built, const Value& arg) const {
  // Each value built counts against a budget for the template: references can copy a long
  // value into many others (`${Big.Arn}${Big.Arn}` in each of thousands of resources).
  const size_t size = built.text.size() + built.raw.size();
  if (size > built_budget_) {
    if (!built_budget_spent_) {
      built_budget_spent_ = true;
      t_.Error(&arg, "",
               "the values this template builds with Fn::Sub / Fn::Join add up to more than " +
                   std::to_string(BuiltBudget() >> 20) +
                   " MiB (references copying long values into many others): the rest is not "
                   "read");
    }
    built_budget_ = 0;
    return Unk();
  }
  built_budget_ -= size;
  return built;
}

size_t Evaluator::BuiltBudget() const {
  return (size_t{64} << 20) + 16 * t_.file().text.size() + (size_t{4} << 10) * t_.resource_count();
}

}  // namespace iamlint::cfn
