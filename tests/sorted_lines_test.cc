// In-place binary search over sorted lines (the embedded AWS tables).
#include <cstdio>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "data/sorted_lines.h"

namespace iamlint {
namespace {

std::string_view FirstField(std::string_view line) { return line.substr(0, line.find('\t')); }

std::string Find(const SortedLines& t, std::string_view key) {
  size_t at = t.LowerBound(key, FirstField);
  return at == t.end() ? "(end)" : std::string(t.LineAt(at));
}

TEST(SortedLines, LowerBoundFindsEveryLineAndTheGapsBetween) {
  const std::string text = "b\t1\nd\t2\nf\t3 a much longer line than the others\nh\t4";
  SortedLines t(text);
  EXPECT_EQ(Find(t, "a"), "b\t1");
  EXPECT_EQ(Find(t, "b"), "b\t1");
  EXPECT_EQ(Find(t, "c"), "d\t2");
  EXPECT_EQ(Find(t, "d"), "d\t2");
  EXPECT_EQ(Find(t, "f"), "f\t3 a much longer line than the others");
  EXPECT_EQ(Find(t, "g"), "h\t4");
  EXPECT_EQ(Find(t, "h"), "h\t4") << "the last line has no newline";
  EXPECT_EQ(Find(t, "i"), "(end)");
}

TEST(SortedLines, TrailingNewlineEmptyLinesAndEmptyText) {
  SortedLines t("a\t1\n\nb\t2\n");
  EXPECT_EQ(Find(t, "b"), "b\t2");
  EXPECT_EQ(Find(t, "c"), "(end)");
  size_t at = t.LowerBound("a", FirstField);
  EXPECT_EQ(t.LineAt(t.Next(at)), "");
  SortedLines empty("");
  EXPECT_EQ(Find(empty, "a"), "(end)");
}

TEST(SortedLines, AgreesWithALinearScanOnManyKeys) {
  std::string text;
  for (int i = 0; i < 500; i += 2) {
    char key[16];
    std::snprintf(key, sizeof key, "k%04d", i);
    text += std::string(key) + "\t" + std::string(static_cast<size_t>(i % 37), 'x') + "\n";
  }
  SortedLines t(text);
  for (int i = -1; i < 502; ++i) {
    char key[16];
    std::snprintf(key, sizeof key, "k%04d", i < 0 ? 0 : i);
    std::string want = "(end)";
    for (size_t at = 0; at != t.end(); at = t.Next(at)) {
      if (FirstField(t.LineAt(at)) >= std::string_view(key)) {
        want = std::string(t.LineAt(at));
        break;
      }
    }
    EXPECT_EQ(Find(t, key), want) << key;
  }
}

}  // namespace
}  // namespace iamlint
