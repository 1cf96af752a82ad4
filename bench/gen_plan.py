#!/usr/bin/env python3
"""Generates a realistic Terraform plan JSON of about SIZE megabytes.

It is shaped like `terraform show -json` of a plan in a big monorepo where little changes:
compact JSON (one line, as Terraform writes it) with planned_values, resource_changes (no-op
changes carry the values twice, before and after), prior_state (the state read before
planning) and the configuration (resource blocks with their expressions and references,
module calls). It holds Amplify apps wired as in the seed story, in modules (half broken:
the data policy on the service role and no compute role; half fixed), among ~100x as many
unrelated resources (S3 buckets, security groups, Lambda functions) with realistic
attributes. Deterministic for a given size.

usage: gen_plan.py SIZE_MB OUT.json
"""
import json
import sys

ACCOUNT = "123456789012"
PROVIDER = "registry.terraform.io/hashicorp/aws"


def dumps(v):
    return json.dumps(v, separators=(",", ":"))


def policy(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


TRUST = policy([{"Effect": "Allow", "Principal": {"Service": "amplify.amazonaws.com"},
                 "Action": "sts:AssumeRole"}])
APP_POLICY = policy([
    {"Sid": "DynamoDBAccess", "Effect": "Allow",
     "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan"],
     "Resource": "arn:aws:dynamodb:ap-northeast-1:*:table/my-app-*"},
    {"Sid": "S3Access", "Effect": "Allow",
     "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::my-app-*", "arn:aws:s3:::my-app-*/*"]}])


class Res:
    """One resource instance: its place, its values, how it appears in each section."""

    def __init__(self, module, rtype, name, values, index=None):
        self.module, self.type, self.name, self.values, self.index = (
            module, rtype, name, values, index)
        self.address = (f"{module}." if module else "") + f"{rtype}.{name}" + (
            f'["{index}"]' if index is not None else "")

    def head(self):
        r = {"address": self.address, "mode": "managed", "type": self.type, "name": self.name}
        if self.index is not None:
            r["index"] = self.index
        r["provider_name"] = PROVIDER
        return r

    def state(self):
        r = self.head()
        r["schema_version"] = 0
        r["values"] = self.values
        r["sensitive_values"] = sensitive(self.values)
        return r

    def change(self):
        r = {"address": self.address}
        if self.module:
            r["module_address"] = self.module
        r.update(self.head())
        r["change"] = {"actions": ["no-op"], "before": self.values, "after": self.values,
                       "after_unknown": {}, "before_sensitive": sensitive(self.values),
                       "after_sensitive": sensitive(self.values)}
        return r


def sensitive(values):
    """Terraform's sensitive_values mirror: nested blocks and maps, nothing sensitive."""
    out = {}
    for k, v in values.items():
        if isinstance(v, dict):
            out[k] = {}
        elif isinstance(v, list):
            out[k] = [{} if isinstance(x, dict) else False for x in v]
    return out


def app_module(i, broken):
    m = f'module.app_{"broken" if broken else "fixed"}["svc{i}"]'
    svc_arn = f"arn:aws:iam::{ACCOUNT}:role/service-role/AmplifySSRLoggingRole-{i:08d}"
    cmp_arn = f"arn:aws:iam::{ACCOUNT}:role/app{i}-compute"
    pol_arn = f"arn:aws:iam::{ACCOUNT}:policy/app{i}-data"
    out = [
        Res(m, "aws_iam_role", "service", {
            "name": f"AmplifySSRLoggingRole-{i:08d}", "path": "/service-role/", "arn": svc_arn,
            "assume_role_policy": TRUST, "description": "", "force_detach_policies": False,
            "id": f"AmplifySSRLoggingRole-{i:08d}", "inline_policy": [],
            "managed_policy_arns": [], "max_session_duration": 3600,
            "permissions_boundary": "", "tags": {"app": f"app{i}"},
            "tags_all": {"app": f"app{i}"}, "unique_id": f"AROA{i:017d}"}),
        Res(m, "aws_iam_policy", "data", {
            "name": f"app{i}-data", "arn": pol_arn, "description": "", "id": pol_arn,
            "path": "/", "policy": APP_POLICY, "policy_id": f"ANPA{i:017d}", "tags": {},
            "tags_all": {}}),
    ]
    app = {"name": f"app{i}", "platform": "WEB_COMPUTE", "iam_service_role_arn": svc_arn,
           "repository": f"https://github.com/example/app{i}",
           "arn": f"arn:aws:amplify:ap-northeast-1:{ACCOUNT}:apps/d{i:013d}",
           "id": f"d{i:013d}", "default_domain": f"d{i:013d}.amplifyapp.com",
           "enable_auto_branch_creation": False, "enable_branch_auto_build": False,
           "environment_variables": {"REGION": "ap-northeast-1"}, "tags": {}, "tags_all": {}}
    if broken:
        out.append(Res(m, "aws_iam_role_policy_attachment", "data", {
            "id": f"AmplifySSRLoggingRole-{i:08d}-{i}", "policy_arn": pol_arn,
            "role": f"AmplifySSRLoggingRole-{i:08d}"}))
    else:
        out.append(Res(m, "aws_iam_role", "compute", {
            "name": f"app{i}-compute", "path": "/", "arn": cmp_arn, "assume_role_policy": TRUST,
            "description": "", "force_detach_policies": False, "id": f"app{i}-compute",
            "inline_policy": [], "managed_policy_arns": [], "max_session_duration": 3600,
            "permissions_boundary": "", "tags": {}, "tags_all": {},
            "unique_id": f"AROB{i:017d}"}))
        out.append(Res(m, "aws_iam_role_policy_attachment", "data", {
            "id": f"app{i}-compute-{i}", "policy_arn": pol_arn, "role": f"app{i}-compute"}))
        app["compute_role_arn"] = cmp_arn
    out.append(Res(m, "aws_amplify_app", "this", app))
    return m, out


def filler(i):
    k = i % 3
    tags = {"team": "platform", "cost-center": str(1000 + i % 50), "managed-by": "terraform"}
    if k == 0:
        return Res("", "aws_s3_bucket", "logs", {
            "bucket": f"corp-logs-{i}", "arn": f"arn:aws:s3:::corp-logs-{i}",
            "bucket_domain_name": f"corp-logs-{i}.s3.amazonaws.com", "force_destroy": False,
            "hosted_zone_id": "Z2M4EHUR26P7ZW", "id": f"corp-logs-{i}",
            "object_lock_enabled": False, "region": "ap-northeast-1", "tags": tags,
            "tags_all": tags, "versioning": [{"enabled": True, "mfa_delete": False}]},
            index=str(i))
    if k == 1:
        return Res("", "aws_security_group", "svc", {
            "name": f"svc-{i}", "description": "managed by terraform",
            "arn": f"arn:aws:ec2:ap-northeast-1:{ACCOUNT}:security-group/sg-{i:017x}",
            "id": f"sg-{i:017x}", "egress": [], "owner_id": ACCOUNT,
            "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp",
                         "cidr_blocks": ["10.0.0.0/8"], "description": "https",
                         "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [],
                         "self": False}],
            "revoke_rules_on_delete": False, "tags": tags, "tags_all": tags,
            "vpc_id": "vpc-0abc1234def567890"}, index=str(i))
    return Res("", "aws_lambda_function", "worker", {
        "function_name": f"worker-{i}", "runtime": "nodejs20.x", "handler": "index.handler",
        "arn": f"arn:aws:lambda:ap-northeast-1:{ACCOUNT}:function:worker-{i}",
        "memory_size": 512, "timeout": 30, "publish": False, "architectures": ["arm64"],
        "role": f"arn:aws:iam::{ACCOUNT}:role/worker-{i % 10}",
        "environment": [{"variables": {"STAGE": "prod", "TABLE": f"my-app-{i}"}}],
        "tracing_config": [{"mode": "PassThrough"}], "tags": tags, "tags_all": tags},
        index=str(i))


def ref(*names):
    return {"references": list(names)}


def const(v):
    return {"constant_value": v}


def configuration():
    def block(rtype, name, expressions, for_each=None):
        b = {"address": f"{rtype}.{name}", "mode": "managed", "type": rtype, "name": name,
             "provider_config_key": "aws", "expressions": expressions, "schema_version": 0}
        if for_each:
            b["for_each_expression"] = ref(for_each)
        return b

    def app_config(broken):
        rs = [
            block("aws_iam_role", "service", {
                "name": ref("each.key"), "path": const("/service-role/"),
                "assume_role_policy": const(TRUST)}),
            block("aws_iam_policy", "data", {"name": ref("each.key"),
                                             "policy": const(APP_POLICY)}),
        ]
        app = {"name": ref("each.key"), "platform": const("WEB_COMPUTE"),
               "iam_service_role_arn": ref("aws_iam_role.service.arn", "aws_iam_role.service"),
               "repository": ref("each.value.repository")}
        role = "service" if broken else "compute"
        if not broken:
            rs.append(block("aws_iam_role", "compute", {"name": ref("each.key"),
                                                        "assume_role_policy": const(TRUST)}))
            app["compute_role_arn"] = ref("aws_iam_role.compute.arn", "aws_iam_role.compute")
        rs.append(block("aws_iam_role_policy_attachment", "data", {
            "role": ref(f"aws_iam_role.{role}.name", f"aws_iam_role.{role}"),
            "policy_arn": ref("aws_iam_policy.data.arn", "aws_iam_policy.data")}))
        rs.append(block("aws_amplify_app", "this", app))
        return {"source": "./modules/amplify-app", "for_each_expression": ref("local.apps"),
                "module": {"resources": rs, "variables": {"repository": {}}}}

    return {
        "provider_config": {"aws": {"name": "aws", "full_name": PROVIDER, "expressions": {
            "region": const("ap-northeast-1")}}},
        "root_module": {
            "resources": [
                block("aws_s3_bucket", "logs", {"bucket": ref("each.key"),
                                                "tags": ref("local.tags")}, "local.buckets"),
                block("aws_security_group", "svc", {"name": ref("each.key"),
                                                    "vpc_id": const("vpc-0abc1234def567890")},
                      "local.services"),
                block("aws_lambda_function", "worker", {"function_name": ref("each.key"),
                                                        "runtime": const("nodejs20.x")},
                      "local.workers"),
            ],
            "module_calls": {"app_broken": app_config(True), "app_fixed": app_config(False)},
        },
    }


def main():
    target = int(float(sys.argv[1]) * 1024 * 1024)
    root, modules = [], {}
    approx, i = 0, 0
    # Each resource is written four times: planned_values, before and after in
    # resource_changes, prior_state.
    while approx < target:
        if i % 100 == 0:
            m, rs = app_module(i // 100, broken=(i // 100) % 2 == 0)
            modules[m] = rs
            approx += sum(4 * len(dumps(r.values)) + 900 for r in rs)
        r = filler(i)
        root.append(r)
        approx += 4 * len(dumps(r.values)) + 900
        i += 1

    def module_tree(section):
        w("{\"root_module\":{\"resources\":[")
        for n, r in enumerate(root):
            w(("," if n else "") + dumps(section(r)))
        w("],\"child_modules\":[")
        for n, (m, rs) in enumerate(modules.items()):
            w(("," if n else "") + "{\"resources\":[" + ",".join(dumps(section(r)) for r in rs) +
              "],\"address\":" + dumps(m) + "}")
        w("]}}")

    with open(sys.argv[2], "w") as f:
        w = f.write
        w("{\"format_version\":\"1.2\",\"terraform_version\":\"1.11.4\",\"planned_values\":")
        module_tree(Res.state)
        w(",\"resource_changes\":[")
        everything = root + [r for rs in modules.values() for r in rs]
        for n, r in enumerate(everything):
            w(("," if n else "") + dumps(r.change()))
        w("],\"prior_state\":{\"format_version\":\"1.0\",\"terraform_version\":\"1.11.4\","
          "\"values\":")
        module_tree(Res.state)
        w("},\"configuration\":" + dumps(configuration()))
        w(",\"timestamp\":\"2025-01-01T00:00:00Z\",\"applyable\":false,\"complete\":true,"
          "\"errored\":false}")


if __name__ == "__main__":
    main()
