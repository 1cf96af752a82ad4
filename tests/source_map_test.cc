// Source mapping (src/lint/source_map): plan addresses back to the .tf blocks, through local
// modules.
#include <string>

#include <gtest/gtest.h>

#include "lint/source_map.h"
#include "load/load.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::SourcePath;

TEST(TfSource, LocatesRootResourcesAndDataSources) {
  TfSource src(SourcePath("fixtures/tf/seed-before"));
  Location loc;
  ASSERT_TRUE(src.Locate("aws_amplify_app.web", &loc));
  EXPECT_EQ(loc.file, SourcePath("fixtures/tf/seed-before/main.tf"));
  EXPECT_EQ(loc.line, 97u);
  ASSERT_TRUE(src.Locate("data.aws_iam_policy_document.amplify_assume_role", &loc));
  EXPECT_EQ(loc.line, 9u);
  EXPECT_FALSE(src.Locate("aws_s3_bucket.nope", &loc));
}

TEST(TfSource, FollowsLocalModulesThroughForEachAndCountKeys) {
  TfSource src(SourcePath("fixtures/tf/module-for-each"));
  Location loc;
  ASSERT_TRUE(src.Locate("module.web[\"dev\"].aws_amplify_app.this", &loc));
  EXPECT_EQ(loc.file, SourcePath("fixtures/tf/module-for-each/modules/amplify-ssr/main.tf"));
  EXPECT_EQ(loc.line, 64u);
  ASSERT_TRUE(src.Locate("module.web[\"prod\"].aws_iam_role.compute[0]", &loc));
  EXPECT_EQ(loc.file, SourcePath("fixtures/tf/module-for-each/modules/amplify-ssr/main.tf"));
  // An address inside the module whose resource block is not found: the module block.
  ASSERT_TRUE(src.Locate("module.web[\"dev\"].aws_s3_bucket.gone", &loc));
  EXPECT_EQ(loc.file, SourcePath("fixtures/tf/module-for-each/main.tf"));
  EXPECT_EQ(loc.line, 10u);
}

TEST(TfSource, FindingsPointAtTheTfBlockAndKeepThePlan) {
  LoadOptions options;
  options.tf_dir = SourcePath("fixtures/tf/module-for-each");
  const std::string plan = SourcePath("fixtures/plans/module-for-each.plan.json");
  LoadResult loaded = LoadPaths({plan}, options);
  ASSERT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.plan_dirs.count(plan), 1u);
  std::vector<Finding> findings = RunRules(loaded.model);
  MapFindingsToSource(loaded.plan_dirs, &findings);
  bool saw_amp002 = false;
  for (const auto& f : findings) {
    EXPECT_EQ(f.loc.file, SourcePath("fixtures/tf/module-for-each/modules/amplify-ssr/main.tf"))
        << f.rule << " " << f.resource;
    ASSERT_FALSE(f.related.empty());
    EXPECT_EQ(f.related[0].loc.file, plan);
    EXPECT_GT(f.related[0].loc.line, 0u);
    if (f.rule == "AMP002") {
      saw_amp002 = true;
      EXPECT_EQ(f.loc.line, 59u) << "the aws_iam_role_policy_attachment block";
    }
  }
  EXPECT_TRUE(saw_amp002);
}

TEST(TfSource, NoTfFilesBesideAPlanMeansNoMapping) {
  LoadResult loaded =
      LoadPaths({SourcePath("fixtures/plans/seed-before.plan.json")}, LoadOptions());
  EXPECT_TRUE(loaded.plan_dirs.empty());
}

}  // namespace
}  // namespace iamlint
