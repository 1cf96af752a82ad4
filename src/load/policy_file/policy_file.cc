// A standalone IAM policy document (JSON or YAML): one scope holding the document alone.
#include "load/loaders.h"

namespace iamlint {

void LoadPolicyFile(const InputFile& in, Scope* scope) {
  scope->kind = Scope::Kind::kPolicyFile;
  scope->name = in.path;
  Location loc{in.path, "", in.doc.LineOf(in.doc.root().offset())};
  PolicyDocument pd = PolicyFromJson(in.doc.root(), loc, &in.doc.lines());
  scope->documents.push_back(std::move(pd));
}

}  // namespace iamlint
