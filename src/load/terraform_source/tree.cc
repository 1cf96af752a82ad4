#include "load/terraform_source/tree.h"

#include <utility>

#include "load/jobs.h"
#include "tf/config.h"

namespace iamlint {

void TerraformTree::AddFolder(const std::string& dir, bool named) {
  bool& n = folders_[tf::NormalDir(dir)];
  n = n || named;
}

void TerraformTree::Read(std::vector<LoadError>* errors) {
  std::vector<std::string> dirs;
  for (const auto& [dir, named] : folders_) dirs.push_back(dir);
  std::vector<std::unique_ptr<tf::Module>> read(dirs.size());
  std::vector<tf::Diagnostics> diags(dirs.size());
  RunParallel(dirs.size(), [&](size_t i) {
    read[i] = std::make_unique<tf::Module>();
    tf::ReadModule(dirs[i], read[i].get(), &diags[i]);
  });
  for (size_t i = 0; i < dirs.size(); ++i) {
    for (const auto& d : diags[i].items) {
      errors->push_back({d.file, d.pos.line, "", d.message, d.pos.column});
    }
    if (read[i]->files.empty() && folders_[dirs[i]]) {
      errors->push_back({dirs[i], 0, "",
                         "no Terraform configuration files here (.tf, .tf.json, .tofu, "
                         ".tofu.json): a variables file is read with the root module beside it"});
    }
    by_dir_[dirs[i]] = read[i].get();
    modules_.push_back(std::move(read[i]));
  }
}

std::vector<std::string> TerraformTree::Roots() const {
  std::set<std::string> called;
  for (const auto& [dir, module] : by_dir_) {
    for (const auto& c : tf::LocalModuleCalls(*module)) {
      if (c != dir) called.insert(c);
    }
  }
  std::vector<std::string> roots;
  for (const auto& [dir, named] : folders_) {
    auto m = by_dir_.find(dir);
    if (m == by_dir_.end() || m->second->files.empty()) continue;
    if (named || called.count(dir) == 0) roots.push_back(dir);
  }
  return roots;
}

std::vector<std::string> TerraformTree::Files() const {
  std::vector<std::string> files;
  for (const auto& m : modules_) files.insert(files.end(), m->files.begin(), m->files.end());
  return files;
}

}  // namespace iamlint
