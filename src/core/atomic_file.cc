#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace iamlint {
namespace {

namespace fs = std::filesystem;

std::string Failure(const std::string& path, const char* what, int err) {
  return "cannot write " + path + (what != nullptr ? std::string(" (") + what + ")" : "") + ": " +
         std::strerror(err);
}

bool WriteAll(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

/// The folder `path` is in, with every symbolic link resolved ("" when it does not exist).
std::string RealParent(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  char buf[PATH_MAX];
  return realpath(dir.c_str(), buf) != nullptr ? std::string(buf) : std::string();
}

struct Target {
  std::string path;           // the file to write: symbolic links followed (except magic ones)
  bool through_proc = false;  // reached through /proc (/dev/stdout, /dev/fd/N): write through
};

/// Follows the symbolic links of `path` to the file they end at. /proc's links (which
/// /dev/stdout and /dev/fd lead to) name open files, not paths: the walk stops there.
bool Resolve(const std::string& path, Target* t, std::string* error) {
  std::string p = path;
  for (int hop = 0; hop < 40; ++hop) {
    const std::string parent = RealParent(p);
    if (parent == "/proc" || parent.rfind("/proc/", 0) == 0) {
      t->path = p;
      t->through_proc = true;
      return true;
    }
    struct stat st {};
    if (lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
      t->path = p;
      return true;
    }
    std::vector<char> buf(static_cast<size_t>(PATH_MAX) + 1);
    ssize_t n = readlink(p.c_str(), buf.data(), buf.size() - 1);
    if (n < 0) {
      *error = Failure(path, "readlink", errno);
      return false;
    }
    std::string link(buf.data(), static_cast<size_t>(n));
    p = link[0] == '/' ? link : (fs::path(p).parent_path() / link).string();
  }
  *error = Failure(path, nullptr, ELOOP);
  return false;
}

/// Writes into the file `path` already is (a device, a FIFO, a file behind /proc).
bool WriteThrough(const std::string& shown, const std::string& path, int flags,
                  const std::string& content, std::string* error) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC | flags);
  if (fd < 0) {
    *error = Failure(shown, nullptr, errno);
    return false;
  }
  if (!WriteAll(fd, content)) {
    *error = Failure(shown, "write", errno);
    close(fd);
    return false;
  }
  if (close(fd) != 0) {
    *error = Failure(shown, "close", errno);
    return false;
  }
  return true;
}

/// Writes a temporary file beside `path` and renames it over `path`; `existing` (when set)
/// is the file replaced, whose permission bits (and, when allowed, owner) the new one keeps.
bool Replace(const std::string& shown, const std::string& path, const struct stat* existing,
             const std::string& content, std::string* error) {
  fs::path target(path);
  fs::path dir = target.parent_path();
  std::string tmpl = (dir.empty() ? fs::path(".") : dir).string() + "/." +
                     target.filename().string() + ".iamlint-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) {
    *error = Failure(shown, nullptr, errno);
    return false;
  }
  auto fail = [&](const char* what) {
    *error = Failure(shown, what, errno);
    close(fd);
    unlink(name.data());
    return false;
  };
  if (!WriteAll(fd, content)) return fail("write");
  mode_t mode = 0;
  if (existing != nullptr) {
    mode = existing->st_mode & 0777;
    // Root (or the owner, for a group it is in) keeps the file's owner; otherwise it
    // becomes ours, as any rewrite by its new writer would.
    if (fchown(fd, existing->st_uid, existing->st_gid) != 0) errno = 0;
  } else {
    // mkstemp creates 0600; a new report is an ordinary file (0666 minus the umask).
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  if (fchmod(fd, mode) != 0) return fail("chmod");
  if (fsync(fd) != 0) return fail("fsync");
  if (close(fd) != 0) {
    *error = Failure(shown, "close", errno);
    unlink(name.data());
    return false;
  }
  if (rename(name.data(), path.c_str()) != 0) {
    *error = Failure(shown, nullptr, errno);
    unlink(name.data());
    return false;
  }
  return true;
}

bool WritableThrough(mode_t mode) { return S_ISCHR(mode) || S_ISFIFO(mode); }

}  // namespace

bool WriteOutputFile(const std::string& path, const std::string& content, std::string* error) {
  Target t;
  if (!Resolve(path, &t, error)) return false;
  struct stat st {};
  if (stat(t.path.c_str(), &st) != 0) {
    if (errno != ENOENT || t.through_proc) {
      *error = Failure(path, nullptr, errno);
      return false;
    }
    return Replace(path, t.path, nullptr, content, error);
  }
  if (WritableThrough(st.st_mode)) return WriteThrough(path, t.path, 0, content, error);
  if (!S_ISREG(st.st_mode)) {
    *error = "cannot write " + path + ": " +
             (S_ISDIR(st.st_mode) ? "it is a folder"
                                  : "not a regular file, a character device or a FIFO");
    return false;
  }
  if (t.through_proc) return WriteThrough(path, t.path, O_APPEND, content, error);
  return Replace(path, t.path, &st, content, error);
}

bool SameFile(const std::string& a, const std::string& b) {
  struct stat sa {};
  struct stat sb {};
  if (stat(a.c_str(), &sa) != 0 || stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void ProtectedFiles::Add(const std::string& path, const std::string& what) {
  struct stat st {};
  if (path.empty() || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  entries_.push_back(Entry{st.st_dev, st.st_ino, what});
}

const std::string* ProtectedFiles::Overwrites(const std::string& path) const {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  for (const auto& e : entries_) {
    if (e.dev == st.st_dev && e.ino == st.st_ino) return &e.what;
  }
  return nullptr;
}

}  // namespace iamlint
