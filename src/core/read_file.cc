#include "core/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace iamlint {
namespace {

constexpr const char* kNotRegular = "not a regular file (a FIFO, device or socket is not read)";

std::string LimitText(size_t max_bytes) {
  if (max_bytes >= (size_t{1} << 20)) return std::to_string(max_bytes >> 20) + " MiB";
  return std::to_string(max_bytes) + " bytes";
}

}  // namespace

bool ReadDescriptor(int fd, size_t size_hint, size_t max_bytes, std::string* out,
                    std::string* error) {
  out->assign(std::min(size_hint, max_bytes), '\0');
  size_t got = 0;
  for (;;) {
    if (got == out->size()) {
      // One byte past the limit tells "exactly the limit" from "more".
      if (out->size() > max_bytes) break;
      out->resize(std::min(max_bytes + 1, std::max<size_t>(out->size() * 2, 4096)));
    }
    const ssize_t n = read(fd, out->data() + got, out->size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::string("cannot read: ") + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  if (got > max_bytes) {
    *error = "file is larger than the " + LimitText(max_bytes) + " limit";
    return false;
  }
  out->resize(got);
  return true;
}

bool ReadRegularFile(const std::string& path, size_t max_bytes, std::string* out,
                     std::string* error) {
  // Devices are not even opened (opening some has effects); O_NONBLOCK: should the path
  // have become a FIFO since, opening it does not wait for a writer, and fstat refuses it.
  struct stat before {};
  if (stat(path.c_str(), &before) != 0) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  if (!S_ISREG(before.st_mode)) {
    *error = kNotRegular;
    return false;
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  struct stat st {};
  bool ok = false;
  if (fstat(fd, &st) != 0) {
    *error = std::string("cannot read: ") + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    *error = kNotRegular;
  } else if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    *error = "file is larger than the " + LimitText(max_bytes) + " limit";
  } else {
    ok = ReadDescriptor(fd, static_cast<size_t>(st.st_size), max_bytes, out, error);
  }
  close(fd);
  return ok;
}

}  // namespace iamlint
