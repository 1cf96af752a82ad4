// The loader's thread pool.
#include "load/jobs.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include <pthread.h>

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

namespace {

void* RunWork(void* arg) {
  (*static_cast<const std::function<void()>*>(arg))();
  return nullptr;
}

}  // namespace

void RunWithLargeStack(const std::function<void()>& work, size_t bytes) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) {
    work();
    return;
  }
  pthread_t thread;
  const bool made =
      pthread_attr_setstacksize(&attr, bytes) == 0 &&
      pthread_create(&thread, &attr, RunWork, const_cast<std::function<void()>*>(&work)) == 0;
  pthread_attr_destroy(&attr);
  if (!made) {
    work();
    return;
  }
  pthread_join(thread, nullptr);
}

}  // namespace iamlint
