// Queueing the inputs of a run: named files, and the files of folders walked one by one.
#include "load/walk.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

namespace iamlint {
namespace {

namespace fs = std::filesystem;

/// Queues the regular files under `dir`, sorted. Folders are walked one by one (symbolic
/// links to folders are not followed, so a link loop is walked once); a folder or entry that
/// cannot be read is an input error, never a silent skip.
void Walk(const std::string& dir, const std::function<bool(const std::string&)>& filter,
          std::vector<Job>* jobs, size_t* skipped) {
  static const std::set<std::string> kSkip = {".git", ".terraform", "node_modules", ".hg", ".svn"};
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::string>> unreadable;  // path, why
  std::vector<fs::path> pending{fs::path(dir)};
  while (!pending.empty()) {
    const fs::path folder = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
      unreadable.emplace_back(folder.string(), "cannot read folder: " + ec.message());
      continue;
    }
    for (auto end = fs::directory_iterator(); it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code sec;
      const fs::file_status link = it->symlink_status(sec);
      fs::file_status target = link;
      if (!sec && fs::is_symlink(link)) target = it->status(sec);
      if (sec) {
        // A dangling link is no input; anything else that cannot be looked at is an error.
        if (!fs::is_symlink(link)) {
          unreadable.emplace_back(p.string(), "cannot read: " + sec.message());
        }
        continue;
      }
      if (fs::is_directory(target)) {
        if (!fs::is_symlink(link) && kSkip.count(p.filename().string()) == 0) {
          pending.push_back(p);
        }
        continue;
      }
      if (!fs::is_regular_file(target)) continue;  // FIFOs, devices, sockets: never opened
      if (filter && !filter(p.string())) {
        ++*skipped;  // excluded by the configuration
        continue;
      }
      files.push_back(p.string());
    }
    if (ec) unreadable.emplace_back(folder.string(), "cannot read folder: " + ec.message());
  }
  // Sorted, so neither the order of the file system's listing nor the walk shows.
  std::sort(files.begin(), files.end());
  std::sort(unreadable.begin(), unreadable.end());
  for (auto& [path, why] : unreadable) jobs->push_back({path, true, std::move(why)});
  for (const auto& f : files) jobs->push_back({f, false, ""});
}

}  // namespace

void QueuePath(const std::string& path, const std::function<bool(const std::string&)>& filter,
               std::vector<Job>* jobs, size_t* skipped) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec) {
    jobs->push_back({path, true, "cannot read: " + ec.message()});
    return;
  }
  if (fs::is_directory(st)) {
    Walk(path, filter, jobs, skipped);
  } else if (filter && !filter(path)) {
    ++*skipped;  // excluded by the configuration
  } else {
    jobs->push_back({path, true, ""});
  }
}

}  // namespace iamlint
