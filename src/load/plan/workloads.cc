// PlanBuilder: workloads -- code that runs with AWS credentials (issue 14). This file holds
// what they share (the role a workload names, environment maps inside nested blocks) and the
// ECS task definitions with their containers; workloads_compute.cc holds Lambda functions,
// EC2 instances and launch templates with their instance profiles, and CodeBuild projects.
//
// Unknown stays unknown: a role, a container definition or an environment known only at
// apply is recorded as such (with the references the configuration shows), never guessed.
#include <utility>

#include "load/plan/builder.h"

namespace iamlint::plan {
namespace {

Known<std::string> KnownIfSet(const std::string& s) {
  return s.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(s);
}

/// Reads the containers of one parsed `container_definitions` text. Everything in it is
/// located at the attribute's line (the text is one string of the plan), with a pointer that
/// continues into the text: `.../container_definitions/0/environment/2`.
class ContainerReader {
 public:
  ContainerReader(const PlanInput& input, std::string pointer, size_t offset)
      : input_(input), pointer_(std::move(pointer)), offset_(offset) {}

  Container Read(const Value& def, size_t index) const {
    const ScopeBuilder::LocateFn locate = [this](const std::string& at, const Value& /*node*/) {
      return input_.Loc(at, offset_);
    };
    return ScopeBuilder::ContainerFromJson(def, json::PointerAppend(pointer_, index), locate);
  }

 private:
  const PlanInput& input_;
  std::string pointer_;
  size_t offset_;
};

}  // namespace

/// Instance profiles first (the EC2 workloads link to them), then every workload.
void PlanBuilder::AddWorkloads() {
  for (const auto& in : index_.instances) {
    if (in.managed() && in.type == "aws_iam_instance_profile") AddInstanceProfile(in);
  }
  for (const auto& in : index_.instances) {
    if (!in.managed()) continue;
    if (in.type == "aws_ecs_task_definition") AddEcsTask(in);
    if (in.type == "aws_lambda_function") AddLambda(in);
    if (in.type == "aws_instance") AddEc2(in, false);
    if (in.type == "aws_launch_template") AddEc2(in, true);
    if (in.type == "aws_codebuild_project") AddCodeBuild(in);
  }
}

/// The role attribute `attr` of a workload names: as ResolveRole, and a known value that is
/// a role's name rather than its ARN (`aws_iam_role.r.name`, which Terraform knows at plan
/// time, so the configuration's reference is not needed) finds the role by that name.
RoleRef PlanBuilder::WorkloadRole(const Instance& in, std::string_view attr) const {
  RoleRef ref = ResolveRole(in, attr);
  if (const Value* v = KnownAttr(in, attr); v != nullptr) {
    ref.loc = input_.Loc(json::PointerAppend(in.values_pointer(), attr), v->offset());
  }
  if (ref.state != RoleRef::State::kExternal || ref.arn.find(":role/") != std::string::npos) {
    return ref;
  }
  if (int idx = RoleByArnOrName("", ref.arn); idx >= 0) {
    ref.state = RoleRef::State::kResolved;
    ref.role = idx;
    ref.destroyed = -1;
  }
  return ref;
}

/// Environment variables in a map `inner` of the first `block` of an instance (Lambda's
/// `environment { variables = {...} }`), at `pointer`, with what is unknown and where it
/// comes from. `*known` is set false when the whole map is known only at apply.
std::vector<EnvVar> PlanBuilder::NestedEnv(const Instance& in, std::string_view block,
                                           std::string_view inner, bool* known) const {
  const std::string pointer = json::PointerAppend(
      json::PointerAppend(json::PointerAppend(in.values_pointer(), block), 0), inner);
  const Value* blocks = input_.ShapedAttr(in, block, Want::kArray);
  const Value* first = blocks != nullptr ? blocks->At(0) : nullptr;
  const Value* vars = first != nullptr && first->IsObject() ? first->Find(inner) : nullptr;
  if (vars != nullptr && !input_.Shaped(*vars, Want::kObject, pointer)) vars = nullptr;
  const Value* unk_block = in.after_unknown != nullptr ? in.after_unknown->Find(block) : nullptr;
  const Value* unk_first = unk_block != nullptr ? unk_block->At(0) : nullptr;
  const Value* unk = unk_first != nullptr ? unk_first->Find(inner) : nullptr;
  const bool whole_unknown = (unk_block != nullptr && unk_block->IsBool() && unk_block->AsBool()) ||
                             (unk != nullptr && unk->IsBool() && unk->AsBool());
  std::vector<EnvVar> out = EnvOf(in, "", vars, pointer);
  std::vector<size_t> unknown;
  if (vars != nullptr && unk != nullptr && unk->IsObject()) {
    for (const auto& m : unk->members()) {
      if (!m.value->IsBool() || !m.value->AsBool() || vars->Find(m.key) != nullptr) continue;
      EnvVar e;
      e.name = m.key;
      e.value_known = false;
      e.loc = input_.Loc(json::PointerAppend(pointer, m.key), vars->offset());
      unknown.push_back(out.size());
      out.push_back(std::move(e));
    }
  }
  if (whole_unknown) *known = false;
  if (!whole_unknown && unknown.empty()) return out;
  const Value* e = refs_.Expression(in, block);
  const Value* e_first = e != nullptr ? e->At(0) : nullptr;
  const std::vector<std::string> refs = refs_.AttributeReferences(
      e_first != nullptr ? e_first->Find(inner) : nullptr, in.module, in.key);
  if (!whole_unknown && unknown.size() == 1 && refs.size() == 1) {
    out[unknown[0]].source_reference = refs[0];
    return out;
  }
  for (const auto& r : refs) {
    EnvVar v;
    v.value_known = false;
    v.source_reference = r;
    v.loc = input_.Loc(pointer, vars != nullptr ? vars->offset() : in.offset);
    out.push_back(std::move(v));
  }
  return out;
}

/// An aws_ecs_task_definition: the task role (what the containers' code runs as), the task
/// execution role (what the ECS agent uses to pull images, write logs and fetch secrets), and
/// the containers of `container_definitions`.
void PlanBuilder::AddEcsTask(const Instance& in) {
  Workload w;
  w.platform = Workload::Platform::kEcs;
  w.display = in.address;
  w.loc = Loc(in);
  w.name = KnownIfSet(StringAttr(in, "family"));
  w.arn = KnownIfSet(StringAttr(in, "arn"));
  w.runtime_role = WorkloadRole(in, "task_role_arn");
  w.platform_role = WorkloadRole(in, "execution_role_arn");
  ReadContainers(in, &w);
  // requires_compatibilities: a set of launch types; none set means EC2 only.
  if (!IsUnknown(in.after_unknown, "requires_compatibilities")) {
    w.fargate = ScopeBuilder::FargateFrom(KnownAttr(in, "requires_compatibilities"));
  }
  scope_->workloads.push_back(std::move(w));
}

/// `container_definitions`: a JSON text (a list of container objects). Unknown until apply
/// (a value in it is): the containers are not known. Known but no such list: a located
/// input error, and nothing about the containers is concluded.
void PlanBuilder::ReadContainers(const Instance& in, Workload* w) {
  static constexpr std::string_view kAttr = "container_definitions";
  const std::string pointer = json::PointerAppend(in.values_pointer(), kAttr);
  const Value* v = KnownAttr(in, kAttr);
  if (v == nullptr) {
    // Not set (the provider requires it) or unknown: either way the containers are not seen.
    w->definition_known = false;
    return;
  }
  if (!input_.Shaped(*v, Want::kString, pointer)) {
    w->definition_known = false;
    return;
  }
  json::Document doc;
  json::ParseError err;
  if (!json::Parse(v->str(), &doc, &err)) {
    input_.Error(v, pointer,
                 "container_definitions is not JSON (line " + std::to_string(err.line) +
                     ", column " + std::to_string(err.column) + " of the text: " + err.message +
                     "); its containers were not checked");
    w->definition_known = false;
    return;
  }
  if (!doc.root().IsArray()) {
    input_.Error(v, pointer,
                 "container_definitions is not a list of containers but " +
                     json::TypeNameWithArticle(doc.root().type()) +
                     "; its containers were not checked");
    w->definition_known = false;
    return;
  }
  const ContainerReader reader(input_, pointer, v->offset());
  for (size_t i = 0; i < doc.root().items().size(); ++i) {
    const Value& def = doc.root().items()[i];
    if (!def.IsObject()) {
      input_.Error(v, json::PointerAppend(pointer, i),
                   "a container definition is " + json::TypeNameWithArticle(def.type()) +
                       ", not an object; it was not checked");
      w->definition_known = false;
      continue;
    }
    w->containers.push_back(reader.Read(def, i));
  }
}

}  // namespace iamlint::plan
