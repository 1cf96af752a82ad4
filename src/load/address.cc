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

std::string StripKeys(std::string_view module_address) {
  return JoinSegments(SplitAddress(module_address), 0, 1u << 30, false);
}

std::string ModuleKey(std::string_view module_address) {
  auto segs = SplitAddress(module_address);
  return segs.empty() ? "" : segs.back().key;
}

std::string ParentModule(std::string_view module_address) {
  auto segs = SplitAddress(module_address);
  if (segs.size() < 2) return "";
  return JoinSegments(segs, 0, segs.size() - 2, true);
}

std::string LiteralKey(const std::string& key) {
  if (key.empty()) return key;
  if (key[0] == '"' || (key[0] >= '0' && key[0] <= '9')) return key;
  return "";
}

}  // namespace iamlint
