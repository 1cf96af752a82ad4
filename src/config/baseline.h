// Baselines: today's accepted findings, so that `check --baseline` reports only new ones.
#pragma once

#include <string>
#include <vector>

#include "core/load_error.h"
#include "report/report.h"
#include "rules/rule.h"

namespace iamlint {

/// Sets each finding's fingerprint: a hash of the rule, the input file (relative to
/// `base_dir`), the resource and the finding's JSON pointer with array indices left out. It
/// survives line moves and resources reordered in a plan, and changes when the file, the
/// resource or the place in it changes. A Terraform finding (`terraform_root` set) hashes the
/// rule, the root folder (relative to `base_dir`), the resource address and the subject
/// instead, so a plan and the root's `.tf` source give it the same fingerprint; its 0.1.0
/// fingerprint is kept as `legacy_fingerprint`. Call before source mapping moves locations.
void AssignFingerprints(const std::string& base_dir, std::vector<Finding>* findings);

/// The baseline file's content for the unsuppressed findings (sorted, deterministic JSON).
std::string BaselineJson(const std::vector<Finding>& findings, const std::string& base_dir);

struct Baseline {
  std::string path;
  std::vector<Finding> entries;  // rule, resource, input (relative), message, fingerprint
};

/// Reads a baseline file; errors are located (file and line).
bool ReadBaseline(const std::string& path, Baseline* out, std::vector<LoadError>* errors);

/// Leaves out of `report->findings` the unsuppressed findings the baseline holds (by
/// fingerprint or legacy fingerprint, counting repeats), and fills `report->baseline` with what
/// matched and the entries that no longer occur.
void ApplyBaseline(const Baseline& baseline, Report* report);

}  // namespace iamlint
