#include "data/catalogue.h"
#include "core/ascii.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "data/sorted_lines.h"
#include "policy/match.h"

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

/// The embedded table ("A\tkey\t..." / "R\tkey\t..." lines, sorted byte-wise), searched in
/// place; lines are parsed when looked up.
const SortedLines& Table() {
  static const SortedLines table(std::string_view(
      iamlint_actions_begin, static_cast<size_t>(iamlint_actions_end - iamlint_actions_begin)));
  return table;
}

/// "A\t" + key, the sort key of a line (up to the second tab).
std::string_view SortKey(std::string_view line) { return line.substr(0, line.find('\t', 2)); }

/// The start of the first line whose sort key is >= `key`.
size_t LowerBound(const std::string& key) { return Table().LowerBound(key, SortKey); }

/// The line whose sort key is `key`, or an empty view.
std::string_view Exact(const std::string& key) {
  const size_t at = LowerBound(key);
  if (at == Table().end()) return std::string_view();
  std::string_view line = Table().LineAt(at);
  return SortKey(line) == key ? line : std::string_view();
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

/// The lines of the actions of one service (lower-case prefix).
std::vector<std::string_view> ServiceLines(const std::string& service) {
  const std::string prefix = "A\t" + service + ":";
  std::vector<std::string_view> out;
  for (size_t at = LowerBound(prefix); at != Table().end(); at = Table().Next(at)) {
    std::string_view line = Table().LineAt(at);
    if (line.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(line);
  }
  return out;
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
  const std::string prefix = "A\t" + Lower(service) + ":";
  const size_t at = LowerBound(prefix);
  return at != Table().end() && Table().LineAt(at).compare(0, prefix.size(), prefix) == 0;
}

const ActionInfo* FindAction(std::string_view action) {
  std::string_view line = Exact("A\t" + Lower(action));
  return line.empty() ? nullptr : Parsed(line);
}

std::vector<const ActionInfo*> MatchActions(std::string_view pattern) {
  std::vector<const ActionInfo*> out;
  for (std::string_view line : ServiceLines(Lower(pattern.substr(0, pattern.find(':'))))) {
    const ActionInfo* a = Parsed(line);
    if (ActionMatches(pattern, a->name)) out.push_back(a);
  }
  return out;
}

std::string_view ResourceTypeArn(std::string_view service, std::string_view type) {
  const std::string key = "R\t" + Lower(service) + ":" + Lower(type);
  std::string_view line = Exact(key);
  return line.empty() ? std::string_view() : line.substr(key.size() + 1);
}

std::string SuggestService(std::string_view service) {
  // The distinct service prefixes, listed once (a policy full of retired services asks often).
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (size_t at = 0; at != Table().end(); at = Table().Next(at)) {
      std::string_view line = Table().LineAt(at);
      if (line.rfind("A\t", 0) != 0) continue;
      std::string_view s = line.substr(2, line.find(':') - 2);
      if (out.empty() || out.back() != s) out.emplace_back(s);
    }
    return out;
  }();
  return Closest(service, names);
}

std::string SuggestAction(std::string_view action) {
  std::vector<std::string_view> names;
  for (std::string_view line : ServiceLines(Lower(action.substr(0, action.find(':'))))) {
    names.push_back(Parsed(line)->name);
  }
  return Closest(action, names);
}

namespace {

/// What counts as application data access, service by service: the access levels (as the
/// service authorization reference gives them; a level listed matches a combined level such as
/// "Permissions management, Write") and the action names (`*`, `?` wildcards) of the data plane.
/// Creating, deleting and configuring tables, buckets, queues, functions or keys is the
/// deployment's work (the service role's duty when Amplify deploys a backend), not the app's.
struct AppDataService {
  const char* service;
  std::vector<const char*> levels;
  std::vector<const char*> names;
};

const std::vector<AppDataService>& AppDataTable() {
  static const std::vector<AppDataService> kTable = {
      {"dynamodb",
       {"Read", "Write"},
       {"*Item", "Query", "Scan", "PartiQL*", "GetRecords", "GetShardIterator"}},
      {"s3",
       {"Read", "Write", "List"},
       {"*Object", "*ObjectVersion", "*Objects", "ListBucket", "ListBucketVersions",
        "ListMultipartUploadParts", "AbortMultipartUpload", "RestoreObject"}},
      {"lambda", {"Write"}, {"Invoke*"}},
      {"sqs",
       {"Read", "Write"},
       {"SendMessage*", "ReceiveMessage", "DeleteMessage*", "ChangeMessageVisibility*",
        "PurgeQueue"}},
      {"sns", {"Write"}, {"Publish"}},
      {"ses", {"Write"}, {"Send*"}},
      {"secretsmanager",
       {"Read", "Write"},
       {"GetSecretValue", "BatchGetSecretValue", "PutSecretValue"}},
      {"ssm",
       {"Read", "Write"},
       {"GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory",
        "PutParameter", "DeleteParameter*"}},
      {"kms",
       {"Write"},
       {"Decrypt", "Encrypt", "GenerateDataKey*", "ReEncrypt*", "Sign", "Verify", "GenerateMac",
        "VerifyMac", "DeriveSharedSecret"}},
      {"bedrock",
       {"Read", "Write"},
       {"InvokeModel*", "InvokeAgent", "InvokeFlow", "InvokeInlineAgent", "Converse*",
        "Retrieve*"}},
      {"rds-data", {"Write"}, {"*"}},
      {"rds-db", {"Write"}, {"connect"}},
      {"dsql", {"Write"}, {"DbConnect*"}},
      {"elasticache", {"Write"}, {"Connect"}},
      {"appsync", {"Write"}, {"GraphQL"}},
      {"execute-api", {"Write"}, {"Invoke", "ManageConnections"}},
      {"states", {"Write"}, {"StartExecution", "StartSyncExecution", "SendTask*"}},
      {"events", {"Write"}, {"PutEvents"}},
      {"kinesis",
       {"Read", "Write"},
       {"PutRecord*", "GetRecords", "GetShardIterator", "SubscribeToShard"}},
      {"firehose", {"Write"}, {"PutRecord*"}},
      {"cognito-idp", {"Read", "Write"}, {"Admin*"}},
  };
  return kTable;
}

}  // namespace

const std::vector<const ActionInfo*>& AppDataActions() {
  static const std::vector<const ActionInfo*> kActions = [] {
    std::vector<const ActionInfo*> out;
    for (const auto& row : AppDataTable()) {
      for (std::string_view line : ServiceLines(row.service)) {
        const ActionInfo* a = Parsed(line);
        const std::string_view name = a->name.substr(a->name.find(':') + 1);
        const bool level = std::any_of(row.levels.begin(), row.levels.end(), [&](const char* l) {
          return a->access_level.find(l) != std::string_view::npos;
        });
        const bool named = std::any_of(row.names.begin(), row.names.end(),
                                       [&](const char* n) { return ActionMatches(n, name); });
        if (level && named) out.push_back(a);
      }
    }
    return out;
  }();
  return kActions;
}

}  // namespace iamlint
