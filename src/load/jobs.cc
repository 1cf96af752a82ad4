// The loader's thread pool.
#include "load/jobs.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace iamlint {

void RunParallel(size_t count, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) work(i);
  };
  const size_t threads =
      std::min<size_t>(count, std::max(1u, std::min(8u, std::thread::hardware_concurrency())));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace iamlint
