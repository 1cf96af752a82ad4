// CloudFormation templates (JSON, or YAML with short-form tags already turned into their long
// forms by the YAML reader), including CDK-synthesised templates and SAM: Amplify apps and
// branches, IAM roles and their policies, linked through Ref / Fn::GetAtt / Fn::Sub.
//
// Intrinsic functions are evaluated as far as the template alone allows: parameters with
// defaults, mappings, pseudo parameters that are fixed (AWS::Partition, AWS::URLSuffix).
// Inside a string built by Fn::Sub or Fn::Join, a part that cannot be known (the account, the
// region, another resource's attribute) becomes `*`, as a pattern over every value it may take;
// a whole value that cannot be known is unknown, never a violation. Fn::If is read on both
// branches: where they differ, the value is unknown.
//
// The files of this folder: template (the parts as written), evaluator and intrinsics (the
// values of expressions), documents (policy documents), builder and amplify (the model).
#include <exception>

#include "load/cloudformation/builder.h"
#include "load/cloudformation/evaluator.h"
#include "load/cloudformation/template.h"
#include "load/loaders.h"

namespace iamlint {

void LoadCloudFormation(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  // Nothing here is meant to throw; should something still (memory, a bug), the template is
  // an input error naming the file, never a crash and never a silent pass.
  try {
    scope->kind = Scope::Kind::kCloudFormation;
    scope->name = in.path;
    cfn::Template t(in, errors);
    if (!t.Read()) return;
    const cfn::Evaluator ev(t);
    cfn::ModelBuilder(t, ev, scope).Build();
  } catch (const std::exception& e) {
    errors->push_back({in.path, 0, "", std::string("could not read this template: ") + e.what()});
  }
}

}  // namespace iamlint
