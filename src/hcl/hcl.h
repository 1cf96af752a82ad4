// Reading HCL: the native syntax (`.tf`, `.tofu`, `.tfvars`) and Terraform's JSON configuration
// syntax (`.tf.json`, `.tfvars.json`), into the tree of ast.h.
//
//   hcl::File file;
//   hcl::Error err;
//   if (!hcl::ParseConfig(text, "main.tf", &file, &err)) { ... err.ToString() ... }
//   for (const hcl::Block& b : file.body.blocks) { ... b.type, b.labels, b.range.begin.line ... }
//
// The parser follows the HCL native syntax specification. It stops at the first syntax error,
// which is located (line, column). Input is untrusted: invalid UTF-8 is an error, nesting is
// limited (ParseOptions::max_depth) so no input overflows the stack, numbers are kept as text,
// and time and memory grow linearly with the input.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.h"

namespace iamlint::hcl {

struct ParseOptions {
  /// Brackets, blocks, templates and operator chains nested deeper than this are an error.
  size_t max_depth = 256;
};

/// Parses a native-syntax configuration file. On failure fills `err` and returns false.
bool ParseConfig(std::string_view text, const std::string& file_name, File* out, Error* err,
                 const ParseOptions& options = ParseOptions());

/// Parses a Terraform JSON configuration file: the root object's members are block types
/// (`resource`, `data`: two labels; `module`, `variable`, `output`, `provider`, `check`: one;
/// `locals`, `terraform`, `moved`, `import`, `removed`: none) whose nested objects give the
/// labels; `locals` and a `.tfvars.json` file (`tfvars` true) are attributes. Inside a block,
/// the meta-blocks Terraform knows without a provider schema (`lifecycle`, `provisioner`,
/// `connection`, `dynamic`/`content`, `backend`, `required_providers`, `validation`...) are
/// blocks; every other member is an attribute (see JsonBlocks()). Strings are templates
/// (`"${var.x}"`); members named `//` are comments.
bool ParseJsonConfig(std::string_view text, const std::string& file_name, File* out, Error* err,
                     bool tfvars = false, const ParseOptions& options = ParseOptions());

/// By the file name: JSON for names ending in `.json`, native syntax otherwise.
bool ParseAny(std::string_view text, const std::string& file_name, File* out, Error* err,
              const ParseOptions& options = ParseOptions());

/// A standalone expression or template, with the name its ranges point at.
struct ParsedExpr {
  std::shared_ptr<const std::string> name;
  ExprPtr expr;
};

/// One expression (e.g. a `--var` value, or a JSON string Terraform reads as an expression such
/// as `depends_on`), surrounded by optional whitespace and newlines.
bool ParseExpression(std::string_view text, const std::string& file_name, ParsedExpr* out,
                     Error* err, const ParseOptions& options = ParseOptions());

/// A whole text as a template (the contents of a `templatefile` file): literal text with
/// `${...}` and `%{...}` sequences, no quotes, no backslash escapes.
bool ParseTemplate(std::string_view text, const std::string& file_name, ParsedExpr* out, Error* err,
                   const ParseOptions& options = ParseOptions());

/// For a JSON-syntax attribute that a schema says is a nested block type: its value read as
/// blocks of that type with `label_count` labels (an object, or a tuple of objects, per
/// label level as Terraform's JSON rules say). False, with `err` located at the value, when
/// it does not have that shape.
bool JsonBlocks(const Attribute& attribute, size_t label_count, std::vector<Block>* out,
                Error* err);

}  // namespace iamlint::hcl
