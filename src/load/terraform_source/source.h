// Terraform source (`.tf` folders) into the model, without a plan.
//
// A root module is evaluated (tf/config.h) into the resource instances its plan would show;
// those are handed to the plan loader as the plan document they stand for (same builder, same
// rules, same addresses), with each unknown value's origins as resolved references; then
// every location of the model is moved from that document to the `.tf` file, line and column
// where the attribute or block is written, with a pointer that names its place in the file's
// structure (`/resource/aws_iam_role/app/inline_policy/0/policy`).
#pragma once

#include <string>
#include <vector>

#include "core/load_error.h"
#include "model/model.h"
#include "tf/config.h"

namespace iamlint {

/// Evaluates the root module `options.dir` into `scope`. Syntax errors, Terraform errors and
/// evaluation errors are located input errors; `notes` gets what iamlint did not follow
/// (a function it does not evaluate, a module not installed). `files` gets every file read;
/// `unsure` the addresses of instances that may not exist (their count / for_each, or a module
/// call's above them, is unknown).
void LoadTerraformRoot(const tf::RootOptions& options, Scope* scope, std::vector<LoadError>* errors,
                       std::vector<LoadError>* notes, std::vector<std::string>* files,
                       std::vector<std::string>* unsure);

}  // namespace iamlint
