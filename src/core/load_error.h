// A problem with an input -- a file that cannot be read or understood, a bad config or
// baseline. Every layer that reads input reports it this way; the run then exits with code 2.
#pragma once

#include <cstddef>
#include <string>

namespace iamlint {

/// A problem with an input: it could not be read or understood. Exit code 2.
struct LoadError {
  std::string file;
  size_t line = 0;      // 0 when unknown
  std::string pointer;  // JSON pointer when known
  std::string message;  // what is wrong, and what to do
  size_t column = 0;    // 1-based, in bytes; 0 when unknown (last: errors are often built
                        // positionally as {file, line, pointer, message})
};

}  // namespace iamlint
