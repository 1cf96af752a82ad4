// Suppressions: findings a team has accepted stay in the report, marked, with the reason.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "model/model.h"
#include "report/report.h"

namespace iamlint {

/// Marks findings matched by the configuration's suppressions (kind "config") and by
/// `iamlint:skip` resource tags in the model (kind "tag"). Adds notices for expired
/// suppressions (which no longer suppress), suppressions that matched nothing, and tags
/// that cannot be read. `today` is YYYY-MM-DD; file globs are matched relative to
/// `config.dir`, against the input file and the source (`.tf`) file of each finding.
void ApplySuppressions(const Config& config, const Model& model, const std::string& today,
                       std::vector<Finding>* findings, std::vector<Notice>* notices);

}  // namespace iamlint
