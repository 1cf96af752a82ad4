// The Terraform configuration folders of one run: read once (on all cores), shared by the
// roots that call them, and the roots decided.
//
// A folder holding configuration files is a root unless another folder of the run calls it as
// a local module (`source = "./modules/x"`), so a module is checked through its callers and
// never reported twice; a folder named on the command line (or holding a file named there) is
// always a root.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/load_error.h"
#include "tf/module.h"

namespace iamlint {

class TerraformTree {
 public:
  /// A folder holding configuration files; `named`: named on the command line.
  void AddFolder(const std::string& dir, bool named);
  bool empty() const { return folders_.empty(); }

  /// Reads every folder's module; syntax and structure errors go to `errors` (once per
  /// folder, however many roots call it).
  void Read(std::vector<LoadError>* errors);

  /// The roots (normalised folders), sorted. After Read().
  std::vector<std::string> Roots() const;
  /// The modules read, by normalised folder. After Read().
  const std::map<std::string, const tf::Module*>& modules() const { return by_dir_; }
  /// The configuration files read. After Read().
  std::vector<std::string> Files() const;

 private:
  std::map<std::string, bool> folders_;  // normalised folder -> named
  std::vector<std::unique_ptr<tf::Module>> modules_;
  std::map<std::string, const tf::Module*> by_dir_;
};

}  // namespace iamlint
