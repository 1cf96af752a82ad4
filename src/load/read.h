// Reading an input's bytes: regular files only, within a size limit, never blocking on a FIFO;
// big files mapped rather than copied; UTF-16 and byte order marks decoded to UTF-8 text.
#pragma once

#include <cstddef>
#include <string>

namespace iamlint {

struct InputFile;

/// Reads a regular file whole into `in` (mapped when big, else into in->text). Refuses FIFOs,
/// devices and oversize files: false, with `error` saying why.
bool ReadFile(const std::string& path, size_t max_bytes, InputFile* in, std::string* error);

/// Makes the bytes of `in` UTF-8 text: UTF-16 (by its byte order mark) is decoded into
/// in->text, a UTF-8 byte order mark dropped. False when the UTF-16 is malformed (odd length
/// or a lone surrogate).
bool DecodeToUtf8(InputFile* in);

}  // namespace iamlint
