// The parts of the loader, each through its own header: the intrinsic functions' table and
// the evaluator of CloudFormation, the YAML reader, decoding, the folder walk and the pool.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "load/cloudformation/evaluator.h"
#include "load/cloudformation/intrinsics.h"
#include "load/cloudformation/template.h"
#include "load/jobs.h"
#include "load/loaders.h"
#include "load/read.h"
#include "load/walk.h"
#include "load/yaml.h"
#include "test_util.h"

namespace iamlint {
namespace {

// --- CloudFormation: the table and the evaluator ------------------------------------------

TEST(Intrinsics, TableHoldsTheFunctionsTheTemplateCanAnswer) {
  for (const char* name :
       {"Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Select", "Fn::FindInMap"}) {
    EXPECT_NE(cfn::IntrinsicNamed(name), nullptr) << name;
  }
  // Their values are not in the template (Fn::Split makes a list, read by Fn::Select only).
  for (const char* name : {"Fn::ImportValue", "Fn::Base64", "Fn::GetAZs", "Fn::Split", "Condition",
                           "Fn::Cidr", "Fn::sub", ""}) {
    EXPECT_EQ(cfn::IntrinsicNamed(name), nullptr) << name;
  }
}

/// A template read from JSON text, and an evaluator over it.
class Evaluated : public ::testing::Test {
 protected:
  void Load(const std::string& text) {
    in_ = std::make_unique<InputFile>();
    in_->path = "t.json";
    in_->text = text;
    json::ParseError err;
    ASSERT_TRUE(json::Parse(in_->text, &in_->doc, &err)) << err.message;
    tmpl_ = std::make_unique<cfn::Template>(*in_, &errors_);
    ASSERT_TRUE(tmpl_->Read());
    ev_ = std::make_unique<cfn::Evaluator>(*tmpl_);
  }
  /// The value of `expr` (JSON text) in the loaded template.
  cfn::Str Eval(const std::string& expr) {
    json::Document d;
    json::ParseError err;
    EXPECT_TRUE(json::Parse(expr, &d, &err)) << err.message;
    exprs_.push_back(std::move(d));
    return ev_->Resolve(exprs_.back().root(), 0);
  }

  std::unique_ptr<InputFile> in_;
  std::vector<LoadError> errors_;
  std::unique_ptr<cfn::Template> tmpl_;
  std::unique_ptr<cfn::Evaluator> ev_;
  std::vector<json::Document> exprs_;
};

constexpr char kTemplate[] = R"({
  "Parameters": {"Env": {"Type": "String", "Default": "prod"},
                 "Secret": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/x"}},
  "Mappings": {"M": {"prod": {"Bucket": "data-prod"}}},
  "Resources": {
    "Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "data-${Env}"}}},
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app"}},
    "Queue": {"Type": "AWS::SQS::Queue"}
  }
})";

TEST_F(Evaluated, EachIntrinsicAsFarAsTheTemplateAllows) {
  Load(kTemplate);
  EXPECT_EQ(Eval(R"({"Ref": "Env"})").text, "prod");
  EXPECT_FALSE(Eval(R"({"Ref": "Secret"})").known());  // read from SSM at deploy
  EXPECT_EQ(Eval(R"({"Ref": "AWS::Partition"})").text, "aws");
  EXPECT_EQ(Eval(R"({"Ref": "AWS::NoValue"})").state, cfn::Str::State::kAbsent);
  const cfn::Str role = Eval(R"({"Ref": "Role"})");
  EXPECT_EQ(role.text, "app");
  EXPECT_EQ(role.ref, "Role");
  EXPECT_EQ(Eval(R"({"Fn::GetAtt": ["Data", "Arn"]})").text, "arn:aws:s3:::data-prod");
  EXPECT_TRUE(Eval(R"({"Fn::GetAtt": "Data.Arn"})").exact());
  const cfn::Str queue = Eval(R"({"Fn::GetAtt": "Queue.Arn"})");
  EXPECT_EQ(queue.text, "arn:aws:sqs:*:*:*");
  EXPECT_FALSE(queue.exact());
  EXPECT_EQ(Eval(R"({"Fn::Sub": ["${A}-${!Lit}", {"A": {"Ref": "Env"}}]})").text, "prod-${Lit}");
  const cfn::Str sub = Eval(R"({"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/x"})");
  EXPECT_EQ(sub.text, "arn:aws:iam::*:role/x");
  EXPECT_EQ(sub.raw, "arn:aws:iam::${AWS::AccountId}:role/x");
  EXPECT_TRUE(sub.wild);
  EXPECT_EQ(Eval(R"({"Fn::Join": ["-", ["a", {"Ref": "AWS::NoValue"}, "b"]]})").text, "a-b");
  EXPECT_EQ(Eval(R"({"Fn::If": ["C", "x", "x"]})").text, "x");
  EXPECT_FALSE(Eval(R"({"Fn::If": ["C", "x", "y"]})").known());
  EXPECT_EQ(Eval(R"({"Fn::Select": [1, ["a", "b"]]})").text, "b");
  EXPECT_EQ(Eval(R"({"Fn::Select": ["2", {"Fn::Split": [",", "a,b,c"]}]})").text, "c");
  EXPECT_EQ(Eval(R"({"Fn::FindInMap": ["M", {"Ref": "Env"}, "Bucket"]})").text, "data-prod");
  EXPECT_FALSE(Eval(R"({"Fn::ImportValue": "x"})").known());
  EXPECT_FALSE(Eval(R"({"Fn::Split": [",", "a,b"]})").known());
  EXPECT_TRUE(errors_.empty());
}

TEST_F(Evaluated, SelectOutOfRangeIsOneLocatedError) {
  Load(kTemplate);
  json::Document d;
  json::ParseError err;
  ASSERT_TRUE(json::Parse(R"({"Fn::Select": [7, ["a"]]})", &d, &err));
  EXPECT_FALSE(ev_->Resolve(d.root(), 0).known());
  EXPECT_FALSE(ev_->Resolve(d.root(), 0).known());  // the same node: reported once
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].message,
            "Fn::Select index \"7\" is past the end of its list of 1 (CloudFormation refuses the "
            "template)");
}

TEST_F(Evaluated, CycleIsReportedOnceAtTheResource) {
  Load(R"({"Resources": {
    "A": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "${B.Arn}"}}},
    "B": {"Type": "AWS::IAM::Role",
          "Properties": {"RoleName": {"Fn::Sub": "${A.Arn}${A.Arn}"}}}}})");
  EXPECT_FALSE(Eval(R"({"Fn::GetAtt": ["A", "Arn"]})").exact());
  EXPECT_FALSE(Eval(R"({"Fn::GetAtt": ["A", "Arn"]})").exact());  // memoised: no new error
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].pointer, "/Resources/A");
  EXPECT_EQ(errors_[0].message,
            "circular reference: A -> B -> A (CloudFormation refuses a template whose values "
            "depend on themselves)");
}

// --- YAML ---------------------------------------------------------------------------------

TEST(YamlToJson, ShortFormsBecomeLongForms) {
  json::Value root;
  const YamlOutcome out = YamlToJson("A: !GetAtt Role.Arn\nB: !Ref X\nC: !Sub [a, {}]\n", &root);
  ASSERT_EQ(out.kind, YamlOutcome::Kind::kOk);
  const json::Value* a = root.Find("A")->Find("Fn::GetAtt");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->IsArray());
  EXPECT_EQ(a->items()[1].str(), "Arn");
  EXPECT_EQ(root.Find("B")->Find("Ref")->str(), "X");
  EXPECT_TRUE(root.Find("C")->Find("Fn::Sub")->IsArray());
}

TEST(YamlToJson, SaysWhatIsWrongAndWhere) {
  json::Value root;
  YamlOutcome out = YamlToJson("a: 1\nb: [\n", &root);
  EXPECT_EQ(out.kind, YamlOutcome::Kind::kSyntax);
  EXPECT_GT(out.line, 0u);
  EXPECT_FALSE(out.message.empty());
  EXPECT_EQ(YamlToJson("- a\n- b\n", &root).kind, YamlOutcome::Kind::kNotMapping);
  std::string bomb = "a0: &a0 [xxxxxxxxxxxxxxxxxxxxxxxx, yyyyyyyyyyyyyyyyyyyyyyyy]\n";
  for (int i = 1; i < 25; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + "]\n";
  }
  out = YamlToJson(bomb, &root);
  EXPECT_EQ(out.kind, YamlOutcome::Kind::kTooLarge);
  EXPECT_GT(out.line, 1u);
}

// --- Decoding -----------------------------------------------------------------------------

TEST(DecodeToUtf8, Utf16BothOrdersAndByteOrderMarks) {
  InputFile le;
  le.text = std::string("\xFF\xFE{\0}\0", 6);
  ASSERT_TRUE(DecodeToUtf8(&le));
  EXPECT_EQ(le.text, "{}");
  InputFile be;
  be.text = std::string("\xFE\xFF\0{\xD8\x3D\xDE\x00", 8);  // "{" and U+1F600
  ASSERT_TRUE(DecodeToUtf8(&be));
  EXPECT_EQ(be.text, "{\xF0\x9F\x98\x80");
  InputFile bom;
  bom.text = "\xEF\xBB\xBF{}";
  ASSERT_TRUE(DecodeToUtf8(&bom));
  EXPECT_EQ(bom.text, "{}");
  InputFile odd;
  odd.text = std::string("\xFF\xFE{\0}", 5);
  EXPECT_FALSE(DecodeToUtf8(&odd));
  InputFile lone;
  lone.text = std::string("\xFF\xFE\x00\xDC", 4);
  EXPECT_FALSE(DecodeToUtf8(&lone));
}

// --- Walking and the pool -----------------------------------------------------------------

TEST(QueuePath, FolderFilesSortedToolFoldersLeftOutFilterCounted) {
  const std::filesystem::path dir = testing::ScratchDir("walk");
  for (const char* f :
       {"b.json", "a.json", "sub/c.json", ".git/x.json", "node_modules/y.json", "skip.json"}) {
    std::filesystem::create_directories((dir / f).parent_path());
    std::ofstream(dir / f) << "{}";
  }
  std::vector<Job> jobs;
  size_t skipped = 0;
  auto filter = [](const std::string& p) { return p.find("skip") == std::string::npos; };
  QueuePath(dir.string(), filter, &jobs, &skipped);
  std::vector<std::string> names;
  for (const Job& j : jobs) {
    EXPECT_FALSE(j.explicit_path);
    EXPECT_TRUE(j.error.empty());
    names.push_back(std::filesystem::relative(j.path, dir).string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "b.json", "sub/c.json"}));
  EXPECT_EQ(skipped, 1u);
  jobs.clear();
  QueuePath((dir / "missing.json").string(), nullptr, &jobs, &skipped);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_TRUE(jobs[0].explicit_path);
  EXPECT_EQ(jobs[0].error.rfind("cannot read: ", 0), 0u);
  std::filesystem::remove_all(dir);
}

TEST(RunParallel, EveryIndexOnce) {
  for (size_t count : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
    std::vector<std::atomic<int>> runs(count);
    RunParallel(count, [&](size_t i) { ++runs[i]; });
    EXPECT_TRUE(std::all_of(runs.begin(), runs.end(), [](const auto& n) { return n == 1; }))
        << count;
  }
}

}  // namespace
}  // namespace iamlint
