// The loader's thread pool: independent jobs (one input file each) run on the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace iamlint {

/// Calls `work(i)` for every i in [0, count) on up to eight threads (no more than `count`, nor
/// than the machine's cores), the calling thread among them, each taking the next index when
/// free; returns when all are done. `work` must not throw.
void RunParallel(size_t count, const std::function<void(size_t)>& work);

/// Calls `work` on a thread of its own with a stack of `bytes` (reserved, not committed), and
/// waits for it: for evaluations whose recursion is bounded but deep (Terraform source).
/// Runs `work` on the calling thread when no such thread can be made. `work` must not throw.
void RunWithLargeStack(const std::function<void()>& work, size_t bytes = size_t{512} << 20);

}  // namespace iamlint
