// The barrier where third-party code and iamlint's own defects meet a run: an exception from
// reading one input or running one rule becomes a message, never the end of the run (or, on a
// worker thread, std::terminate).
#pragma once

#include <exception>
#include <new>
#include <string>

namespace iamlint {

/// Runs `work`; returns "" when it returned, else what its exception says
/// ("out of memory" for std::bad_alloc, "unknown exception" for anything not a std::exception).
template <class F>
std::string Guarded(F&& work) {
  try {
    work();
    return "";
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return e.what()[0] != '\0' ? std::string(e.what()) : std::string("unknown exception");
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace iamlint
