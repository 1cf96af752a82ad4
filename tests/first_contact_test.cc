// What a newcomer sees first: the help of each subcommand, in-process through RunCli.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::RunResult;

TEST(FirstContact, EachSubcommandsHelpShowsItsOwnUsage) {
  for (const std::string sub : {"check", "baseline", "simulate", "rules", "explain"}) {
    RunResult r = RunInProcess({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage: iamlint " + sub + " [OPTIONS]"), std::string::npos) << sub << ":\n"
                                                                                     << r.out;
    EXPECT_EQ(r.out.find("Usage: " + sub + " iamlint"), std::string::npos) << r.out;
  }
  RunResult top = RunInProcess({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Usage: iamlint [OPTIONS] SUBCOMMAND"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("simulate"), std::string::npos) << top.out;
}

TEST(FirstContact, SimulateSaysWhichInputWouldAnswerAMissingKeyPolicy) {
  // A role allowed kms:Decrypt on a key whose policy no input shows: no --context can answer
  // that, so the answer says which input would (issue 15).
  RunResult r = RunInProcess({"simulate", "--principal", "my-app-compute", "--action",
                              "kms:Decrypt", "--resource",
                              "arn:aws:kms:ap-northeast-1:123456789012:key/"
                              "1234abcd-12ab-34cd-56ef-1234567890ab",
                              IAMLINT_SOURCE_DIR "/fixtures/cfn/kms-decrypt-role.yaml"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("cannot tell:", 0), 0U) << r.out;
  EXPECT_NE(r.out.find("(the KMS key policy)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("add the input that defines the key and its policy"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("--context"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace iamlint
