// Dispatch: the inputs of a run queued (walk.h), read (read.h) on all cores (jobs.h), each
// recognised by content (sniff.h), parsed as JSON or YAML (yaml.h), and handed to the loader
// of its format (loaders.h); the results merged in queue order.
#include "load/load.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/guard.h"
#include "load/jobs.h"
#include "load/loaders.h"
#include "load/plan/filter.h"
#include "load/read.h"
#include "load/sniff.h"
#include "load/terraform_source/source.h"
#include "load/terraform_source/tree.h"
#include "load/tf_folder.h"
#include "load/walk.h"
#include "load/yaml.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

class Runner {
 public:
  explicit Runner(const LoadOptions& options) : options_(options) {}

  /// Queues a file, or the files of a folder, to be loaded by Finish().
  void Path(const std::string& path) {
    const size_t before = jobs_.size();
    std::error_code ec;
    const std::string tree =
        fs::is_directory(path, ec) ? path : fs::path(path).parent_path().string();
    readable_trees_.push_back(tree.empty() ? "." : tree);
    QueuePath(path, options_.filter, &jobs_, &result_.files_skipped);
    TakeTerraformSource(before);
  }

  LoadResult Finish() {
    RunJobs();
    RunTerraformSource();
    if (!account_.empty()) {
      Scope account;
      const std::string failure = GuardedLoad([&] { account = account_.Build(&result_.errors); });
      if (failure.empty()) {
        result_.model.scopes.push_back(std::move(account));
      } else {
        Error("(the AWS CLI dumps of this run)", 0, failure);
      }
    }
    for (auto& scope : result_.model.scopes) AddAmplifyWorkloads(&scope);
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

  /// Recognises and loads the bytes of one input.
  void Text(const std::string& path, std::string raw, bool explicit_path) {
    auto in = std::make_unique<InputFile>();
    in->path = path;
    in->text = std::move(raw);
    Input(std::move(in), explicit_path);
  }

  LoadResult& result() { return result_; }

 private:
  void Error(const std::string& file, size_t line, std::string message, size_t column = 0) {
    result_.errors.push_back({file, line, "", std::move(message), column});
  }

  /// Terraform configuration and variables files among the jobs queued from `from` on are
  /// not inputs of their own: their folders are (modules, read by RunTerraformSource).
  void TakeTerraformSource(size_t from) {
    size_t kept = from;
    for (size_t i = from; i < jobs_.size(); ++i) {
      const fs::path p(jobs_[i].path);
      const std::string name = p.filename().string();
      if (jobs_[i].error.empty() && (tf::IsConfigFileName(name) || tf::IsVarsFileName(name))) {
        std::string dir = p.parent_path().string();
        tree_.AddFolder(dir.empty() ? "." : dir, jobs_[i].explicit_path);
        continue;
      }
      if (kept != i) jobs_[kept] = std::move(jobs_[i]);
      ++kept;
    }
    jobs_.resize(kept);
  }

  /// Reads the Terraform folders met, decides the roots and evaluates each (on all cores);
  /// their scopes follow the other inputs', in the roots' order.
  void RunTerraformSource() {
    if (tree_.empty()) return;
    tree_.Read(&result_.errors);
    const std::vector<std::string> files = tree_.Files();
    result_.files_loaded += files.size();
    for (const auto& f : files) result_.files.push_back(f);
    // A root whose plan is among the inputs is read from the plan, which knows more.
    std::map<std::string, std::string> planned;  // folder -> plan
    for (const auto& [plan, dir] : result_.plan_dirs) planned.emplace(tf::NormalDir(dir), plan);
    std::vector<std::string> roots;
    for (auto& r : tree_.Roots()) {
      auto p = planned.find(r);
      if (p == planned.end()) {
        roots.push_back(std::move(r));
      } else {
        result_.notes.push_back({r, 0, "",
                                 "not checked as Terraform source: the plan " + p->second +
                                     " of this folder is checked instead"});
      }
    }
    struct Out {
      Scope scope;
      std::vector<LoadError> errors;
      std::vector<LoadError> notes;
      std::vector<std::string> files;
      std::vector<std::string> unsure;
    };
    std::vector<Out> outs(roots.size());
    RunParallel(roots.size(), [&](size_t i) {
      tf::RootOptions o = RootOptionsFor(roots[i]);
      std::string failure;
      RunWithLargeStack([&] {
        failure = GuardedLoad([&] {
          LoadTerraformRoot(o, &outs[i].scope, &outs[i].errors, &outs[i].notes, &outs[i].files,
                            &outs[i].unsure);
        });
      });
      if (!failure.empty()) {
        outs[i] = Out();
        outs[i].errors.push_back({roots[i], 0, "", failure});
      }
    });
    std::set<std::string> counted(files.begin(), files.end());
    std::set<std::string> noted;  // a module several roots call notes a thing once
    for (auto& o : outs) {
      for (auto& e : o.errors) result_.errors.push_back(std::move(e));
      for (auto& n : o.notes) {
        const std::string key = n.file + ":" + std::to_string(n.line) + ":" +
                                std::to_string(n.column) + ":" + n.message;
        if (noted.insert(key).second) result_.notes.push_back(std::move(n));
      }
      for (auto& f : o.files) {
        if (!counted.insert(f).second) continue;  // a tfvars file, or a module outside the run
        ++result_.files_loaded;
        result_.files.push_back(std::move(f));
      }
      if (!o.unsure.empty()) {
        auto& unsure = result_.unsure_instances[o.scope.name];
        unsure.insert(o.unsure.begin(), o.unsure.end());
      }
      result_.model.scopes.push_back(std::move(o.scope));
    }
  }

  tf::RootOptions RootOptionsFor(const std::string& dir) const {
    tf::RootOptions o;
    o.dir = dir;
    o.env_vars = options_.tf_env_vars;
    for (const auto& [file, text] : options_.tf_var_args) o.var_args.push_back({file, text});
    if (!options_.tf_workspace.empty()) o.workspace = options_.tf_workspace;
    o.wanted = [](const std::string& type) { return plan::Interesting(type); };
    o.preloaded = &tree_.modules();
    o.readable_trees = readable_trees_;
    return o;
  }

  /// Loads the queued inputs on all cores, each file by its own Runner, then merges their
  /// results in queue order, so the output does not depend on the scheduling. AWS CLI dumps
  /// are merged into the account afterwards, in the same order.
  void RunJobs() {
    std::vector<std::unique_ptr<Runner>> done(jobs_.size());
    const std::vector<uint64_t> sizes = JobSizes();
    RunParallel(jobs_.size(), [&](size_t i) {
      if (options_.progress != nullptr) options_.progress->Start(jobs_[i].path);
      done[i] = LoadJob(jobs_[i]);
      if (options_.progress != nullptr) options_.progress->Done(sizes[i]);
    });
    for (auto& r : done) Merge(r.get());
    jobs_.clear();
  }

  /// The size of each queued input, and their total given to the progress line; zeros when
  /// there is no progress line.
  std::vector<uint64_t> JobSizes() const {
    std::vector<uint64_t> sizes(jobs_.size(), 0);
    if (options_.progress == nullptr) return sizes;
    uint64_t total = 0;
    for (size_t i = 0; i < jobs_.size(); ++i) {
      std::error_code ec;
      const auto size = fs::file_size(jobs_[i].path, ec);
      sizes[i] = ec ? 0 : static_cast<uint64_t>(size);
      total += sizes[i];
    }
    options_.progress->SetTotal(jobs_.size(), total);
    return sizes;
  }

  /// Loads one queued input by a Runner of its own.
  std::unique_ptr<Runner> LoadJob(const Job& job) const {
    auto r = std::make_unique<Runner>(options_);
    r->defer_cli_ = true;
    if (!job.error.empty()) {
      r->Error(job.path, 0, job.error);
      return r;
    }
    const std::string failure = GuardedLoad([&] { r->File(job.path, job.explicit_path); });
    if (!failure.empty()) {
      // Nothing half-read of this input is kept: only the error.
      r = std::make_unique<Runner>(options_);
      r->Error(job.path, 0, failure);
    }
    return r;
  }

  /// Takes over what the Runner of one input loaded.
  void Merge(Runner* r) {
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

  /// Recognises and loads one input whose bytes are read (in->text or in->mapping).
  void Input(std::unique_ptr<InputFile> in, bool explicit_path) {
    const std::string& path = in->path;
    if (in->bytes().substr(0, 4) == "PK\x03\x04") {
      Skip(path, explicit_path,
           "this is a binary Terraform plan file (a zip archive): run `terraform show -json " +
               path + " > plan.json` and lint plan.json");
      return;
    }
    if (!DecodeToUtf8(in.get())) {
      Skip(path, explicit_path, "malformed UTF-16 text (odd length or a lone surrogate)");
      return;
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
                std::to_string(perr.column) + ": " + perr.message,
            perr.column);
      return;
    }
    Dispatch(std::move(in), explicit_path);
  }

  void ParseYaml(std::unique_ptr<InputFile> in, bool explicit_path) {
    json::Value root;
    const YamlOutcome yaml = YamlToJson(in->text, &root);
    switch (yaml.kind) {
      case YamlOutcome::Kind::kOk:
        break;
      case YamlOutcome::Kind::kSyntax:
        if (!explicit_path && !LooksLikeTemplateText(in->text)) {
          ++result_.files_skipped;
        } else {
          Error(in->path, yaml.line, "not JSON, and not valid YAML either: " + yaml.message);
        }
        return;
      case YamlOutcome::Kind::kNotMapping:
        Skip(in->path, explicit_path,
             "not a recognised input (neither a JSON document nor a YAML mapping)");
        return;
      case YamlOutcome::Kind::kUnreadable:
        Skip(in->path, explicit_path, "unreadable YAML: " + yaml.message);
        return;
      case YamlOutcome::Kind::kTooLarge:
        // An input, whether named or met in a folder: refused, never skipped as "not an input".
        Error(in->path, yaml.line,
              "YAML aliases expand this document far beyond its size (an alias bomb?): refused "
              "where the value at this line is copied once too often");
        return;
    }
    in->doc.Reset(std::move(root), in->text);
    Dispatch(std::move(in), explicit_path);
  }

  /// The Terraform configuration folder of a plan or state: the one given, else the plan's own
  /// folder when it holds `.tf` files; "" when none.
  std::string PlanDir(const std::string& plan) const {
    std::string dir = options_.tf_dir;
    if (dir.empty()) {
      dir = fs::path(plan).parent_path().string();
      if (dir.empty()) dir = ".";
      if (!HasTfFiles(dir)) dir.clear();
    }
    return dir;
  }

  void Dispatch(std::unique_ptr<InputFile> in, bool explicit_path) {
    std::string why;
    InputKind kind =
        options_.force != InputKind::kUnknown ? options_.force : SniffJson(in->doc.root(), &why);
    Scope scope;
    switch (kind) {
      case InputKind::kTerraformPlan:
      case InputKind::kTerraformState:
        LoadTerraformPlan(*in, &scope, &result_.errors);
        if (std::string dir = PlanDir(in->path); !dir.empty()) result_.plan_dirs[in->path] = dir;
        result_.model.scopes.push_back(std::move(scope));
        break;
      case InputKind::kAwsCli:
        if (defer_cli_) {
          pending_cli_.push_back(in.get());  // merged in order by the parent runner
        } else {
          account_.Add(*in, &result_.errors);
        }
        break;
      case InputKind::kPolicy:
        LoadPolicyFile(*in, &scope);
        result_.model.scopes.push_back(std::move(scope));
        break;
      case InputKind::kCloudFormation:
        LoadCloudFormation(*in, &scope, &result_.errors);
        result_.model.scopes.push_back(std::move(scope));
        break;
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
  TerraformTree tree_;
  std::vector<std::string> readable_trees_;  // the folders named (and those of files named)
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
