// Walking paths, reading files safely, recognising them by content, and
// dispatching to the loaders.
#include "load/load.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/guard.h"
#include "core/read_file.h"
#include "load/loaders.h"
#include "load/tf_folder.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using json::Value;

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

/// Thrown when a YAML document expands beyond its budget (e.g. an alias "billion laughs"):
/// `line` (from 1) is where the node that went over it is written.
struct YamlTooLarge {
  size_t line;
};

/// What one value costs against the budget, besides the bytes of its text: about what it
/// takes in memory.
constexpr size_t kYamlValueCost = sizeof(Value) + 16;

/// Charges `bytes` to `budget`, or throws YamlTooLarge at `n` when it is spent.
void YamlCharge(const YAML::Node& n, size_t bytes, size_t* budget) {
  if (bytes > *budget) {
    throw YamlTooLarge{n.Mark().line >= 0 ? static_cast<size_t>(n.Mark().line) + 1 : 0};
  }
  *budget -= bytes;
}

/// Turns a YAML node into a JSON value, recording offsets so lines can be found. `budget` is
/// the memory in bytes still allowed for the values made (each value's cost and the bytes of
/// its keys and scalars): aliases let a small file name the same long strings and subtrees
/// again and again, expanding it exponentially.
Value YamlToValue(const YAML::Node& n, int depth, size_t* budget, bool read_tag = true) {
  YamlCharge(n, kYamlValueCost + (n.IsScalar() ? n.Scalar().size() : 0), budget);
  size_t offset = n.Mark().pos >= 0 ? static_cast<size_t>(n.Mark().pos) : 0;
  if (depth > 500) return Value::Null(offset);
  // CloudFormation short forms: `!Ref X` is {"Ref": "X"}, `!GetAtt A.B` is
  // {"Fn::GetAtt": ["A", "B"]}, `!Sub ...` is {"Fn::Sub": ...} and so on.
  const std::string& tag = n.Tag();
  if (read_tag && tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
    std::string name = tag.substr(1);
    std::string key = name == "Ref" || name == "Condition" ? name : "Fn::" + name;
    Value inner;
    if (name == "GetAtt" && n.IsScalar()) {
      const std::string& text = n.Scalar();
      size_t dot = text.find('.');
      inner = Value::Array(offset);
      inner.Push(Value::String(text.substr(0, dot), offset));
      if (dot != std::string::npos) inner.Push(Value::String(text.substr(dot + 1), offset));
    } else if (n.IsScalar()) {
      inner = Value::String(n.Scalar(), offset);
    } else {
      inner = YamlToValue(n, depth + 1, budget, /*read_tag=*/false);
    }
    Value obj = Value::Object(offset);
    obj.Add(key, std::move(inner));
    return obj;
  }
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Value obj = Value::Object(offset);
      for (const auto& kv : n) {
        YamlCharge(kv.first, kv.first.Scalar().size(), budget);
        Value v = YamlToValue(kv.second, depth + 1, budget);
        // A block mapping or sequence begins on the line after its key: locate it at the key
        // (`MyRole:`, `Statement:`), the line a reader looks for.
        if ((v.IsObject() || v.IsArray()) && kv.first.Mark().pos >= 0 &&
            static_cast<size_t>(kv.first.Mark().pos) < v.offset()) {
          v.set_offset(static_cast<size_t>(kv.first.Mark().pos));
        }
        obj.Add(kv.first.Scalar(), std::move(v));
      }
      return obj;
    }
    case YAML::NodeType::Sequence: {
      Value arr = Value::Array(offset);
      for (const auto& item : n) arr.Push(YamlToValue(item, depth + 1, budget));
      return arr;
    }
    case YAML::NodeType::Scalar:
      return Value::String(n.Scalar(), offset);
    default:
      return Value::Null(offset);
  }
}

/// A CloudFormation template (CDK-synthesised and SAM ones too): its format version, SAM's
/// `Transform`, or a `Resources` object with a resource whose `Type` is like `AWS::IAM::Role`.
bool LooksLikeCloudFormation(const Value& root) {
  if (!root.IsObject()) return false;
  if (root.Find("AWSTemplateFormatVersion") != nullptr) return true;
  auto sam = [](const Value& v) {
    return v.IsString() && v.str().rfind("AWS::Serverless-", 0) == 0;
  };
  if (const Value* t = root.Find("Transform")) {
    if (sam(*t)) return true;
    if (t->IsArray() && std::any_of(t->items().begin(), t->items().end(), sam)) return true;
  }
  const Value* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsObject()) return false;
  for (const auto& m : resources->members()) {
    const Value* type = m.value->IsObject() ? m.value->Find("Type") : nullptr;
    if (type != nullptr && type->IsString() && type->str().find("::") != std::string::npos) {
      return true;
    }
  }
  return false;
}

/// Whether the text of a file that does not parse was meant as a CloudFormation template.
bool LooksLikeTemplateText(std::string_view text) {
  std::string_view head = text.substr(0, 4096);
  for (const char* k :
       {"AWSTemplateFormatVersion", "AWS::Serverless-2016-10-31", "AWS::IAM::", "AWS::Amplify::"}) {
    if (head.find(k) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

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

const char* InputKindName(InputKind k) {
  switch (k) {
    case InputKind::kTerraformPlan:
      return "terraform-plan";
    case InputKind::kTerraformState:
      return "terraform-state";
    case InputKind::kAwsCli:
      return "aws-cli";
    case InputKind::kPolicy:
      return "policy";
    case InputKind::kCloudFormation:
      return "cloudformation";
    case InputKind::kUnknown:
      break;
  }
  return "auto";
}

bool ParseInputFormat(const std::string& text, InputKind* out) {
  for (InputKind k : {InputKind::kUnknown, InputKind::kTerraformPlan, InputKind::kAwsCli,
                      InputKind::kPolicy, InputKind::kCloudFormation}) {
    if (text == InputKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

namespace {

/// One way an input shows what it is by its top-level keys: all of `all`, and one of `any`
/// when `any` is not empty. SniffJson reads a parsed document by this table, and
/// LooksLikeInputText a broken one, so the two cannot drift apart.
struct KeySignature {
  InputKind kind;
  std::vector<std::string_view> all;
  std::vector<std::string_view> any;
  /// `all`'s first key must hold an array (a bare "Policies" object is someone else's).
  bool first_is_array = false;
};

const std::vector<KeySignature>& KeySignatures() {
  static const std::vector<KeySignature> k = {
      {InputKind::kTerraformPlan,
       {"format_version"},
       {"planned_values", "resource_changes", "configuration", "prior_state"}},
      {InputKind::kTerraformState, {"format_version", "values"}, {}},
      {InputKind::kTerraformState, {"version", "terraform_version"}, {"resources", "modules"}},
      {InputKind::kAwsCli,
       {},
       {"app", "apps", "branch", "branches", "Role", "RoleDetailList", "UserDetailList",
        "GroupDetailList", "PolicyVersion", "AttachedPolicies"}},
      {InputKind::kAwsCli, {"Policies"}, {}, /*first_is_array=*/true},
      {InputKind::kAwsCli, {"RoleName", "PolicyDocument"}, {}},
      {InputKind::kAwsCli, {"UserName", "PolicyDocument"}, {}},
      {InputKind::kAwsCli, {"GroupName", "PolicyDocument"}, {}},
      {InputKind::kPolicy, {"Statement"}, {}},
  };
  return k;
}

/// Keys that also head inputs of other tools (a package.json's "version"): a broken file is
/// not taken for one of ours on them alone.
bool CommonKey(std::string_view key) {
  return key == "version" || key == "resources" || key == "modules" || key == "values" ||
         key == "configuration";
}

/// Calls `fn(key)` for each key of the top-level object of JSON `text`, however broken or
/// truncated the text is (one pass; strings and nesting are followed, nothing else is checked),
/// until `fn` returns true. Returns whether it did.
template <class Fn>
bool ForEachTopLevelKey(std::string_view text, Fn fn) {
  int depth = 0;
  bool object = false;  // the top level is an object
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const size_t begin = i + 1;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (i >= text.size()) return false;
      if (depth != 1 || !object) continue;
      size_t j = i + 1;
      while (j < text.size() &&
             (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
        ++j;
      }
      if (j < text.size() && text[j] == ':' && fn(text.substr(begin, i - begin))) return true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) object = c == '{';
    } else if (c == '}' || c == ']') {
      if (depth > 0) --depth;
    }
  }
  return false;
}

}  // namespace

namespace {

/// Amplify's lower-case keys (`app`, `apps`, `branch`, `branches`) also head other tools'
/// files (semantic-release's `.releaserc.json` has `branches`, old Angular CLI files `apps`):
/// such a key does not mark an Amplify dump when what it holds is plainly something else -- a
/// list none of whose entries is an app or branch, or an object that is neither. (Anything
/// else is read as Amplify's, so a damaged dump is a located error, not "not an input".)
bool AmplifyKey(std::string_view key) {
  return key == "app" || key == "apps" || key == "branch" || key == "branches";
}
bool AmplifyShaped(std::string_view key, const Value& v) {
  const bool apps = key == "app" || key == "apps";
  auto entry = [apps](const Value& e) {
    if (!e.IsObject()) return false;
    return apps ? e.Find("appArn") != nullptr || e.Find("appId") != nullptr
                : e.Find("branchArn") != nullptr || e.Find("branchName") != nullptr;
  };
  const bool single = key == "app" || key == "branch";
  if (single) return !v.IsObject() || v.members().empty() || entry(v);
  if (!v.IsArray() || v.items().empty()) return true;
  return std::any_of(v.items().begin(), v.items().end(), entry);
}

}  // namespace

InputKind SniffJson(const Value& root, std::string* why) {
  if (!root.IsObject()) {
    *why = "the top level is " + json::TypeNameWithArticle(root.type()) +
           ", not an object any supported input has";
    return InputKind::kUnknown;
  }
  for (const KeySignature& sig : KeySignatures()) {
    bool all = std::all_of(sig.all.begin(), sig.all.end(),
                           [&](std::string_view k) { return root.Find(k) != nullptr; });
    if (all && sig.first_is_array) all = root.Find(sig.all.front())->IsArray();
    if (!all) continue;
    if (sig.any.empty() || std::any_of(sig.any.begin(), sig.any.end(), [&](std::string_view k) {
          const Value* v = root.Find(k);
          return v != nullptr && (!AmplifyKey(k) || AmplifyShaped(k, *v));
        })) {
      return sig.kind;
    }
  }
  if (LooksLikeCloudFormation(root)) return InputKind::kCloudFormation;
  if (root.Find("format_version") != nullptr) {
    *why =
        "it has a format_version but neither planned_values, resource_changes nor values "
        "(a provider schema or other terraform JSON?)";
    return InputKind::kUnknown;
  }
  *why = "it is not a Terraform plan, an AWS CLI output or an IAM policy document";
  return InputKind::kUnknown;
}

namespace {

/// Whether a file that failed to parse was meant as one of our inputs.
bool LooksLikeInputText(std::string_view text) {
  // A broken file may have lost the later keys of a signature: any key of one is enough,
  // except the common ones. Every top-level key is read, however late it comes.
  const bool amplify_text = text.find("\"appArn\"") != std::string_view::npos ||
                            text.find("\"appId\"") != std::string_view::npos ||
                            text.find("\"branchArn\"") != std::string_view::npos;
  const bool ours = ForEachTopLevelKey(text, [amplify_text](std::string_view key) {
    if (CommonKey(key)) return false;
    if (AmplifyKey(key) && !amplify_text) return false;  // e.g. a .releaserc.json cut short
    for (const KeySignature& sig : KeySignatures()) {
      if (std::find(sig.all.begin(), sig.all.end(), key) != sig.all.end() ||
          std::find(sig.any.begin(), sig.any.end(), key) != sig.any.end()) {
        return true;
      }
    }
    return false;
  });
  return ours || LooksLikeTemplateText(text);
}

}  // namespace

void LoadPolicyFile(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  scope->kind = Scope::Kind::kPolicyFile;
  scope->name = in.path;
  Location loc{in.path, "", in.doc.LineOf(in.doc.root().offset())};
  PolicyDocument pd = PolicyFromJson(in.doc.root(), loc, &in.doc.lines());
  (void)errors;
  scope->documents.push_back(std::move(pd));
}

namespace {

class Runner {
 public:
  explicit Runner(const LoadOptions& options) : options_(options) {}

  /// Queues a file, or the files of a folder, to be loaded by Finish().
  void Path(const std::string& path) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec) {
      jobs_.push_back({path, true, "cannot read: " + ec.message()});
      return;
    }
    if (fs::is_directory(st)) {
      Walk(path);
    } else if (options_.filter && !options_.filter(path)) {
      ++result_.files_skipped;  // excluded by the configuration
    } else {
      jobs_.push_back({path, true, ""});
    }
  }

  LoadResult Finish() {
    RunJobs();
    if (!account_.empty()) {
      Scope account;
      const std::string failure = GuardedLoad([&] { account = account_.Build(&result_.errors); });
      if (failure.empty()) {
        result_.model.scopes.push_back(std::move(account));
      } else {
        Error("(the AWS CLI dumps of this run)", 0, failure);
      }
    }
    return std::move(result_);
  }

  /// Runs `load`; a loader's unexpected exception (a defect of iamlint, or memory running out)
  /// becomes the returned message, so one input cannot end the run or another thread.
  template <class F>
  static std::string GuardedLoad(F&& load) {
    std::string failure = Guarded(std::forward<F>(load));
    if (failure.empty()) return failure;
    return "iamlint failed to read this input (" + failure +
           "): an internal error, please report it";
  }

 private:
  void Error(const std::string& file, size_t line, std::string message) {
    result_.errors.push_back({file, line, "", std::move(message)});
  }

  /// One queued input; `error` is set when it could not even be listed.
  struct Job {
    std::string path;
    bool explicit_path;
    std::string error;
  };

  /// Loads the queued inputs on all cores, each file by its own Runner, then merges their
  /// results in queue order, so the output does not depend on the scheduling. AWS CLI dumps
  /// are merged into the account afterwards, in the same order.
  void RunJobs() {
    std::vector<std::unique_ptr<Runner>> done(jobs_.size());
    std::vector<uint64_t> sizes(jobs_.size(), 0);
    if (options_.progress != nullptr) {
      uint64_t total = 0;
      for (size_t i = 0; i < jobs_.size(); ++i) {
        std::error_code ec;
        const auto size = fs::file_size(jobs_[i].path, ec);
        sizes[i] = ec ? 0 : static_cast<uint64_t>(size);
        total += sizes[i];
      }
      options_.progress->SetTotal(jobs_.size(), total);
    }
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < jobs_.size(); i = next++) {
        if (options_.progress != nullptr) options_.progress->Start(jobs_[i].path);
        auto r = std::make_unique<Runner>(options_);
        r->defer_cli_ = true;
        if (jobs_[i].error.empty()) {
          const std::string failure =
              GuardedLoad([&] { r->File(jobs_[i].path, jobs_[i].explicit_path); });
          if (!failure.empty()) {
            // Nothing half-read of this input is kept: only the error.
            r = std::make_unique<Runner>(options_);
            r->Error(jobs_[i].path, 0, failure);
          }
        } else {
          r->Error(jobs_[i].path, 0, jobs_[i].error);
        }
        if (options_.progress != nullptr) options_.progress->Done(sizes[i]);
        done[i] = std::move(r);
      }
    };
    const size_t threads = std::min<size_t>(
        jobs_.size(), std::max(1u, std::min(8u, std::thread::hardware_concurrency())));
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (auto& r : done) {
      LoadResult& sub = r->result_;
      for (auto& e : sub.errors) result_.errors.push_back(std::move(e));
      for (auto& sc : sub.model.scopes) result_.model.scopes.push_back(std::move(sc));
      for (auto& pd : sub.plan_dirs) result_.plan_dirs.insert(std::move(pd));
      result_.files_loaded += sub.files_loaded;
      for (auto& f : sub.files) result_.files.push_back(std::move(f));
      result_.files_skipped += sub.files_skipped;
      for (auto* in : r->pending_cli_) account_.Add(*in, &result_.errors);
      for (auto& in : r->kept_) kept_.push_back(std::move(in));
    }
    jobs_.clear();
  }

  /// Queues the regular files under `dir`, sorted. Folders are walked one by one (symbolic
  /// links to folders are not followed, so a link loop is walked once); a folder or entry that
  /// cannot be read is an input error, never a silent skip.
  void Walk(const std::string& dir) {
    static const std::set<std::string> kSkip = {".git", ".terraform", "node_modules", ".hg",
                                                ".svn"};
    std::vector<std::string> files;
    std::vector<std::pair<std::string, std::string>> unreadable;  // path, why
    std::vector<fs::path> pending{fs::path(dir)};
    while (!pending.empty()) {
      const fs::path folder = std::move(pending.back());
      pending.pop_back();
      std::error_code ec;
      fs::directory_iterator it(folder, ec);
      if (ec) {
        unreadable.emplace_back(folder.string(), "cannot read folder: " + ec.message());
        continue;
      }
      for (auto end = fs::directory_iterator(); it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code sec;
        const fs::file_status link = it->symlink_status(sec);
        fs::file_status target = link;
        if (!sec && fs::is_symlink(link)) target = it->status(sec);
        if (sec) {
          // A dangling link is no input; anything else that cannot be looked at is an error.
          if (!fs::is_symlink(link)) {
            unreadable.emplace_back(p.string(), "cannot read: " + sec.message());
          }
          continue;
        }
        if (fs::is_directory(target)) {
          if (!fs::is_symlink(link) && kSkip.count(p.filename().string()) == 0) {
            pending.push_back(p);
          }
          continue;
        }
        if (!fs::is_regular_file(target)) continue;  // FIFOs, devices, sockets: never opened
        if (options_.filter && !options_.filter(p.string())) {
          ++result_.files_skipped;  // excluded by the configuration
          continue;
        }
        files.push_back(p.string());
      }
      if (ec) unreadable.emplace_back(folder.string(), "cannot read folder: " + ec.message());
    }
    // Sorted, so neither the order of the file system's listing nor the walk shows.
    std::sort(files.begin(), files.end());
    std::sort(unreadable.begin(), unreadable.end());
    for (auto& [path, why] : unreadable) jobs_.push_back({path, true, std::move(why)});
    for (const auto& f : files) jobs_.push_back({f, false, ""});
  }

  void Skip(const std::string& path, bool explicit_path, const std::string& why) {
    if (explicit_path && !options_.skip_unrecognised) {
      Error(path, 0, why);
    } else {
      ++result_.files_skipped;
    }
  }

  void File(const std::string& path, bool explicit_path) {
    auto in = std::make_unique<InputFile>();
    in->path = path;
    std::string err;
    if (!ReadFile(path, options_.max_file_bytes, in.get(), &err)) {
      // Also in a folder walk: a file iamlint could not read may hold anything.
      Error(path, 0, err);
      return;
    }
    Input(std::move(in), explicit_path);
  }

 public:
  /// Recognises and loads the bytes of one input.
  void Text(const std::string& path, std::string raw, bool explicit_path) {
    auto in = std::make_unique<InputFile>();
    in->path = path;
    in->text = std::move(raw);
    Input(std::move(in), explicit_path);
  }

 private:
  /// Recognises and loads one input whose bytes are read (in->text or in->mapping).
  void Input(std::unique_ptr<InputFile> in, bool explicit_path) {
    const std::string& path = in->path;
    std::string_view raw = in->bytes();
    if (raw.substr(0, 4) == "PK\x03\x04") {
      Skip(path, explicit_path,
           "this is a binary Terraform plan file (a zip archive): run `terraform show -json " +
               path + " > plan.json` and lint plan.json");
      return;
    }
    if (raw.size() >= 2 &&
        ((raw[0] == '\xFF' && raw[1] == '\xFE') || (raw[0] == '\xFE' && raw[1] == '\xFF'))) {
      bool le = raw[0] == '\xFF';
      std::string utf8;
      if (!Utf16ToUtf8(raw, le, &utf8, in->mapping.get())) {
        Skip(path, explicit_path, "malformed UTF-16 text (odd length or a lone surrogate)");
        return;
      }
      in->mapping.reset();
      in->text = std::move(utf8);
    } else if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
      if (in->mapping != nullptr) {
        in->mapping->DropPrefix(3);
      } else {
        in->text.erase(0, 3);
      }
    }
    const std::string_view text = in->bytes();
    size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
      Skip(path, explicit_path, "the file is empty");
      return;
    }
    // A setup-terraform wrapper line before the JSON is a common capture mistake.
    if (text.substr(first, 9) == "[command]") {
      Skip(in->path, explicit_path,
           "the file starts with a `[command]...` line written by the hashicorp/setup-terraform "
           "wrapper, not JSON: capture with `terraform_wrapper: false`, or strip that line");
      return;
    }
    char c = text[first];
    if (c == '{' || c == '[') {
      ParseJson(std::move(in), explicit_path);
      return;
    }
    if (in->mapping != nullptr) {  // YAML is read from a string
      in->text.assign(text);
      in->mapping.reset();
    }
    if (in->text.find('\0') != std::string::npos) {
      Skip(path, explicit_path, "a binary file, not JSON or YAML");
    } else {
      ParseYaml(std::move(in), explicit_path);
    }
  }

 public:
  LoadResult& result() { return result_; }

 private:
  void ParseJson(std::unique_ptr<InputFile> in, bool explicit_path) {
    json::ParseError perr;
    json::ParseOptions popts;
    // Plans and states are read through a filter: only what the loader reads is kept.
    if (options_.force == InputKind::kUnknown || options_.force == InputKind::kTerraformPlan ||
        options_.force == InputKind::kTerraformState) {
      popts.filter = TerraformPlanFilter();
    }
    if (in->mapping != nullptr) {
      popts.release = [m = in->mapping.get()](size_t begin, size_t end) { m->Release(begin, end); };
      popts.parallel = true;  // big files: a second core validates ahead
    }
    const bool parsed = json::Parse(in->bytes(), &in->doc, &perr, popts);
    const bool meant = parsed || explicit_path || LooksLikeInputText(in->bytes());
    in->mapping.reset();  // the document does not refer to the text
    if (!parsed) {
      if (!meant) {
        ++result_.files_skipped;
        return;
      }
      Error(in->path, perr.line,
            "invalid JSON at line " + std::to_string(perr.line) + ", column " +
                std::to_string(perr.column) + ": " + perr.message);
      return;
    }
    Dispatch(std::move(in), explicit_path);
  }

  void ParseYaml(std::unique_ptr<InputFile> in, bool explicit_path) {
    YAML::Node node;
    try {
      node = YAML::Load(in->text);
    } catch (const YAML::Exception& e) {
      if (!explicit_path && !LooksLikeTemplateText(in->text)) {
        ++result_.files_skipped;
        return;
      }
      Error(in->path, static_cast<size_t>(e.mark.line) + 1,
            "not JSON, and not valid YAML either: " + e.msg);
      return;
    }
    if (!node.IsMap()) {
      Skip(in->path, explicit_path,
           "not a recognised input (neither a JSON document nor a YAML "
           "mapping)");
      return;
    }
    json::Value root;
    try {
      // Without aliases a document's values take less than this: a value per two bytes of
      // text at most (`[a,a,a]`), each costing kYamlValueCost (about 110 bytes) and its text;
      // a real template has one per twenty bytes or so, so aliases may expand it tenfold.
      size_t budget = (size_t{1} << 20) + in->text.size() * 64;
      root = YamlToValue(node, 0, &budget);
    } catch (const YAML::Exception& e) {
      Skip(in->path, explicit_path, std::string("unreadable YAML: ") + e.msg);
      return;
    } catch (const YamlTooLarge& e) {
      // An input, whether named or met in a folder: refused, never skipped as "not an input".
      Error(in->path, e.line,
            "YAML aliases expand this document far beyond its size (an alias bomb?): refused "
            "where the value at this line is copied once too often");
      return;
    }
    in->doc.Reset(std::move(root), in->text);
    Dispatch(std::move(in), explicit_path);
  }

  void Dispatch(std::unique_ptr<InputFile> in, bool explicit_path) {
    std::string why;
    InputKind kind =
        options_.force != InputKind::kUnknown ? options_.force : SniffJson(in->doc.root(), &why);
    switch (kind) {
      case InputKind::kTerraformPlan:
      case InputKind::kTerraformState: {
        Scope scope;
        LoadTerraformPlan(*in, &scope, &result_.errors);
        std::string dir = options_.tf_dir;
        if (dir.empty()) {
          dir = fs::path(in->path).parent_path().string();
          if (dir.empty()) dir = ".";
          if (!HasTfFiles(dir)) dir.clear();
        }
        if (!dir.empty()) result_.plan_dirs[in->path] = dir;
        result_.model.scopes.push_back(std::move(scope));
        break;
      }
      case InputKind::kAwsCli:
        if (defer_cli_) {
          pending_cli_.push_back(in.get());  // merged in order by the parent runner
        } else {
          account_.Add(*in, &result_.errors);
        }
        break;
      case InputKind::kPolicy: {
        Scope scope;
        LoadPolicyFile(*in, &scope, &result_.errors);
        result_.model.scopes.push_back(std::move(scope));
        break;
      }
      case InputKind::kCloudFormation: {
        Scope scope;
        LoadCloudFormation(*in, &scope, &result_.errors);
        result_.model.scopes.push_back(std::move(scope));
        break;
      }
      case InputKind::kUnknown:
        Skip(in->path, explicit_path, "not a recognised input: " + why);
        return;
    }
    ++result_.files_loaded;
    result_.files.push_back(in->path);
    kept_.push_back(std::move(in));  // AWS CLI values are read when the account is built
  }

  const LoadOptions& options_;
  LoadResult result_;
  AwsAccountBuilder account_;
  std::vector<std::unique_ptr<InputFile>> kept_;
  std::vector<Job> jobs_;
  bool defer_cli_ = false;
  std::vector<const InputFile*> pending_cli_;
};

}  // namespace

LoadResult LoadBuffers(const std::vector<std::pair<std::string, std::string>>& inputs,
                       const LoadOptions& options) {
  Runner runner(options);
  for (const auto& input : inputs) {
    // (Structured bindings cannot be captured by a lambda in C++17.)
    const std::string failure = Runner::GuardedLoad(
        [&] { runner.Text(input.first, input.second, /*explicit_path=*/true); });
    if (!failure.empty()) runner.result().errors.push_back({input.first, 0, "", failure});
  }
  runner.result().plan_dirs.clear();  // no folders behind in-memory inputs
  return runner.Finish();
}

LoadResult LoadPaths(const std::vector<std::string>& paths, const LoadOptions& options) {
  Runner runner(options);
  for (const auto& p : paths) runner.Path(p);
  return runner.Finish();
}

}  // namespace iamlint
