// libFuzzer target: the Terraform expression evaluator (src/tf/eval.h) on arbitrary bytes.
// The input is parsed as an expression and as a configuration, and every expression found is
// evaluated with a resolver that answers any name with an unknown value, a string or a small
// resource-like map. Besides not crashing: every value stays within the limits, an unknown
// value never sits where ToJson would write text, and errors are located.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/hcl.h"
#include "tf/eval.h"
#include "tf/value.h"

namespace {

using iamlint::hcl::Body;
using iamlint::tf::Diagnostics;
using iamlint::tf::Origin;
using iamlint::tf::Value;

void Check(bool ok) {
  if (!ok) std::abort();
}

class AnyNames : public iamlint::tf::Resolver {
 public:
  bool Resolve(const std::string& root, const std::vector<std::string>& names,
               const iamlint::hcl::Range& range, Value* out, size_t* consumed,
               Diagnostics* diags) override {
    if (root == "undeclared") {
      diags->Error(range, "undeclared");
      return false;
    }
    const std::string key = names.empty() ? root : root + "." + names[0];
    const size_t h = std::hash<std::string>()(key);
    *consumed = names.empty() ? 0 : 1;
    switch (h % 4) {
      case 0:
        *out = Value::Unknown({Origin{key, ""}});
        break;
      case 1:
        *out = Value::String(key);
        break;
      case 2:
        *out = Value::List({Value::Number(1), Value::String("a"), Value::Null()});
        break;
      default: {
        Value m = Value::Map({{"name", Value::String("n")},
                              {"tags", Value::Map({{"a", Value::String("b")}})},
                              {"list", Value::List({Value::Number(2), Value::Bool(true)})}});
        m.set_resource(key);
        if (h % 8 == 7) m.set_sensitive(true);
        *out = m;
      }
    }
    return true;
  }

  bool ReadFile(const std::string& path, const iamlint::hcl::Range& range, std::string* text,
                Diagnostics* diags) override {
    if (path.size() > 6 && path.compare(path.size() - 6, 6, ".tftpl") == 0) {
      *text = "%{ for k, v in vars }${k}=${v}\n%{ endfor }${jsonencode(vars)}";
      return true;
    }
    diags->Note(range, "no file");
    return false;
  }
};

iamlint::tf::Limits FuzzLimits() {
  iamlint::tf::Limits l;
  l.max_nodes = 1 << 14;
  l.max_steps = 1 << 20;
  l.max_depth = 128;
  return l;
}

void EvalOne(const iamlint::hcl::Expr& e, size_t size) {
  AnyNames names;
  Diagnostics diags;
  const iamlint::tf::Limits limits = FuzzLimits();
  iamlint::tf::Evaluator ev(&names, &diags, limits);
  Value v = ev.Eval(e);
  Value w = ev.EvalWith(e, {{"each", Value::Map({{"key", Value::String("k")}})}});
  for (const Value* x : {&v, &w}) {
    // Values the evaluator built stay within its limit (the resolver's own are small).
    Check(x->NodeCount() <= limits.max_nodes + 64);
    std::string json;
    const bool known = x->WhollyKnown();
    Check(iamlint::tf::ToJson(*x, &json) == known);
    if (known) {
      Value back;
      std::string error;
      Check(iamlint::tf::FromJson(json, &back, &error));
    }
    (void)x->Debug();
    (void)x->AllOrigins();
  }
  for (const auto& d : diags.items) {
    Check(!d.message.empty() && d.pos.offset <= size);
  }
}

void EvalBody(const Body& body, size_t size) {
  for (const auto& a : body.attributes) EvalOne(*a.expr, size);
  for (const auto& b : body.blocks) EvalBody(b.body, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  iamlint::hcl::Error err;
  iamlint::hcl::ParsedExpr expr;
  if (iamlint::hcl::ParseExpression(text, "f.expr", &expr, &err)) EvalOne(*expr.expr, size);
  iamlint::hcl::File file;
  if (iamlint::hcl::ParseConfig(text, "f.tf", &file, &err)) EvalBody(file.body, size);
  if (iamlint::hcl::ParseTemplate(text, "f.tftpl", &expr, &err)) EvalOne(*expr.expr, size);
  return 0;
}
