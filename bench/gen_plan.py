#!/usr/bin/env python3
"""Generates a realistic Terraform plan JSON of about SIZE megabytes.

It holds Amplify apps wired as in the seed story (half broken: data policy on the
service role and no compute role; half fixed), inside modules, among ~100x as many
unrelated resources (S3 buckets, security groups, Lambda functions) with realistic
attributes. Deterministic for a given size.

usage: gen_plan.py SIZE_MB OUT.json
"""
import json
import sys


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


def res(module, rtype, name, values, index=None):
    addr = f"{rtype}.{name}" + (f'["{index}"]' if index is not None else "")
    if module:
        addr = f"{module}.{addr}"
    r = {"address": addr, "mode": "managed", "type": rtype, "name": name,
         "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
         "values": values, "sensitive_values": {}}
    if index is not None:
        r["index"] = index
    return r


def app_module(i, broken):
    m = f'module.app["svc{i}"]'
    acct = "123456789012"
    svc_arn = f"arn:aws:iam::{acct}:role/service-role/AmplifySSRLoggingRole-{i:08d}"
    cmp_arn = f"arn:aws:iam::{acct}:role/app{i}-compute"
    pol_arn = f"arn:aws:iam::{acct}:policy/app{i}-data"
    out = [
        res(m, "aws_iam_role", "service", {"name": f"AmplifySSRLoggingRole-{i:08d}", "path": "/service-role/",
                                           "arn": svc_arn, "assume_role_policy": TRUST, "tags": {"app": f"app{i}"}}),
        res(m, "aws_iam_policy", "data", {"name": f"app{i}-data", "arn": pol_arn, "policy": APP_POLICY}),
    ]
    app = {"name": f"app{i}", "platform": "WEB_COMPUTE", "iam_service_role_arn": svc_arn,
           "repository": f"https://github.com/example/app{i}", "environment_variables": {"REGION": "ap-northeast-1"}}
    if broken:
        out.append(res(m, "aws_iam_role_policy_attachment", "data",
                       {"role": f"AmplifySSRLoggingRole-{i:08d}", "policy_arn": pol_arn}))
    else:
        out.append(res(m, "aws_iam_role", "compute", {"name": f"app{i}-compute", "arn": cmp_arn,
                                                      "assume_role_policy": TRUST}))
        out.append(res(m, "aws_iam_role_policy_attachment", "data",
                       {"role": f"app{i}-compute", "policy_arn": pol_arn}))
        app["compute_role_arn"] = cmp_arn
    out.append(res(m, "aws_amplify_app", "this", app))
    return m, out


def filler(i):
    k = i % 3
    if k == 0:
        return res("", "aws_s3_bucket", "logs", {"bucket": f"corp-logs-{i}", "force_destroy": False,
                   "tags": {"team": "platform", "cost-center": str(1000 + i % 50)},
                   "versioning": [{"enabled": True, "mfa_delete": False}]}, index=str(i))
    if k == 1:
        return res("", "aws_security_group", "svc", {"name": f"svc-{i}", "description": "managed by terraform",
                   "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"],
                                "description": "https", "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                                "security_groups": [], "self": False}],
                   "vpc_id": "vpc-0abc1234def567890"}, index=str(i))
    return res("", "aws_lambda_function", "worker", {"function_name": f"worker-{i}", "runtime": "nodejs20.x",
               "handler": "index.handler", "memory_size": 512, "timeout": 30,
               "environment": [{"variables": {"STAGE": "prod", "TABLE": f"my-app-{i}"}}]}, index=str(i))


def main():
    size_mb = float(sys.argv[1])
    target = int(size_mb * 1024 * 1024)
    modules = {}
    root = []
    approx = 0
    i = 0
    while approx < target:
        if i % 100 == 0:
            m, rs = app_module(i // 100, broken=(i // 100) % 2 == 0)
            modules[m] = rs
            approx += sum(len(json.dumps(r)) for r in rs)
        r = filler(i)
        root.append(r)
        approx += len(json.dumps(r)) + 40
        i += 1
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.11.4",
        "planned_values": {"root_module": {"resources": root, "child_modules": [
            {"address": m, "resources": rs} for m, rs in modules.items()]}},
        "resource_changes": [],
        "configuration": {"root_module": {}},
    }
    with open(sys.argv[2], "w") as f:
        json.dump(plan, f, indent=1)


if __name__ == "__main__":
    main()
