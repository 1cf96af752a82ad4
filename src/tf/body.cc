// A block's body to a value: attributes, nested blocks (lists of maps, as a plan shows them)
// and `dynamic` blocks expanded; meta-arguments left out.
#include <set>
#include <utility>

#include "hcl/hcl.h"
#include "tf/config_internal.h"

namespace iamlint::tf::internal {
namespace {

bool IsMetaAttribute(const std::string& name) {
  return name == "count" || name == "for_each" || name == "provider" || name == "depends_on";
}

bool IsMetaBlock(const std::string& type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

/// In Terraform's JSON syntax only a schema tells a nested block from an object attribute;
/// these are the nested block types of the resources iamlint reads.
bool IsJsonBlockType(const std::string& name) {
  static const char* const kBlocks[] = {
      "statement",   "principals",    "not_principals",
      "condition",   "inline_policy", "auto_branch_creation_config",
      "custom_rule", "environment",   "environment_variable",
      "dynamic",
  };
  for (const char* b : kBlocks) {
    if (name == b) return true;
  }
  return false;
}

class BodyEvaluator {
 public:
  BodyEvaluator(Evaluator* ev, std::map<std::string, hcl::Range>* places, Diagnostics* diags)
      : ev_(ev), places_(places), diags_(diags) {}

  Value Body(const MergedBody& body, const std::map<std::string, Value>& bindings,
             const std::string& path) {
    std::map<std::string, Value> members;
    std::vector<const hcl::Block*> blocks = body.blocks;
    std::vector<hcl::Block> from_json;  // nested blocks written as JSON attributes
    from_json.reserve(body.attributes.size());
    for (const hcl::Attribute* a : body.attributes) {
      if (path.empty() && IsMetaAttribute(a->name)) continue;
      if (body.from_json && IsJsonBlockType(a->name)) {
        std::vector<hcl::Block> got;
        hcl::Error err;
        const size_t labels = a->name == "dynamic" ? 1 : 0;
        if (hcl::JsonBlocks(*a, labels, &got, &err)) {
          for (auto& b : got) from_json.push_back(std::move(b));
          continue;
        }
      }
      members[a->name] = ev_->EvalWith(*a->expr, bindings);
      (*places_)[path + a->name] = a->range;
      MemberPlaces(*a->expr, path + a->name + "/");
    }
    for (const auto& b : from_json) blocks.push_back(&b);
    for (const hcl::Block* b : blocks) {
      if (path.empty() && IsMetaBlock(b->type)) continue;
      if (b->type == "dynamic") {
        Dynamic(*b, bindings, path, &members);
      } else {
        Nested(*b, BodyOf(b->body), b->type, bindings, path, &members);
      }
    }
    return Value::Map(std::move(members));
  }

 private:
  /// Where each member of an object written out is (`environment_variables = { KEY = ... }`):
  /// a finding on one variable points at its line.
  void MemberPlaces(const hcl::Expr& e, const std::string& prefix) {
    if (e.kind != hcl::ExprKind::kObject) return;
    for (const auto& m : e.members) {
      const std::string* key = m.key != nullptr ? m.key->LiteralText() : nullptr;
      if (key != nullptr && key->find_first_of("/~") == std::string::npos) {
        (*places_)[prefix + *key] = m.key->range;
      }
    }
  }

  /// Appends one nested block of `type` to members[type].
  void Nested(const hcl::Block& b, const MergedBody& body, const std::string& type,
              const std::map<std::string, Value>& bindings, const std::string& path,
              std::map<std::string, Value>* members) {
    Value& list = (*members)[type];
    if (list.IsUnknown()) return;  // a dynamic block of this type already made it unknown
    if (!list.IsList()) list = Value::List({});
    const std::string here = path + type + "/" + std::to_string(list.items().size());
    (*places_)[here] = b.range;
    Value v = Body(body, bindings, here + "/");
    (*members)[type].mutable_items().push_back(std::move(v));
  }

  void Dynamic(const hcl::Block& b, const std::map<std::string, Value>& bindings,
               const std::string& path, std::map<std::string, Value>* members) {
    if (b.labels.size() != 1) return;
    const std::string& type = b.labels[0];
    const MergedBody body = BodyOf(b.body);
    const hcl::Attribute* for_each = body.Find("for_each");
    const hcl::Block* content = nullptr;
    for (const hcl::Block* c : body.blocks) {
      if (c->type == "content") content = c;
    }
    if (for_each == nullptr || content == nullptr) {
      diags_->Error(b.type_range, "a dynamic block needs for_each and a content block");
      return;
    }
    std::string iterator = type;
    if (const hcl::Attribute* it = body.Find("iterator");
        it != nullptr && it->expr->kind == hcl::ExprKind::kVariable) {
      iterator = it->expr->text;
    }
    Value coll = ev_->EvalWith(*for_each->expr, bindings);
    if (!coll.WhollyKnown() && !(coll.IsList() || coll.IsMap())) {
      (*members)[type] = Value::Unknown(coll.AllOrigins());
      (*places_)[path + type] = b.range;
      return;
    }
    std::vector<std::pair<Value, Value>> items;  // key, value
    if (coll.IsList()) {
      for (size_t i = 0; i < coll.items().size(); ++i) {
        items.emplace_back(Value::Number(static_cast<double>(i)), coll.items()[i]);
      }
    } else if (coll.IsMap()) {
      for (const auto& [k, v] : coll.members()) items.emplace_back(Value::String(k), v);
    } else if (!coll.IsNull()) {
      diags_->Error(for_each->range, "a dynamic block's for_each must be a collection, not " +
                                         std::string(coll.TypeName()));
      return;
    }
    const MergedBody content_body = BodyOf(content->body);
    for (auto& [key, value] : items) {
      std::map<std::string, Value> inner = bindings;
      inner[iterator] = Value::Map({{"key", key}, {"value", value}});
      Nested(*content, content_body, type, inner, path, members);
    }
  }

  Evaluator* ev_;
  std::map<std::string, hcl::Range>* places_;
  Diagnostics* diags_;
};

}  // namespace

Value EvalBody(Evaluator* ev, const MergedBody& body, const std::map<std::string, Value>& bindings,
               const std::string& path, std::map<std::string, hcl::Range>* places,
               Diagnostics* diags) {
  return BodyEvaluator(ev, places, diags).Body(body, bindings, path);
}

bool ForEachItems(const Value& collection, const hcl::Range& range, Diagnostics* diags,
                  std::vector<ForEachItem>* out, bool* unknown) {
  *unknown = false;
  if (collection.IsUnknown()) {
    *unknown = true;
    return true;
  }
  if (collection.IsMap()) {
    for (const auto& [k, v] : collection.members()) {
      out->push_back({QuoteKey(k), Value::String(k), v});
    }
    return true;
  }
  if (collection.IsList()) {
    std::set<std::string> seen;  // (a list of strings is read as the set toset() makes)
    for (const auto& item : collection.items()) {
      if (item.IsUnknown()) {
        *unknown = true;
        return true;
      }
      if (!item.IsString()) {
        diags->Error(range, "for_each over a set holds strings only, not " +
                                std::string(item.TypeName()) + " values");
        return false;
      }
      if (seen.insert(item.str()).second) out->push_back({QuoteKey(item.str()), item, item});
    }
    return true;
  }
  diags->Error(
      range, "for_each takes a map or a set of strings, not " + std::string(collection.TypeName()));
  return false;
}

}  // namespace iamlint::tf::internal
