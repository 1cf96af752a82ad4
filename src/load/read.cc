// Reading an input's bytes (mapped when big) and decoding them to UTF-8.
#include "load/read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "core/read_file.h"
#include "load/loaders.h"

namespace iamlint {
namespace {

/// Converts UTF-16 (with BOM) to UTF-8. Returns false on malformed input. When `in` is the
/// text of `mapping`, the pages already converted are given back as it goes.
bool Utf16ToUtf8(std::string_view in, bool little_endian, std::string* out,
                 const FileMapping* mapping = nullptr) {
  out->clear();
  out->reserve(in.size() / 2 + 16);
  size_t i = 2;  // skip the BOM
  auto unit = [&](size_t at) -> unsigned {
    auto b0 = static_cast<unsigned char>(in[at]);
    auto b1 = static_cast<unsigned char>(in[at + 1]);
    return little_endian ? (b0 | (b1 << 8)) : ((b0 << 8) | b1);
  };
  constexpr size_t kReleaseEvery = size_t{4} << 20;
  size_t next_release = kReleaseEvery;
  while (i + 1 < in.size()) {
    if (mapping != nullptr && i >= next_release) {
      mapping->Release(next_release - kReleaseEvery, i);
      next_release = i + kReleaseEvery;
    }
    unsigned cp = unit(i);
    i += 2;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 1 >= in.size()) return false;
      unsigned lo = unit(i);
      if (lo < 0xDC00 || lo > 0xDFFF) return false;
      i += 2;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return false;
    }
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return i == in.size();
}

/// Files at least this big are mapped rather than read: parsed in place, without a copy.
constexpr size_t kMapFrom = size_t{1} << 20;

/// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

/// Reads a regular file whole into `in` (mapped when big, else into in->text). Refuses FIFOs,
/// devices and oversize files.
bool ReadFile(const std::string& path, size_t max_bytes, InputFile* in, std::string* error) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    *error = std::string("cannot read: ") + std::strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = "not a regular file (a FIFO, device or socket is not read)";
    return false;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    *error = "file is larger than the " + std::to_string(max_bytes >> 20) + " MiB limit";
    return false;
  }
  // O_NONBLOCK: should the path have become a FIFO since stat, opening it does not hang.
  const Fd f{open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) {
    *error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  if (fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = "not a regular file (a FIFO, device or socket is not read)";
    return false;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    *error = "file is larger than the " + std::to_string(max_bytes >> 20) + " MiB limit";
    return false;
  }
  const auto size = static_cast<size_t>(st.st_size);
  if (size >= kMapFrom) {
    in->mapping = FileMapping::Map(f.fd, size, path);
    if (in->mapping != nullptr) return true;
  }
  // Small files (and files that cannot be mapped) are read; the size is a hint only.
  return ReadDescriptor(f.fd, size, max_bytes, &in->text, error);
}

bool DecodeToUtf8(InputFile* in) {
  const std::string_view raw = in->bytes();
  if (raw.size() >= 2 &&
      ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
    bool le = raw[0] == '\xFF';
    std::string utf8;
    if (!Utf16ToUtf8(raw, le, &utf8, in->mapping.get())) return false;
    in->mapping.reset();
    in->text = std::move(utf8);
  } else if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
    if (in->mapping != nullptr) {
      in->mapping->DropPrefix(3);
    } else {
      in->text.erase(0, 3);
    }
  }
  return true;
}

}  // namespace iamlint
