// What a newcomer sees first: the help of each subcommand, in-process through RunCli.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/cli.h"

namespace iamlint {
namespace {

struct Ran {
  int code;
  std::string out;
  std::string err;
};

Ran RunCommand(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = RunCli(args, out, err, false);
  return {code, out.str(), err.str()};
}

TEST(FirstContact, EachSubcommandsHelpShowsItsOwnUsage) {
  for (const std::string sub : {"check", "baseline", "simulate", "rules", "explain"}) {
    Ran r = RunCommand({sub, "--help"});
    EXPECT_EQ(r.code, 0) << sub;
    EXPECT_NE(r.out.find("Usage: iamlint " + sub + " [OPTIONS]"), std::string::npos) << sub << ":\n"
                                                                                     << r.out;
    EXPECT_EQ(r.out.find("Usage: " + sub + " iamlint"), std::string::npos) << r.out;
  }
  Ran top = RunCommand({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_NE(top.out.find("Usage: iamlint [OPTIONS] SUBCOMMAND"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("simulate"), std::string::npos) << top.out;
}

}  // namespace
}  // namespace iamlint
