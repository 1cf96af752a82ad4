#include "load/address.h"

namespace iamlint {

std::vector<Segment> SplitAddress(std::string_view a) {
  std::vector<Segment> out;
  Segment cur;
  size_t i = 0;
  while (i < a.size()) {
    char c = a[i];
    if (c == '.') {
      out.push_back(std::move(cur));
      cur = Segment();
      ++i;
    } else if (c == '[') {
      size_t j = i + 1;
      bool quoted = false;
      while (j < a.size()) {
        if (a[j] == '\\' && quoted) {
          j += 2;
          continue;
        }
        if (a[j] == '"') quoted = !quoted;
        if (a[j] == ']' && !quoted) break;
        ++j;
      }
      cur.key = std::string(a.substr(i + 1, j - i - 1));
      i = j + 1;
    } else {
      cur.name.push_back(c);
      ++i;
    }
  }
  if (!cur.name.empty() || !cur.key.empty()) out.push_back(std::move(cur));
  return out;
}

std::string JoinSegments(const std::vector<Segment>& segs, size_t from, size_t to, bool keys) {
  std::string s;
  for (size_t i = from; i < to && i < segs.size(); ++i) {
    if (!s.empty()) s += '.';
    s += segs[i].name;
    if (keys && !segs[i].key.empty()) s += "[" + segs[i].key + "]";
  }
  return s;
}

}  // namespace iamlint
