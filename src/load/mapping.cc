// Memory mappings of big input files, and the SIGBUS handler that turns a file shrinking
// under its mapping into an input error naming the file.
#include "load/mapping.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>

namespace iamlint {
namespace {

// The mappings alive, for the SIGBUS handler: a file truncated by another process while it is
// mapped raises SIGBUS when its lost pages are touched. The handler names the file and exits
// with 2 (an input error) rather than crashing. Slots are claimed and freed with atomics; the
// handler only reads them (async-signal-safe: no locks, no allocation).
struct MappedSlot {
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  char path[1024] = {};
};
constexpr int kMappedSlots = 64;
MappedSlot g_mapped[kMappedSlots];
std::atomic<bool> g_slot_busy[kMappedSlots];

void WriteAll(const char* text, size_t n) {
  while (n > 0) {
    const ssize_t w = write(STDERR_FILENO, text, n);
    if (w <= 0) return;
    text += w;
    n -= static_cast<size_t>(w);
  }
}

void OnSigbus(int sig, siginfo_t* info, void* /*context*/) {
  const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
  for (auto& slot : g_mapped) {
    const uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin != 0 && addr >= begin && addr < slot.end.load(std::memory_order_acquire)) {
      static const char kHead[] = "iamlint: ";
      static const char kTail[] =
          ": input error the file shrank while iamlint was reading it (another process "
          "truncated or rewrote it); run again once it is complete\n";
      WriteAll(kHead, sizeof kHead - 1);
      WriteAll(slot.path, strnlen(slot.path, sizeof slot.path));
      WriteAll(kTail, sizeof kTail - 1);
      _exit(2);
    }
  }
  // Not a mapped input: the default action (a crash, as for any other bug).
  signal(sig, SIG_DFL);
  raise(sig);
}

int ClaimSlot(const char* data, size_t size, const std::string& path) {
  static const bool installed = [] {
    struct sigaction sa {};
    sa.sa_sigaction = OnSigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(SIGBUS, &sa, nullptr) == 0;
  }();
  if (!installed) return -1;
  for (int i = 0; i < kMappedSlots; ++i) {
    bool expected = false;
    if (!g_slot_busy[i].compare_exchange_strong(expected, true)) continue;
    MappedSlot& slot = g_mapped[i];
    const size_t n = std::min(path.size(), sizeof slot.path - 1);
    std::memcpy(slot.path, path.data(), n);
    slot.path[n] = '\0';
    slot.end.store(reinterpret_cast<uintptr_t>(data) + size, std::memory_order_release);
    slot.begin.store(reinterpret_cast<uintptr_t>(data), std::memory_order_release);
    return i;
  }
  return -1;  // more files mapped at once than slots: those beyond are not named
}

void FreeSlot(int i) {
  if (i < 0) return;
  g_mapped[i].begin.store(0, std::memory_order_release);
  g_slot_busy[i].store(false, std::memory_order_release);
}

}  // namespace

std::unique_ptr<FileMapping> FileMapping::Map(int fd, size_t size, const std::string& path) {
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return nullptr;
  madvise(p, size, MADV_SEQUENTIAL);
  const int slot = ClaimSlot(static_cast<char*>(p), size, path);
  return std::unique_ptr<FileMapping>(new FileMapping(static_cast<char*>(p), size, slot));
}

FileMapping::~FileMapping() {
  FreeSlot(slot_);
  munmap(data_, size_);
}

void FileMapping::Release(size_t begin, size_t end) const {
  static const auto kPage = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  // Whole pages only: the pages at the ends may hold text still to be read.
  const size_t from = (skip_ + begin + kPage - 1) / kPage * kPage;
  const size_t until = std::min(size_, skip_ + end) / kPage * kPage;
  if (until <= from) return;
  // A private read-only mapping: dropped pages are read from the file again when touched.
  madvise(data_ + from, until - from, MADV_DONTNEED);
}

}  // namespace iamlint
