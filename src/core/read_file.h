// Reading the small files iamlint reads besides its inputs (configuration, baseline, `.tf`
// source): regular files only, never more than a limit, never blocking on a FIFO.
#pragma once

#include <cstddef>
#include <string>

namespace iamlint {

/// Reads the regular file `path` whole into `out`. False (with `error`, a short phrase such as
/// "not a regular file (a FIFO, device or socket is not read)") when it cannot be read, is not
/// a regular file, or holds more than `max_bytes` (also when it grows past that while read).
bool ReadRegularFile(const std::string& path, size_t max_bytes, std::string* out,
                     std::string* error);

/// Reads what the open descriptor `fd` holds, up to `max_bytes` (`size_hint` bytes are
/// expected). False (with `error`) on a read error or when there is more than `max_bytes`.
bool ReadDescriptor(int fd, size_t size_hint, size_t max_bytes, std::string* out,
                    std::string* error);

}  // namespace iamlint
