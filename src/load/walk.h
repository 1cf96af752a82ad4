// Turning the paths given on the command line into the list of inputs to read: files as
// named, folders walked (sorted, links to folders not followed, version-control and tool folders
// left out), files the configuration excludes counted as skipped.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace iamlint {

/// One input queued for loading; `error` is set when it could not even be listed.
struct Job {
  std::string path;
  bool explicit_path;  // named by the user, not met while walking a folder
  std::string error;
};

/// Queues the file `path`, or the regular files under the folder `path`, in `jobs`. A file
/// for which `filter` (when set) returns false is counted in `skipped` instead.
void QueuePath(const std::string& path, const std::function<bool(const std::string&)>& filter,
               std::vector<Job>* jobs, size_t* skipped);

}  // namespace iamlint
