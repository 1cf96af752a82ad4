#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "core/read_file.h"
#include "tf/config_internal.h"
#include "tf/machine.h"

namespace iamlint::tf {
namespace internal {
namespace {

namespace fs = std::filesystem;

const std::string& Attr(const std::vector<std::string>& names, size_t i) {
  static const std::string kNone;
  return i < names.size() ? names[i] : kNone;
}

/// Whether `path` lies inside `tree` (both made absolute and normal, links not followed).
bool Inside(const fs::path& path, const fs::path& tree) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(path, ec);
  if (ec) return false;
  const fs::path t = fs::weakly_canonical(tree, ec);
  if (ec) return false;
  auto pi = p.begin();
  for (auto ti = t.begin(); ti != t.end(); ++ti, ++pi) {
    if (ti->empty()) continue;  // a trailing separator
    if (pi == p.end() || *pi != *ti) return false;
  }
  return true;
}

}  // namespace

std::string QuoteKey(const std::string& key) {
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

const Module* RootState::ModuleAt(const std::string& dir) {
  if (options->preloaded != nullptr) {
    auto pre = options->preloaded->find(dir);
    if (pre != options->preloaded->end()) return pre->second;
  }
  auto it = modules_by_dir.find(dir);
  if (it != modules_by_dir.end()) return it->second;
  auto m = std::make_unique<Module>();
  ReadModule(dir, m.get(), &out->diags);
  for (const auto& f : m->files) out->files.push_back(f);
  Module* raw = m.get();
  out->modules.push_back(std::move(m));
  modules_by_dir[dir] = raw;
  return raw;
}

ModuleInstance::ModuleInstance(RootState* root, const Module* module, std::string address,
                               std::string key_path, std::map<std::string, Value> inputs,
                               bool is_root, size_t depth)
    : root_(root),
      module_(module),
      address_(std::move(address)),
      key_path_(std::move(key_path)),
      inputs_(std::move(inputs)),
      is_root_(is_root),
      depth_(depth) {
  InitVariables();
}

Value ModuleInstance::Eval(const hcl::Expr& e, const std::map<std::string, Value>& bindings) {
  if (root_->active >= RootState::kMaxChain) {
    diags()->Error(e.range, "more than " + std::to_string(RootState::kMaxChain) +
                                " values here wait on one another (locals, resources, module "
                                "outputs): iamlint does not follow a chain this long");
    return Value::Unknown();
  }
  ++root_->active;
  Evaluator ev(this, diags(), root_->options->limits);
  Value v = bindings.empty() ? ev.Eval(e) : ev.EvalWith(e, bindings);
  --root_->active;
  return v;
}

bool ModuleInstance::Resolve(const std::string& root, const std::vector<std::string>& names,
                             const hcl::Range& range, Value* out, size_t* consumed,
                             Diagnostics* diags) {
  bool ok = true;
  *consumed = 1;
  const std::string& first = Attr(names, 0);
  if (names.empty() && root != "self") {
    diags->Error(range,
                 "`" + root + "` alone is no reference: name what it holds (`" + root + ".NAME`)");
    return false;
  }
  if (root == "var") {
    *out = Variable(first, range, &ok);
  } else if (root == "local") {
    *out = Local(first, range, &ok);
  } else if (root == "module") {
    if (!Instantiate(first, range)) return false;
    if (names.size() >= 2 && call_expansions_[first].shape == Expansion::Shape::kSingle) {
      *consumed = 2;
      *out = ModuleOutput(first, names[1], range, &ok);
    } else {
      *out = ModuleCall(first, range, &ok);
    }
  } else if (root == "path") {
    // As Terraform gives them, run in the root module's folder: path.module relative to it.
    if (first == "module") {
      std::string rel =
          fs::path(module_->dir).lexically_relative(NormalDir(root_->options->dir)).string();
      *out = Value::String(rel.empty() ? "." : rel);
    } else if (first == "root") {
      *out = Value::String(".");
    } else if (first == "cwd") {
      std::error_code ec;
      *out = Value::String(fs::absolute(root_->options->dir, ec).lexically_normal().string());
    } else {
      diags->Error(range, "path." + first + " is not a path Terraform knows (module, root, cwd)");
      return false;
    }
  } else if (root == "terraform") {
    *out = first == "workspace" ? Value::String(root_->options->workspace) : Value::Unknown();
  } else if (root == "data") {
    if (names.size() < 2) {
      diags->Error(range, "a data source reference names its type and name: data.TYPE.NAME");
      return false;
    }
    *consumed = 2;
    *out = Resource("data." + names[0] + "." + names[1], range, &ok);
  } else if (root == "each" || root == "count" || root == "self") {
    diags->Error(range, "`" + root + "` is only meaningful inside a block with " +
                            (root == "self"   ? "a provisioner"
                             : root == "each" ? "for_each"
                                              : "count"));
    return false;
  } else {
    *out = Resource(root + "." + first, range, &ok);
  }
  return ok;
}

bool ModuleInstance::ReadFile(const std::string& path, const hcl::Range& range, std::string* text,
                              Diagnostics* diags) {
  fs::path p(path);
  if (p.is_relative()) p = fs::path(root_->options->dir) / p;  // Terraform runs in the root
  const auto& trees = root_->options->readable_trees;
  bool inside = trees.empty() && Inside(p, root_->options->dir);
  for (const auto& t : trees) inside = inside || Inside(p, t);
  if (!inside) {
    diags->Note(range, "file " + path +
                           " is outside the scanned folder: iamlint does not read "
                           "it, and its content is unknown");
    return false;
  }
  std::string why;
  if (!ReadRegularFile(p.string(), size_t{16} << 20, text, &why)) {
    diags->Note(range, "cannot read " + path + " (" + why + "): its content is unknown");
    return false;
  }
  return true;
}

Value ModuleInstance::Local(const std::string& name, const hcl::Range& range, bool* ok) {
  auto decl = module_->locals.find(name);
  if (decl == module_->locals.end()) {
    diags()->Error(range, "local.\"" + name + "\" is not declared in this module");
    *ok = false;
    return Value::Unknown();
  }
  Memo& m = locals_[name];
  if (m.state == Memo::State::kBusy) {
    diags()->Error(decl->second->name_range,
                   "local.\"" + name + "\" depends on itself (a cycle of local values)");
    return Value::Unknown();
  }
  if (m.state == Memo::State::kNone) {
    m.state = Memo::State::kBusy;
    Value v = Eval(*decl->second->expr);
    Memo& done = locals_[name];  // (the map may have grown meanwhile; std::map keeps nodes)
    done.value = std::move(v);
    done.state = Memo::State::kDone;
  }
  return locals_[name].value;
}

Value ModuleInstance::Resource(const std::string& key, const hcl::Range& range, bool* ok) {
  auto idx = module_->resource_index.find(key);
  if (idx == module_->resource_index.end()) {
    diags()->Error(range, "there is no " + key + " in this module");
    *ok = false;
    return Value::Unknown();
  }
  Memo& m = resources_[key];
  if (m.state == Memo::State::kBusy) {
    diags()->Error(range, key + " refers to itself through its own arguments (a cycle)");
    return Value::Unknown({Origin{InstanceAddress(module_->resources[idx->second], ""), ""}});
  }
  if (m.state == Memo::State::kNone) {
    m.state = Memo::State::kBusy;
    Value v = EvalResource(module_->resources[idx->second]);
    Memo& done = resources_[key];
    done.value = std::move(v);
    done.state = Memo::State::kDone;
  }
  return resources_[key].value;
}

std::string ModuleInstance::InstanceAddress(const BlockRef& r, const std::string& key) const {
  std::string a = address_.empty() ? "" : address_ + ".";
  if (r.block->type == "data") a += "data.";
  a += r.block->labels[0] + "." + r.block->labels[1];
  if (!key.empty()) a += "[" + key + "]";
  return a;
}

Expansion ModuleInstance::Expand(const MergedBody& body) {
  const hcl::Attribute* count = body.Find("count");
  const hcl::Attribute* for_each = body.Find("for_each");
  const size_t max = root_->options->max_instances;
  Expansion x;
  if (count != nullptr) {
    Value n = Eval(*count->expr);
    // A number, or a string that reads as one (Terraform converts `count = "2"`).
    double d = -1;
    const bool number = !n.IsUnknown() && !n.IsNull() && ToNumber(n, &d);
    const bool whole = number && d >= 0 && d == std::floor(d);
    if (n.IsUnknown() || !whole || d > static_cast<double>(max)) {
      if (!n.IsUnknown()) {
        diags()->Error(count->range,
                       !whole ? std::string("count must be a whole number, 0 or more")
                              : "count is more than " + std::to_string(max) +
                                    ": iamlint does not expand more instances of one resource "
                                    "or module call (a limit of iamlint's, not of Terraform's)");
      }
      x.shape = Expansion::Shape::kUnknown;
      x.items.push_back({"", "", {{"count", Value::Map({{"index", Value::Unknown()}})}}});
      return x;
    }
    x.shape = Expansion::Shape::kCount;
    for (size_t i = 0; i < static_cast<size_t>(d); ++i) {
      x.items.push_back(
          {std::to_string(i),
           std::to_string(i),
           {{"count", Value::Map({{"index", Value::Number(static_cast<double>(i))}})}}});
    }
    return x;
  }
  if (for_each != nullptr) {
    Value coll = Eval(*for_each->expr);
    std::vector<ForEachItem> items;
    bool unknown = false;
    if (!ForEachItems(coll, for_each->range, diags(), &items, &unknown) || unknown ||
        items.size() > max) {
      if (items.size() > max) {
        diags()->Error(for_each->range,
                       "for_each here has more than " + std::to_string(max) +
                           " keys: iamlint does not evaluate them one by one (a limit of "
                           "iamlint's, not of Terraform's)");
      }
      x.shape = Expansion::Shape::kUnknown;
      x.items.push_back(
          {"",
           "",
           {{"each", Value::Map({{"key", Value::Unknown()}, {"value", Value::Unknown()}})}}});
      return x;
    }
    x.shape = Expansion::Shape::kForEach;
    for (auto& it : items) {
      x.items.push_back({it.key_text,
                         it.key.str(),
                         {{"each", Value::Map({{"key", it.key}, {"value", it.value}})}}});
    }
    return x;
  }
  x.items.push_back({});
  return x;
}

Value ModuleInstance::EvalResource(const BlockRef& r) {
  const Expansion x = Expand(r.body);
  switch (x.shape) {
    case Expansion::Shape::kCount: {
      std::vector<Value> items;
      for (const auto& it : x.items)
        items.push_back(OneInstance(r, it.key_text, false, it.bindings));
      return Value::List(std::move(items));
    }
    case Expansion::Shape::kForEach: {
      std::map<std::string, Value> by_key;
      for (const auto& it : x.items)
        by_key[it.key] = OneInstance(r, it.key_text, false, it.bindings);
      return Value::Map(std::move(by_key));
    }
    case Expansion::Shape::kUnknown:
      OneInstance(r, "", true, x.items[0].bindings);
      return Value::Unknown({Origin{InstanceAddress(r, ""), ""}});
    case Expansion::Shape::kSingle:
    case Expansion::Shape::kMissing:
      break;
  }
  return OneInstance(r, "", false, {});
}

Value ModuleInstance::OneInstance(const BlockRef& r, const std::string& key, bool key_unknown,
                                  const std::map<std::string, Value>& bindings) {
  Instance in;
  in.module = address_;
  in.mode = r.block->type == "data" ? "data" : "managed";
  in.type = r.block->labels[0];
  in.name = r.block->labels[1];
  in.key = key;
  in.key_unknown = key_unknown;
  in.may_not_exist = key_unknown || may_not_exist_;
  in.address = InstanceAddress(r, key);
  in.block = r.block;
  if (root_->active >= RootState::kMaxChain) {
    diags()->Error(r.block->type_range,
                   "resources here wait on one another in a chain longer "
                   "than iamlint follows");
    return Value::Unknown({Origin{in.address, ""}});
  }
  ++root_->active;
  Evaluator ev(this, diags(), root_->options->limits);
  in.values = EvalBody(&ev, r.body, bindings, "", &in.places, diags());
  --root_->active;
  in.values.set_resource(in.address);
  Value v = in.values;
  const size_t index =
      module_->resource_index.at((in.mode == "data" ? "data." : "") + in.type + "." + in.name);
  instances_[index].push_back(std::move(in));
  return v;
}

void ModuleInstance::EvaluateAll() {
  const auto& wanted = root_->options->wanted;
  for (const auto& r : module_->resources) {
    if (wanted && !wanted(r.block->labels[0])) continue;
    bool ok = true;
    Resource(
        (r.block->type == "data" ? "data." : "") + r.block->labels[0] + "." + r.block->labels[1],
        r.block->type_range, &ok);
  }
  for (const auto& [name, call] : module_->module_calls) {
    Instantiate(name, call.block->type_range);
  }
  for (auto& [index, list] : instances_) {
    for (auto& in : list) root_->out->instances.push_back(std::move(in));
  }
  instances_.clear();
  for (auto& [name, by_key] : children_) {
    for (auto& [key, child] : by_key) child->EvaluateAll();
  }
}

}  // namespace internal

std::string NormalDir(const std::string& dir) {
  std::string d = std::filesystem::path(dir.empty() ? "." : dir).lexically_normal().string();
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d.empty() ? "." : d;
}

std::string JoinModulePath(const std::string& dir, const std::string& source) {
  return NormalDir((std::filesystem::path(dir) / source).string());
}

std::vector<std::string> LocalModuleCalls(const Module& module) {
  std::vector<std::string> out;
  for (const auto& [name, call] : module.module_calls) {
    const hcl::Attribute* src = call.body.Find("source");
    const std::string* text = src != nullptr ? src->expr->LiteralText() : nullptr;
    if (text == nullptr) continue;
    if (text->rfind("./", 0) == 0 || text->rfind("../", 0) == 0) {
      out.push_back(JoinModulePath(module.dir, *text));
    }
  }
  return out;
}

void EvaluateRoot(const RootOptions& options, Evaluated* out) {
  internal::RootState state;
  state.options = &options;
  state.out = out;
  const Module* root = state.ModuleAt(NormalDir(options.dir));
  internal::ModuleInstance top(&state, root, "", "", {}, true, 0);
  top.EvaluateAll();
}

}  // namespace iamlint::tf
