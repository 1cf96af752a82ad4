// Source mapping, the pipeline's last step: findings on Terraform plan resources are moved to
// the `.tf` blocks users edit (the plan location is kept as a related location).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/location.h"
#include "rules/rule.h"

namespace iamlint {

/// The `resource` / `data` / `module` blocks of a Terraform configuration folder, and of the
/// local modules it calls (`source = "./modules/x"`), read lazily from `.tf` files.
class TfSource {
 public:
  explicit TfSource(std::string root_dir);
  ~TfSource();
  TfSource(const TfSource&) = delete;
  TfSource& operator=(const TfSource&) = delete;

  /// The `.tf` file and line of the block behind a plan address such as
  /// `module.web["dev"].aws_iam_role.service[0]`: the resource block when its module's
  /// source is on disk, else the innermost `module` block that is. False when not found.
  bool Locate(const std::string& address, Location* out);

 private:
  struct Folder;
  Folder* Scan(const std::string& dir);
  std::string root_;
  std::map<std::string, std::unique_ptr<Folder>> folders_;
};

/// Points findings on plan resources at their `.tf` blocks: for each finding whose file is a
/// key of `plan_dirs` (plan file -> configuration folder), the `.tf` location becomes the
/// finding's location and the plan location is kept as the first related location.
void MapFindingsToSource(const std::map<std::string, std::string>& plan_dirs,
                         std::vector<Finding>* findings);

}  // namespace iamlint
