// Module calls: where their source is, their instances (count / for_each), their inputs, and
// their outputs as values.
#include <filesystem>
#include <utility>

#include "core/read_file.h"
#include "json/json.h"
#include "tf/config_internal.h"

namespace iamlint::tf::internal {
namespace {

namespace fs = std::filesystem;

bool IsLocalSource(const std::string& s) { return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0; }

bool IsMeta(const std::string& name) {
  return name == "source" || name == "version" || name == "count" || name == "for_each" ||
         name == "providers" || name == "depends_on";
}

/// `.terraform/modules/modules.json` (written by `terraform init`): Key -> Dir.
std::map<std::string, std::string> ReadInstalled(const std::string& root_dir) {
  std::map<std::string, std::string> out;
  std::string text;
  std::string why;
  const std::string path =
      (fs::path(root_dir) / ".terraform" / "modules" / "modules.json").string();
  if (!iamlint::ReadRegularFile(path, size_t{16} << 20, &text, &why)) return out;
  json::Document doc;
  json::ParseError err;
  if (!json::Parse(text, &doc, &err)) return out;
  const json::Value* mods = doc.root().Find("Modules");
  if (mods == nullptr) return out;
  for (const auto& m : mods->items()) {
    const json::Value* key = m.Find("Key");
    const json::Value* dir = m.Find("Dir");
    if (key == nullptr || dir == nullptr || !key->IsString() || !dir->IsString()) continue;
    if (key->str().empty()) continue;  // the root itself
    out[key->str()] = dir->str();
  }
  return out;
}

}  // namespace

std::string ModuleInstance::CallDir(const std::string& name, const BlockRef& call,
                                    std::string* why) {
  const hcl::Attribute* src = call.body.Find("source");
  const std::string* text = src != nullptr ? src->expr->LiteralText() : nullptr;
  if (text == nullptr) {
    *why = "its source is not a literal string";
    return "";
  }
  if (IsLocalSource(*text)) return JoinModulePath(module_->dir, *text);
  if (!root_->installed_read) {
    root_->installed = ReadInstalled(root_->options->dir);
    root_->installed_read = true;
  }
  const std::string key = key_path_.empty() ? name : key_path_ + "." + name;
  auto it = root_->installed.find(key);
  if (it == root_->installed.end()) {
    *why = "its source " + *text +
           " is not installed here (`terraform init` writes .terraform/modules/modules.json)";
    return "";
  }
  fs::path dir(it->second);
  if (dir.is_relative()) dir = fs::path(root_->options->dir) / dir;
  return NormalDir(dir.string());
}

bool ModuleInstance::Instantiate(const std::string& name, const hcl::Range& range) {
  auto decl = module_->module_calls.find(name);
  if (decl == module_->module_calls.end()) {
    diags()->Error(range, "module." + name + " is not called in this module");
    return false;
  }
  if (call_expansions_.count(name) > 0) return true;
  Expansion& x = call_expansions_[name];
  x.shape = Expansion::Shape::kMissing;
  const BlockRef& call = decl->second;
  std::string why;
  const std::string dir = CallDir(name, call, &why);
  if (dir.empty()) {
    diags()->Note(call.block->type_range,
                  "module." + name + " is not read: " + why + "; its outputs are unknown");
    return true;
  }
  if (depth_ + 1 > root_->options->max_module_depth) {
    diags()->Error(call.block->type_range,
                   "modules nest deeper than " + std::to_string(root_->options->max_module_depth) +
                       " here (does a module call itself?): module." + name + " is not read");
    return true;
  }
  const Module* mod = root_->ModuleAt(dir);
  Expansion made = Expand(call.body);
  const bool unsure = made.shape == Expansion::Shape::kUnknown;
  for (const auto& item : made.items) AddCallInstance(name, call, mod, item, unsure);
  call_expansions_[name] = std::move(made);
  return true;
}

void ModuleInstance::AddCallInstance(const std::string& name, const BlockRef& call,
                                     const Module* module, const Expansion::Item& item,
                                     bool unsure) {
  const std::string& key = item.key_text;
  const std::map<std::string, Value>& bindings = item.bindings;
  std::map<std::string, Value> inputs;
  for (const hcl::Attribute* a : call.body.attributes) {
    if (IsMeta(a->name)) continue;
    inputs[a->name] = Eval(*a->expr, bindings);
  }
  std::string addr = (address_.empty() ? "" : address_ + ".") + "module." + name;
  if (!key.empty()) addr += "[" + key + "]";
  const std::string key_path = key_path_.empty() ? name : key_path_ + "." + name;
  auto& child = children_[name][key];
  child = std::make_unique<ModuleInstance>(root_, module, std::move(addr), key_path,
                                           std::move(inputs), false, depth_ + 1);
  child->may_not_exist_ = may_not_exist_ || unsure;
}

Value ModuleInstance::OutputsOf(ModuleInstance* child, const hcl::Range& range) {
  std::map<std::string, Value> outs;
  for (const auto& [oname, block] : child->module().outputs) {
    outs[oname] = child->OutputValue(oname, range);
  }
  return Value::Map(std::move(outs));
}

Value ModuleInstance::ModuleCall(const std::string& name, const hcl::Range& range, bool* ok) {
  if (!Instantiate(name, range)) {
    *ok = false;
    return Value::Unknown();
  }
  Memo& m = calls_[name];
  if (m.state == Memo::State::kBusy) {
    diags()->Error(range, "module." + name + " depends on its own outputs (a cycle)");
    return Value::Unknown();
  }
  if (m.state == Memo::State::kDone) return m.value;
  m.state = Memo::State::kBusy;
  Value v;
  auto& by_key = children_[name];
  const Expansion& x = call_expansions_[name];
  switch (x.shape) {
    case Expansion::Shape::kSingle:
      v = OutputsOf(by_key.begin()->second.get(), range);
      break;
    case Expansion::Shape::kCount: {
      std::vector<Value> items;
      for (const auto& it : x.items) items.push_back(OutputsOf(by_key[it.key_text].get(), range));
      v = Value::List(std::move(items));
      break;
    }
    case Expansion::Shape::kForEach: {
      std::map<std::string, Value> members;
      for (const auto& it : x.items) members[it.key] = OutputsOf(by_key[it.key_text].get(), range);
      v = Value::Map(std::move(members));
      break;
    }
    case Expansion::Shape::kUnknown:
    case Expansion::Shape::kMissing:
      v = Value::Unknown();
      break;
  }
  Memo& done = calls_[name];
  done.value = std::move(v);
  done.state = Memo::State::kDone;
  return done.value;
}

Value ModuleInstance::ModuleOutput(const std::string& name, const std::string& output,
                                   const hcl::Range& range, bool* ok) {
  auto& by_key = children_[name];
  if (by_key.empty()) return Value::Unknown();
  ModuleInstance* child = by_key.begin()->second.get();
  if (child->module().outputs.count(output) == 0) {
    diags()->Error(range, "module." + name + " has no output \"" + output + "\"");
    *ok = false;
    return Value::Unknown();
  }
  return child->OutputValue(output, range);
}

Value ModuleInstance::OutputValue(const std::string& name, const hcl::Range& range) {
  auto decl = module_->outputs.find(name);
  if (decl == module_->outputs.end()) return Value::Unknown();
  Memo& m = outputs_[name];
  if (m.state == Memo::State::kBusy) {
    diags()->Error(range, "output \"" + name + "\" depends on itself (a cycle)");
    return Value::Unknown();
  }
  if (m.state == Memo::State::kDone) return m.value;
  m.state = Memo::State::kBusy;
  const hcl::Attribute* value = decl->second.body.Find("value");
  Value v = value != nullptr ? Eval(*value->expr) : Value::Null();
  if (const hcl::Attribute* s = decl->second.body.Find("sensitive");
      s != nullptr && s->expr->kind == hcl::ExprKind::kLiteral && s->expr->text == "true") {
    v.set_sensitive(true);
  }
  Memo& done = outputs_[name];
  done.value = std::move(v);
  done.state = Memo::State::kDone;
  return done.value;
}

}  // namespace iamlint::tf::internal
