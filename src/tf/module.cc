#include "tf/module.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>

#include "core/read_file.h"
#include "hcl/hcl.h"

namespace iamlint::tf {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The name without its configuration extension ("" when it has none).
std::string_view Stem(std::string_view name) {
  for (std::string_view ext : {".tf.json", ".tofu.json", ".tf", ".tofu"}) {
    if (EndsWith(name, ext) && name.size() > ext.size()) {
      return name.substr(0, name.size() - ext.size());
    }
  }
  return {};
}

void FileError(Diagnostics* diags, const std::string& file, std::string message) {
  diags->items.push_back({Diagnostic::Kind::kError, file, hcl::Pos{}, std::move(message)});
}

std::string BlockKey(const hcl::Block& b) {
  std::string key = b.type;
  for (const auto& l : b.labels) key += "." + l;
  return key;
}

MergedBody MergeOfBody(const hcl::Body& body) {
  MergedBody m;
  m.body = &body;
  m.from_json = body.from_json;
  for (const auto& a : body.attributes) m.attributes.push_back(&a);
  for (const auto& b : body.blocks) m.blocks.push_back(&b);
  return m;
}

/// Terraform's merge of an override block's body into the original's.
void MergeInto(MergedBody* into, const hcl::Body& over) {
  for (const auto& a : over.attributes) {
    auto same = std::find_if(into->attributes.begin(), into->attributes.end(),
                             [&](const hcl::Attribute* x) { return x->name == a.name; });
    if (same != into->attributes.end()) {
      *same = &a;
    } else {
      into->attributes.push_back(&a);
    }
  }
  std::set<std::string> replaced;
  for (const auto& b : over.blocks) replaced.insert(b.type);
  auto& blocks = into->blocks;
  blocks.erase(std::remove_if(blocks.begin(), blocks.end(),
                              [&](const hcl::Block* x) { return replaced.count(x->type) > 0; }),
               blocks.end());
  for (const auto& b : over.blocks) blocks.push_back(&b);
}

class ModuleReader {
 public:
  ModuleReader(Module* out, Diagnostics* diags) : out_(out), diags_(diags) {}

  /// Adds the blocks of one parsed file; `override` files merge into what is there.
  void Add(const hcl::File& f, bool override_file) {
    for (const auto& b : f.body.blocks) {
      if (override_file) {
        Override(b);
      } else {
        Primary(b);
      }
    }
  }

 private:
  void Duplicate(const hcl::Block& b, const std::string& what) {
    diags_->Error(b.type_range, "duplicate " + what + ": it is already declared in this module");
  }

  void Named(std::map<std::string, BlockRef>* into, const hcl::Block& b, const char* what) {
    if (b.labels.size() != 1) return;  // (the parser's JSON reader and Terraform agree)
    if (!into->emplace(b.labels[0], BlockRef{&b, MergeOfBody(b.body)}).second) {
      Duplicate(b, std::string(what) + " \"" + b.labels[0] + "\"");
    }
  }

  void Primary(const hcl::Block& b) {
    if (b.type == "variable") {
      Named(&out_->variables, b, "variable");
    } else if (b.type == "output") {
      Named(&out_->outputs, b, "output");
    } else if (b.type == "module") {
      Named(&out_->module_calls, b, "module call");
    } else if (b.type == "locals") {
      for (const auto& a : b.body.attributes) {
        if (!out_->locals.emplace(a.name, &a).second) {
          diags_->Error(a.name_range, "duplicate local value \"" + a.name + "\"");
        }
      }
    } else if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
      const std::string key = b.type == "data" ? BlockKey(b) : b.labels[0] + "." + b.labels[1];
      if (!out_->resource_index.emplace(key, out_->resources.size()).second) {
        Duplicate(
            b, (b.type == "data" ? "data source " : "resource ") + b.labels[0] + "." + b.labels[1]);
        return;
      }
      out_->resources.push_back(BlockRef{&b, MergeOfBody(b.body)});
    }
  }

  BlockRef* Original(const hcl::Block& b) {
    auto named = [&](std::map<std::string, BlockRef>* m) -> BlockRef* {
      if (b.labels.size() != 1) return nullptr;
      auto it = m->find(b.labels[0]);
      return it == m->end() ? nullptr : &it->second;
    };
    if (b.type == "variable") return named(&out_->variables);
    if (b.type == "output") return named(&out_->outputs);
    if (b.type == "module") return named(&out_->module_calls);
    if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
      const std::string key = b.type == "data" ? BlockKey(b) : b.labels[0] + "." + b.labels[1];
      auto it = out_->resource_index.find(key);
      return it == out_->resource_index.end() ? nullptr : &out_->resources[it->second];
    }
    return nullptr;
  }

  void Override(const hcl::Block& b) {
    if (b.type == "locals") {
      for (const auto& a : b.body.attributes) {
        auto it = out_->locals.find(a.name);
        if (it == out_->locals.end()) {
          diags_->Error(a.name_range, "an override of local value \"" + a.name +
                                          "\", which no other file of this module declares");
          continue;
        }
        it->second = &a;
      }
      return;
    }
    if (b.type == "terraform" || b.type == "provider" || b.type == "moved" || b.type == "import" ||
        b.type == "removed" || b.type == "check") {
      return;  // nothing iamlint reads
    }
    BlockRef* orig = Original(b);
    if (orig == nullptr) {
      diags_->Error(b.type_range, "an override of " + BlockKey(b) +
                                      ", which no other file of this module declares");
      return;
    }
    MergeInto(&orig->body, b.body);
  }

  Module* out_;
  Diagnostics* diags_;
};

}  // namespace

MergedBody BodyOf(const hcl::Body& body) { return MergeOfBody(body); }

const hcl::Attribute* MergedBody::Find(std::string_view name) const {
  for (const auto* a : attributes) {
    if (a->name == name) return a;
  }
  return nullptr;
}

bool IsConfigFileName(std::string_view name) { return !Stem(name).empty(); }

bool IsVarsFileName(std::string_view name) {
  return (EndsWith(name, ".tfvars") && name.size() > 7) ||
         (EndsWith(name, ".tfvars.json") && name.size() > 12);
}

bool IsOverrideFileName(std::string_view name) {
  std::string_view stem = Stem(name);
  return stem == "override" || EndsWith(stem, "_override");
}

std::vector<std::string> ConfigFilesIn(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code sec;
    if (!it->is_regular_file(sec) || sec) continue;
    std::string name = it->path().filename().string();
    if (IsConfigFileName(name)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  std::set<std::string> tofu;  // stems with an OpenTofu file (`.tofu` shadows `.tf`)
  for (const auto& n : names) {
    if (EndsWith(n, ".tofu")) tofu.insert(n.substr(0, n.size() - 5) + ".tf");
    if (EndsWith(n, ".tofu.json")) tofu.insert(n.substr(0, n.size() - 10) + ".tf.json");
  }
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (tofu.count(n) == 0) out.push_back((fs::path(dir) / n).string());
  }
  return out;
}

bool ReadModule(const std::string& dir, Module* out, Diagnostics* diags, const ReadLimits& limits) {
  out->dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    FileError(diags, dir, "no module folder here");
    return false;
  }
  out->files = ConfigFilesIn(dir);
  if (out->files.size() > limits.max_files) {
    FileError(diags, dir,
              "more than " + std::to_string(limits.max_files) +
                  " configuration files in one folder: refused");
    out->files.clear();
    return false;
  }
  std::vector<std::pair<const hcl::File*, bool>> order;  // primary files first, then overrides
  for (const auto& path : out->files) {
    std::string text;
    std::string why;
    if (!ReadRegularFile(path, limits.max_file_bytes, &text, &why)) {
      FileError(diags, path, "cannot read: " + why);
      continue;
    }
    auto file = std::make_unique<hcl::File>();
    hcl::Error err;
    if (!hcl::ParseAny(text, path, file.get(), &err)) {
      diags->items.push_back({Diagnostic::Kind::kError, path, err.pos, err.message});
      continue;
    }
    order.emplace_back(file.get(), IsOverrideFileName(fs::path(path).filename().string()));
    out->parsed.push_back(std::move(file));
  }
  std::stable_partition(order.begin(), order.end(), [](const auto& f) { return !f.second; });
  ModuleReader reader(out, diags);
  for (const auto& [file, is_override] : order) reader.Add(*file, is_override);
  return true;
}

}  // namespace iamlint::tf
