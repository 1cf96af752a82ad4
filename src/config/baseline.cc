#include "config/baseline.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/hash.h"
#include "core/path.h"
#include "core/read_file.h"
#include "iamlint_version.h"

namespace iamlint {
namespace {

constexpr int kFormat = 1;
/// A baseline holds a few lines per accepted finding; 256 MiB is far beyond any real one.
constexpr size_t kMaxBaselineBytes = size_t{256} << 20;

/// The pointer without array indices: stable when plans list resources in another order.
std::string StablePointer(const std::string& pointer) {
  std::string out;
  size_t i = 0;
  while (i < pointer.size()) {
    size_t next = pointer.find('/', i + 1);
    if (next == std::string::npos) next = pointer.size();
    std::string seg = pointer.substr(i, next - i);  // "/name"
    bool numeric = seg.size() > 1 && seg.find_first_not_of("0123456789", 1) == std::string::npos;
    if (!numeric) out += seg;
    i = next;
  }
  return out;
}

}  // namespace

void AssignFingerprints(const std::string& base_dir, std::vector<Finding>* findings) {
  for (auto& f : *findings) {
    const std::string input = RelativeTo(f.input.empty() ? f.loc.file : f.input, base_dir);
    // Findings without a subject keep the fingerprints baselines already hold.
    std::string v1 =
        f.subject.empty()
            ? StableHash({"v1", f.rule, input, f.resource, StablePointer(f.loc.pointer)})
            : StableHash(
                  {"v1", f.rule, input, f.resource, StablePointer(f.loc.pointer), f.subject});
    if (f.terraform_root.empty() || f.resource.empty()) {
      f.fingerprint = std::move(v1);
      continue;
    }
    // A Terraform finding: the root folder and the resource address, which a plan and the
    // root's `.tf` files share (their files and JSON pointers differ).
    f.fingerprint =
        StableHash({"tf1", f.rule, RelativeTo(f.terraform_root, base_dir), f.resource, f.subject});
    f.legacy_fingerprint = std::move(v1);
  }
}

std::string BaselineJson(const std::vector<Finding>& findings, const std::string& base_dir) {
  nlohmann::ordered_json root;
  root["iamlint_baseline"] = kFormat;
  root["tool"] = std::string("iamlint ") + IAMLINT_VERSION;
  std::vector<nlohmann::ordered_json> entries;
  for (const auto& f : findings) {
    if (f.suppressed) continue;
    nlohmann::ordered_json e;
    e["fingerprint"] = f.fingerprint;
    e["rule"] = f.rule;
    e["resource"] = f.resource;
    e["file"] = RelativeTo(f.input.empty() ? f.loc.file : f.input, base_dir);
    e["message"] = f.message;
    entries.push_back(std::move(e));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a["file"].template get_ref<const std::string&>(),
                    a["rule"].template get_ref<const std::string&>(),
                    a["resource"].template get_ref<const std::string&>(),
                    a["fingerprint"].template get_ref<const std::string&>()) <
           std::tie(b["file"].template get_ref<const std::string&>(),
                    b["rule"].template get_ref<const std::string&>(),
                    b["resource"].template get_ref<const std::string&>(),
                    b["fingerprint"].template get_ref<const std::string&>());
  });
  root["findings"] = entries;
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool ReadBaseline(const std::string& path, Baseline* out, std::vector<LoadError>* errors) {
  out->path = path;
  auto fail = [&](size_t line, const std::string& pointer, const std::string& message) {
    errors->push_back(LoadError{path, line, pointer, message});
    return false;
  };
  std::string text;
  std::string why;
  if (!ReadRegularFile(path, kMaxBaselineBytes, &text, &why)) {
    return fail(0, "", "cannot read the baseline file: " + why);
  }
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    size_t upto = std::min(static_cast<size_t>(e.byte), text.size());
    size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + upto, '\n'));
    return fail(line, "", "the baseline is not valid JSON");
  }
  if (!root.is_object() || !root.contains("iamlint_baseline")) {
    return fail(1, "",
                "not an iamlint baseline (write one with `iamlint baseline PATH... -o FILE`)");
  }
  if (root["iamlint_baseline"] != kFormat) {
    return fail(
        1, "/iamlint_baseline",
        "unsupported baseline format; this iamlint reads format " + std::to_string(kFormat));
  }
  const auto& list = root["findings"];
  if (!list.is_array()) return fail(0, "/findings", "`findings` must be an array");
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& e = list[i];
    const std::string ptr = "/findings/" + std::to_string(i);
    if (!e.is_object()) return fail(0, ptr, "a baseline entry must be an object");
    Finding b;
    for (const char* k : {"fingerprint", "rule", "resource", "file", "message"}) {
      if (!e.contains(k) || !e[k].is_string()) {
        return fail(0, ptr, std::string("baseline entry without string `") + k + "`");
      }
    }
    b.fingerprint = e["fingerprint"];
    b.rule = e["rule"];
    b.resource = e["resource"];
    b.input = e["file"];
    b.message = e["message"];
    out->entries.push_back(std::move(b));
  }
  return true;
}

void ApplyBaseline(const Baseline& baseline, Report* report) {
  std::map<std::string, std::vector<const Finding*>> known;
  for (const auto& e : baseline.entries) known[e.fingerprint].push_back(&e);
  std::vector<Finding> kept;
  size_t matched = 0;
  for (auto& f : report->findings) {
    bool held = false;
    for (const std::string* fp : {&f.fingerprint, &f.legacy_fingerprint}) {
      auto it = fp->empty() ? known.end() : known.find(*fp);
      if (f.suppressed || it == known.end() || it->second.empty()) continue;
      it->second.erase(it->second.begin());
      held = true;
      break;
    }
    if (held) {
      ++matched;
      continue;
    }
    kept.push_back(std::move(f));
  }
  report->findings = std::move(kept);
  report->baseline.file = baseline.path;
  report->baseline.matched = matched;
  report->baseline.absent.clear();
  for (const auto& [fp, left] : known) {
    for (const Finding* e : left) report->baseline.absent.push_back(*e);
  }
  std::sort(report->baseline.absent.begin(), report->baseline.absent.end(),
            [](const Finding& a, const Finding& b) {
              return std::tie(a.input, a.rule, a.resource, a.fingerprint) <
                     std::tie(b.input, b.rule, b.resource, b.fingerprint);
            });
}

}  // namespace iamlint
