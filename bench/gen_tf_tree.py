#!/usr/bin/env python3
"""Generates a big, realistic Terraform monorepo for the `.tf` source benchmark.

The tree is shaped like a platform team's infrastructure repository:

  modules/<name>/                 shared modules (the collection in fixtures/tf-modules/modules:
                                  iam-role, iam-policy, s3-bucket, lambda-function, ecs-service,
                                  amplify-app), copied in unchanged
  services/<svc>/module/          one module per service (main.tf, iam.tf, variables.tf,
                                  outputs.tf), calling the shared modules by local source
  services/<svc>/envs/<env>/      one root per environment and service (versions.tf with the
                                  backend and providers, variables.tf, locals.tf, main.tf, iam.tf,
                                  outputs.tf, terraform.tfvars), calling ../../module

Services come in three kinds, in turn: `web` (an Amplify SSR app with its service role and
compute role), `api` (an ECS Fargate service with its task and execution roles) and `worker`
(Lambda functions fed by SQS). Roots hold DynamoDB tables (for_each over a map), SQS queues,
buckets, IAM roles and policies written every way people write them (jsonencode with for
expressions, data "aws_iam_policy_document" with dynamic statements, heredoc JSON), variables
with validation and optional() attributes, count and for_each, dynamic blocks, tfvars. As in a
real repository a few things are wrong on purpose: in every third web service the dev
environment still has its data policy on the Amplify service role and no compute role
(AMP001/AMP002), and in every fifth api service the task role may send to every queue
(Resource "*", IAM008).

All output is `terraform fmt` clean. Deterministic for a given scale: the same bytes every run.
At scale 1 there are 45 services x 5 environments = 225 roots, about 1,800 files and 5 MB;
the number of services (and so files and bytes) grows linearly with the scale.

usage: gen_tf_tree.py [--scale S] OUT_DIR      (OUT_DIR must not exist, or be empty)
"""
import argparse
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_MODULES = os.path.join(HERE, "..", "fixtures", "tf-modules", "modules")
ENVIRONMENTS = ["dev", "stg", "prod", "prod-us", "sandbox"]
REGIONS = {"dev": "ap-northeast-1", "stg": "ap-northeast-1", "prod": "ap-northeast-1",
           "prod-us": "us-east-1", "sandbox": "ap-northeast-1"}
ACCOUNTS = {"dev": "123456789012", "stg": "123456789012", "prod": "210987654321",
            "prod-us": "210987654321", "sandbox": "444455556666"}
KINDS = ["web", "api", "worker"]
WORDS = ["orders", "billing", "catalog", "search", "profile", "checkout", "inventory",
         "payments", "reviews", "shipping", "loyalty", "coupons", "media", "notify",
         "reports", "ledger", "auth", "sessions", "carts", "returns", "pricing", "vendors",
         "wishlist", "gifting", "tax", "fraud", "audit", "exports", "imports", "feeds"]
ATTR_NAMES = ["pk", "sk", "gsi1pk", "gsi1sk", "tenant", "status", "created_at"]


def q(s):
    """An HCL quoted string (the generator only makes strings that need no escapes)."""
    return '"' + s + '"'


def hlist(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def align(lines):
    """Aligns the `=` of consecutive single-line `key = value` lines as terraform fmt does.

    Each entry is (indent, key, value) for an attribute, or a raw string (a line copied as it
    is, which ends the group: blank lines, block headers, multi-line attribute openings)."""
    out, group = [], []

    def flush():
        if group:
            width = max(len(k) for _, k, _ in group)
            for ind, k, v in group:
                out.append(" " * ind + k.ljust(width) + " = " + v)
            group.clear()

    for entry in lines:
        if isinstance(entry, tuple):
            if group and group[0][0] != entry[0]:
                flush()
            group.append(entry)
        else:
            flush()
            out.append(entry)
    flush()
    return "\n".join(out) + "\n"


class Service:
    def __init__(self, index, rng):
        self.index = index
        self.kind = KINDS[index % len(KINDS)]
        word = WORDS[index % len(WORDS)]
        self.name = f"{word}-{self.kind}" + (f"-{index // len(WORDS) + 1}" if index >= len(WORDS) else "")
        self.tables = [f"{w}" for w in rng.sample(WORDS, rng.randint(4, 8))]
        self.queues = [f"{w}-events" for w in rng.sample(WORDS, rng.randint(2, 4))]
        self.functions = [f"{w}-handler" for w in rng.sample(WORDS, rng.randint(1, 3))]
        self.legacy_dev = self.kind == "web" and index % 9 == 0
        self.open_queues = self.kind == "api" and index % 5 == 1
        self.port = 3000 + index % 50


# ---------------------------------------------------------------------------------------------
# services/<svc>/module/


def module_variables(svc):
    lines = [
        'variable "name" {',
        (2, "description", q("Resource name prefix: <service>-<environment>.")),
        (2, "type", "string"),
        "",
        "  validation {",
        (4, "condition", 'length(var.name) <= 40 && can(regex("^[a-z][a-z0-9-]+$", var.name))'),
        (4, "error_message", q("The name is lowercase letters, digits and hyphens, at most 40 characters.")),
        "  }",
        "}",
        "",
        'variable "environment" {',
        (2, "type", "string"),
        "}",
        "",
        'variable "region" {',
        (2, "type", "string"),
        "}",
        "",
        'variable "account_id" {',
        (2, "type", "string"),
        "}",
        "",
        'variable "table_arns" {',
        (2, "description", q("DynamoDB tables the code reads and writes, by short name.")),
        (2, "type", "map(string)"),
        (2, "default", "{}"),
        "}",
        "",
        'variable "queue_arns" {',
        (2, "type", "map(string)"),
        (2, "default", "{}"),
        "}",
        "",
        'variable "tags" {',
        (2, "type", "map(string)"),
        (2, "default", "{}"),
        "}",
    ]
    if svc.kind == "web":
        lines += [
            "",
            'variable "use_compute_role" {',
            (2, "description", q("Run the SSR code as its own compute role (holding the data policy).")),
            (2, "type", "bool"),
            (2, "default", "true"),
            "}",
            "",
            'variable "branches" {',
            "  type = map(object({",
            (4, "stage", 'optional(string, "DEVELOPMENT")'),
            (4, "previews", "optional(bool, false)"),
            (4, "environment_variables", "optional(map(string), {})"),
            "  }))",
            "}",
        ]
    elif svc.kind == "api":
        lines += [
            "",
            'variable "cluster_arn" {',
            (2, "type", "string"),
            "}",
            "",
            'variable "subnet_ids" {',
            (2, "type", "list(string)"),
            "}",
            "",
            'variable "image_tag" {',
            (2, "type", "string"),
            (2, "default", q("latest")),
            "}",
            "",
            'variable "sizing" {',
            "  type = object({",
            (4, "cpu", "optional(number, 512)"),
            (4, "memory", "optional(number, 1024)"),
            (4, "desired_count", "optional(number, 2)"),
            "  })",
            (2, "default", "{}"),
            "}",
            "",
            'variable "queue_resources" {',
            (2, "description", q("Queues the task may send to (a wildcard sends anywhere).")),
            (2, "type", "list(string)"),
            "}",
        ]
    else:
        lines += [
            "",
            'variable "artifact_bucket" {',
            (2, "type", "string"),
            "}",
            "",
            'variable "functions" {',
            "  type = map(object({",
            (4, "memory", "optional(number, 256)"),
            (4, "timeout", "optional(number, 30)"),
            (4, "queue", "optional(string)"),
            "  }))",
            "}",
        ]
    return align(lines)


def module_main(svc):
    mods = "../../../modules"
    if svc.kind == "web":
        return align([
            "locals {",
            (2, "repository", q(f"https://github.com/example-org/{svc.name}")),
            (2, "data_role", "var.use_compute_role ? module.compute_role.name : module.service_role.name"),
            "}",
            "",
            'resource "aws_amplify_app" "this" {',
            (2, "name", "var.name"),
            (2, "repository", "local.repository"),
            (2, "platform", q("WEB_COMPUTE")),
            (2, "iam_service_role_arn", "module.service_role.arn"),
            (2, "compute_role_arn", "var.use_compute_role ? module.compute_role.arn : null"),
            "",
            "  build_spec = <<-YAML",
            "    version: 1",
            "    frontend:",
            "      phases:",
            "        preBuild:",
            "          commands:",
            "            - npm ci --cache .npm --prefer-offline",
            "        build:",
            "          commands:",
            "            - npm run build",
            "      artifacts:",
            "        baseDirectory: .next",
            "        files:",
            "          - '**/*'",
            "      cache:",
            "        paths:",
            "          - .next/cache/**/*",
            "  YAML",
            "",
            "  environment_variables = merge(",
            "    { for k, arn in var.table_arns : \"TABLE_${upper(replace(k, \"-\", \"_\"))}\" => element(split(\"/\", arn), 1) },",
            "    { REGION = var.region },",
            "  )",
            "",
            (2, "tags", "var.tags"),
            "}",
            "",
            'resource "aws_amplify_branch" "this" {',
            (2, "for_each", "var.branches"),
            "",
            (2, "app_id", "aws_amplify_app.this.id"),
            (2, "branch_name", "each.key"),
            (2, "framework", q("Next.js - SSR")),
            (2, "stage", "each.value.stage"),
            (2, "enable_pull_request_preview", "each.value.previews"),
            (2, "environment_variables", "each.value.environment_variables"),
            "}",
        ])
    if svc.kind == "api":
        return align([
            'module "service" {',
            (2, "source", q(f"{mods}/ecs-service")),
            "",
            (2, "name", "var.name"),
            (2, "cluster_arn", "var.cluster_arn"),
            (2, "cpu", "var.sizing.cpu"),
            (2, "memory", "var.sizing.memory"),
            (2, "desired_count", "var.sizing.desired_count"),
            (2, "subnet_ids", "var.subnet_ids"),
            "",
            "  container = {",
            (4, "image", q(f"${{var.account_id}}.dkr.ecr.${{var.region}}.amazonaws.com/{svc.name}:${{var.image_tag}}")),
            (4, "port", str(svc.port)),
            (4, "health_command", q(f"curl -fsS http://localhost:{svc.port}/healthz || exit 1")),
            "    environment = merge(",
            "      { for k, arn in var.queue_arns : \"QUEUE_${upper(replace(k, \"-\", \"_\"))}\" => arn },",
            "      { ENVIRONMENT = var.environment, AWS_XRAY_CONTEXT_MISSING = \"LOG_ERROR\" },",
            "    )",
            "  }",
            "",
            "  task_policy_statements = concat(",
            "    [for k, arn in var.table_arns : {",
            (6, "sid", '"Table${replace(title(k), "-", "")}"'),
            (6, "actions", hlist(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"])),
            (6, "resources", '[arn, "${arn}/index/*"]'),
            "    }],",
            "    [{",
            (6, "sid", q("Queues")),
            (6, "actions", hlist(["sqs:SendMessage", "sqs:GetQueueUrl"])),
            (6, "resources", "var.queue_resources"),
            "    }],",
            "  )",
            "",
            (2, "tags", "var.tags"),
            "}",
        ])
    return align([
        'module "function" {',
        (2, "source", q(f"{mods}/lambda-function")),
        (2, "for_each", "var.functions"),
        "",
        (2, "function_name", '"${var.name}-${each.key}"'),
        (2, "memory_size", "each.value.memory"),
        (2, "timeout", "each.value.timeout"),
        "  package = {",
        (4, "s3_bucket", "var.artifact_bucket"),
        (4, "s3_key", '"${each.key}/${var.environment}/function.zip"'),
        "  }",
        (2, "dead_letter_queue_arn", "try(var.queue_arns[\"${each.value.queue}-dlq\"], null)"),
        "",
        "  environment_variables = {",
        (4, "ENVIRONMENT", "var.environment"),
        (4, "TABLES", 'join(",", keys(var.table_arns))'),
        "  }",
        "",
        "  policy_statements = merge(",
        "    { for k, arn in var.table_arns : \"Table${replace(title(k), \"-\", \"\")}\" => {",
        (6, "actions", hlist(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"])),
        (6, "resources", "[arn]"),
        "    } },",
        "    each.value.queue == null ? {} : {",
        "      Consume = {",
        (8, "actions", hlist(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"])),
        (8, "resources", "[var.queue_arns[each.value.queue]]"),
        "      }",
        "    },",
        "  )",
        "",
        (2, "tags", "merge(var.tags, { Function = each.key })"),
        "}",
        "",
        'resource "aws_lambda_event_source_mapping" "queue" {',
        (2, "for_each", "{ for k, f in var.functions : k => f if f.queue != null }"),
        "",
        (2, "event_source_arn", "var.queue_arns[each.value.queue]"),
        (2, "function_name", "module.function[each.key].arn"),
        (2, "batch_size", "10"),
        "}",
    ])


def module_iam(svc):
    mods = "../../../modules"
    if svc.kind == "web":
        return align([
            "# The service role is Amplify's (builds, deploys, logs); the compute role is what the SSR",
            "# server code runs as. The data policy goes to the compute role when there is one.",
            'module "service_role" {',
            (2, "source", q(f"{mods}/iam-role")),
            "",
            (2, "name", '"${var.name}-amplify-service"'),
            (2, "path", q("/service-role/")),
            (2, "trusted_services", hlist(["amplify.amazonaws.com"])),
            "  managed_policy_arns = {",
            (4, "deploy", q("arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess")),
            "  }",
            (2, "tags", "var.tags"),
            "}",
            "",
            'module "compute_role" {',
            (2, "source", q(f"{mods}/iam-role")),
            "",
            (2, "create", "var.use_compute_role"),
            (2, "name", '"${var.name}-amplify-compute"'),
            (2, "trusted_services", hlist(["amplify.amazonaws.com"])),
            "  trust_conditions = [{",
            (4, "test", q("StringEquals")),
            (4, "variable", q("aws:SourceAccount")),
            (4, "values", "[var.account_id]"),
            "  }]",
            (2, "tags", "var.tags"),
            "}",
            "",
            'data "aws_iam_policy_document" "data" {',
            '  dynamic "statement" {',
            (4, "for_each", "var.table_arns"),
            "",
            "    content {",
            (6, "sid", '"Table${replace(title(statement.key), "-", "")}"'),
            (6, "actions", hlist(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                                  "dynamodb:DeleteItem", "dynamodb:Query"])),
            (6, "resources", '[statement.value, "${statement.value}/index/*"]'),
            "    }",
            "  }",
            "",
            "  statement {",
            (4, "sid", q("Uploads")),
            (4, "actions", hlist(["s3:GetObject", "s3:PutObject"])),
            (4, "resources", '["arn:aws:s3:::${var.name}-uploads/*"]'),
            "  }",
            "}",
            "",
            'resource "aws_iam_policy" "data" {',
            (2, "name", '"${var.name}-data"'),
            (2, "description", q("What the SSR server code reads and writes")),
            (2, "policy", "data.aws_iam_policy_document.data.json"),
            (2, "tags", "var.tags"),
            "}",
            "",
            'resource "aws_iam_role_policy_attachment" "data" {',
            (2, "role", "local.data_role"),
            (2, "policy_arn", "aws_iam_policy.data.arn"),
            "}",
        ])
    if svc.kind == "api":
        return align([
            "# Read-only access to the service's configuration, for the task role.",
            'resource "aws_iam_policy" "config" {',
            (2, "name", '"${var.name}-config"'),
            "  policy = jsonencode({",
            (4, "Version", q("2012-10-17")),
            "    Statement = [",
            "      {",
            (8, "Sid", q("Parameters")),
            (8, "Effect", q("Allow")),
            (8, "Action", hlist(["ssm:GetParameter", "ssm:GetParametersByPath"])),
            (8, "Resource", q("arn:aws:ssm:${var.region}:${var.account_id}:parameter/${var.name}/*")),
            "      },",
            "      {",
            (8, "Sid", q("Decrypt")),
            (8, "Effect", q("Allow")),
            (8, "Action", q("kms:Decrypt")),
            (8, "Resource", q("arn:aws:kms:${var.region}:${var.account_id}:alias/aws/ssm")),
            (8, "Condition", '{ StringEquals = { "kms:ViaService" = "ssm.${var.region}.amazonaws.com" } }'),
            "      },",
            "    ]",
            "  })",
            (2, "tags", "var.tags"),
            "}",
            "",
            'resource "aws_iam_role_policy_attachment" "config" {',
            (2, "role", "module.service.task_role_name"),
            (2, "policy_arn", "aws_iam_policy.config.arn"),
            "}",
        ])
    return align([
        "# Functions may publish their metrics under their own namespace only.",
        'resource "aws_iam_policy" "metrics" {',
        (2, "name", '"${var.name}-metrics"'),
        (2, "policy", "<<-EOT"),
        "    {",
        '      "Version": "2012-10-17",',
        '      "Statement": [',
        "        {",
        '          "Sid": "PutMetrics",',
        '          "Effect": "Allow",',
        '          "Action": "cloudwatch:PutMetricData",',
        '          "Resource": "*",',
        '          "Condition": {"StringEquals": {"cloudwatch:namespace": "${var.name}"}}',
        "        }",
        "      ]",
        "    }",
        "  EOT",
        "}",
        "",
        'resource "aws_iam_role_policy_attachment" "metrics" {',
        (2, "for_each", "module.function"),
        "",
        (2, "role", "each.value.role_name"),
        (2, "policy_arn", "aws_iam_policy.metrics.arn"),
        "}",
    ])


def module_outputs(svc):
    if svc.kind == "web":
        outs = [("app_id", "aws_amplify_app.this.id"),
                ("default_domain", "aws_amplify_app.this.default_domain"),
                ("compute_role_arn", "module.compute_role.arn"),
                ("service_role_arn", "module.service_role.arn"),
                ("branch_names", "[for b in aws_amplify_branch.this : b.branch_name]")]
    elif svc.kind == "api":
        outs = [("service_name", "module.service.service_name"),
                ("task_role_arn", "module.service.task_role_arn"),
                ("execution_role_arn", "module.service.execution_role_arn")]
    else:
        outs = [("function_arns", "{ for k, f in module.function : k => f.arn }"),
                ("role_arns", "values(module.function)[*].role_arn")]
    lines = []
    for name, value in outs:
        lines += [f'output "{name}" {{', (2, "value", value), "}", ""]
    return align(lines[:-1])


# ---------------------------------------------------------------------------------------------
# services/<svc>/envs/<env>/


def root_versions(svc, env):
    return align([
        "terraform {",
        (2, "required_version", q(">= 1.7.0")),
        "",
        "  required_providers {",
        "    aws = {",
        (6, "source", q("hashicorp/aws")),
        (6, "version", q("~> 5.60")),
        "    }",
        "  }",
        "",
        '  backend "s3" {',
        (4, "bucket", q("example-org-terraform-state")),
        (4, "key", q(f"services/{svc.name}/{env}/terraform.tfstate")),
        (4, "region", q("ap-northeast-1")),
        (4, "dynamodb_table", q("example-org-terraform-locks")),
        (4, "encrypt", "true"),
        "  }",
        "}",
        "",
        'provider "aws" {',
        (2, "region", "var.region"),
        "",
        "  assume_role {",
        (4, "role_arn", q(f"arn:aws:iam::{ACCOUNTS[env]}:role/terraform-deploy")),
        "  }",
        "",
        "  default_tags {",
        "    tags = {",
        (6, "Repository", q("example-org/infrastructure")),
        (6, "Service", q(svc.name)),
        "    }",
        "  }",
        "}",
    ])


def root_variables(svc, env):
    lines = [
        'variable "environment" {',
        (2, "type", "string"),
        "",
        "  validation {",
        (4, "condition", "contains(" + hlist(ENVIRONMENTS) + ", var.environment)"),
        (4, "error_message", q("Unknown environment.")),
        "  }",
        "}",
        "",
        'variable "region" {',
        (2, "type", "string"),
        (2, "default", q("ap-northeast-1")),
        "}",
        "",
        'variable "account_id" {',
        (2, "type", "string"),
        "",
        "  validation {",
        (4, "condition", 'can(regex("^[0-9]{12}$", var.account_id))'),
        (4, "error_message", q("An AWS account ID is 12 digits.")),
        "  }",
        "}",
        "",
        'variable "owner" {',
        (2, "type", "string"),
        (2, "default", q("platform-team")),
        "}",
        "",
        'variable "cost_center" {',
        (2, "type", "string"),
        (2, "default", "null"),
        "}",
        "",
        'variable "table_settings" {',
        (2, "description", q("Per-table overrides: billing mode, point-in-time recovery, TTL attribute.")),
        "  type = map(object({",
        (4, "billing_mode", 'optional(string, "PAY_PER_REQUEST")'),
        (4, "pitr", "optional(bool, true)"),
        (4, "ttl_attribute", "optional(string)"),
        "  }))",
        (2, "default", "{}"),
        "}",
        "",
        'variable "extra_tags" {',
        (2, "type", "map(string)"),
        (2, "default", "{}"),
        "}",
        "",
        'variable "alarms" {',
        (2, "description", q("Alarm thresholds; omitted attributes take the defaults of the platform runbook.")),
        "  type = object({",
        (4, "enabled", "optional(bool, true)"),
        (4, "dlq_threshold", "optional(number, 0)"),
        (4, "throttle_threshold", "optional(number, 25)"),
        (4, "evaluation_periods", "optional(number, 5)"),
        (4, "notify_emails", "optional(list(string), [])"),
        "  })",
        (2, "default", "{}"),
        "",
        "  validation {",
        (4, "condition", "var.alarms.evaluation_periods >= 1 && var.alarms.evaluation_periods <= 60"),
        (4, "error_message", q("evaluation_periods is between 1 and 60.")),
        "  }",
        "}",
        "",
        'variable "features" {',
        (2, "description", q("Feature flags published to SSM for the service to read at start-up.")),
        (2, "type", "map(bool)"),
        (2, "default", "{}"),
        "}",
        "",
        'variable "kms_deletion_window" {',
        (2, "type", "number"),
        (2, "default", "30"),
        "",
        "  validation {",
        (4, "condition", "var.kms_deletion_window >= 7 && var.kms_deletion_window <= 30"),
        (4, "error_message", q("KMS keys wait 7 to 30 days before deletion.")),
        "  }",
        "}",
    ]
    if svc.kind == "web":
        lines += ["", 'variable "use_compute_role" {', (2, "type", "bool"), (2, "default", "true"), "}",
                  "", 'variable "preview_branches" {', (2, "type", "list(string)"), (2, "default", "[]"), "}"]
    elif svc.kind == "api":
        lines += ["", 'variable "image_tag" {', (2, "type", "string"), (2, "default", q("latest")), "}",
                  "", 'variable "subnet_ids" {', (2, "type", "list(string)"), "}",
                  "", 'variable "desired_count" {', (2, "type", "number"), (2, "default", "2"), "}"]
    else:
        lines += ["", 'variable "artifact_bucket" {', (2, "type", "string"), "}"]
    return align(lines)


def root_locals(svc, env):
    table_lines = []
    for i, t in enumerate(svc.tables):
        keys = ATTR_NAMES[: 2 + i % 3]
        table_lines += [
            f"    {t} = {{",
            (6, "hash_key", q(keys[0])),
            (6, "range_key", q(keys[1])),
            (6, "attributes", hlist(keys)),
            (6, "stream", "true" if i % 2 == 0 else "false"),
            "    }",
        ]
    lines = [
        "locals {",
        (2, "service", q(svc.name)),
        (2, "prefix", '"${local.service}-${var.environment}"'),
        (2, "is_prod", 'startswith(var.environment, "prod")'),
        "",
        "  base_tags = {",
        (4, "Service", "local.service"),
        (4, "Environment", "var.environment"),
        (4, "Owner", "var.owner"),
        (4, "ManagedBy", q("terraform")),
        "  }",
        '  tags = merge(local.base_tags, var.extra_tags, var.cost_center == null ? {} : { CostCenter = var.cost_center })',
        "",
        "  tables = {",
        *table_lines,
        "  }",
        "",
        "  queues = toset(" + hlist(svc.queues) + ")",
        "",
        "  # Published under /<service>/<environment>/ for the code to read at start-up.",
        "  config = merge(",
        "    {",
        *[(6, k, v) for k, v in [
            ("log_level", 'local.is_prod ? "info" : "debug"'),
            ("request_timeout_ms", "local.is_prod ? 3000 : 10000"),
            ("max_batch_size", "25"),
            ("cache_ttl_seconds", "local.is_prod ? 300 : 5"),
            ("tracing_sample_rate", 'local.is_prod ? "0.05" : "1.0"'),
            ("region", "var.region"),
            ("tables", 'join(",", sort(keys(local.tables)))'),
            ("queues", 'join(",", sort(tolist(local.queues)))'),
            ("owner_email", '"${var.owner}@example.com"'),
        ]],
        "    },",
        '    { for name, on in var.features : "feature_${name}" => tostring(on) },',
        "  )",
        "",
        "  key_admins = [",
        '    "arn:aws:iam::${var.account_id}:role/platform-admin",',
        '    "arn:aws:iam::${var.account_id}:role/terraform-deploy",',
        "  ]",
        "",
        "  table_arns = { for k, t in aws_dynamodb_table.this : k => t.arn }",
        "  queue_arns = merge(",
        "    { for k, qu in aws_sqs_queue.this : k => qu.arn },",
        '    { for k, qu in aws_sqs_queue.dlq : "${k}-dlq" => qu.arn },',
        "  )",
        "}",
    ]
    return align(lines)


def root_main(svc, env):
    lines = [
        'resource "aws_dynamodb_table" "this" {',
        (2, "for_each", "local.tables"),
        "",
        (2, "name", '"${local.prefix}-${each.key}"'),
        (2, "billing_mode", 'try(var.table_settings[each.key].billing_mode, "PAY_PER_REQUEST")'),
        (2, "hash_key", "each.value.hash_key"),
        (2, "range_key", "each.value.range_key"),
        (2, "stream_enabled", "each.value.stream"),
        (2, "stream_view_type", 'each.value.stream ? "NEW_AND_OLD_IMAGES" : null'),
        "",
        '  dynamic "attribute" {',
        (4, "for_each", "each.value.attributes"),
        "    content {",
        (6, "name", "attribute.value"),
        (6, "type", q("S")),
        "    }",
        "  }",
        "",
        "  point_in_time_recovery {",
        (4, "enabled", "local.is_prod || try(var.table_settings[each.key].pitr, true)"),
        "  }",
        "",
        '  dynamic "ttl" {',
        "    for_each = try(var.table_settings[each.key].ttl_attribute, null) != null ? [var.table_settings[each.key].ttl_attribute] : []",
        "    content {",
        (6, "attribute_name", "ttl.value"),
        (6, "enabled", "true"),
        "    }",
        "  }",
        "",
        (2, "tags", "merge(local.tags, { Table = each.key })"),
        "}",
        "",
        'resource "aws_sqs_queue" "dlq" {',
        (2, "for_each", "local.queues"),
        "",
        (2, "name", '"${local.prefix}-${each.key}-dlq"'),
        (2, "message_retention_seconds", "1209600"),
        (2, "sqs_managed_sse_enabled", "true"),
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_sqs_queue" "this" {',
        (2, "for_each", "local.queues"),
        "",
        (2, "name", '"${local.prefix}-${each.key}"'),
        (2, "visibility_timeout_seconds", "local.is_prod ? 120 : 30"),
        (2, "sqs_managed_sse_enabled", "true"),
        "  redrive_policy = jsonencode({",
        (4, "deadLetterTargetArn", "aws_sqs_queue.dlq[each.key].arn"),
        (4, "maxReceiveCount", "local.is_prod ? 10 : 3"),
        "  })",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_kms_key" "data" {',
        (2, "description", '"Encrypts the ${local.service} tables and queues in ${var.environment}"'),
        (2, "deletion_window_in_days", "var.kms_deletion_window"),
        (2, "enable_key_rotation", "true"),
        "  policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = [",
        "      {",
        (8, "Sid", q("AccountRoot")),
        (8, "Effect", q("Allow")),
        (8, "Principal", '{ AWS = "arn:aws:iam::${var.account_id}:root" }'),
        (8, "Action", q("kms:*")),
        (8, "Resource", q("*")),
        "      },",
        "      {",
        (8, "Sid", q("KeyAdministrators")),
        (8, "Effect", q("Allow")),
        (8, "Principal", "{ AWS = local.key_admins }"),
        (8, "Action", hlist(["kms:Describe*", "kms:Enable*", "kms:Disable*", "kms:Put*", "kms:Update*",
                              "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:TagResource"])),
        (8, "Resource", q("*")),
        "      },",
        "      {",
        (8, "Sid", q("ServicesInThisAccount")),
        (8, "Effect", q("Allow")),
        (8, "Principal", '{ AWS = "*" }'),
        (8, "Action", hlist(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"])),
        (8, "Resource", q("*")),
        "        Condition = {",
        "          StringEquals = {",
        (12, '"kms:CallerAccount"', "var.account_id"),
        (12, '"kms:ViaService"', '["dynamodb.${var.region}.amazonaws.com", "sqs.${var.region}.amazonaws.com"]'),
        "          }",
        "        }",
        "      },",
        "    ]",
        "  })",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_kms_alias" "data" {',
        (2, "name", '"alias/${local.prefix}-data"'),
        (2, "target_key_id", "aws_kms_key.data.key_id"),
        "}",
        "",
        'resource "aws_ssm_parameter" "config" {',
        (2, "for_each", "local.config"),
        "",
        (2, "name", '"/${local.service}/${var.environment}/${each.key}"'),
        (2, "description", '"${each.key} of ${local.service} (managed by Terraform; edit terraform.tfvars)"'),
        (2, "type", q("String")),
        (2, "value", "tostring(each.value)"),
        (2, "tier", q("Standard")),
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_sns_topic_subscription" "email" {',
        (2, "for_each", "toset(var.alarms.notify_emails)"),
        "",
        (2, "topic_arn", "aws_sns_topic.alarms.arn"),
        (2, "protocol", q("email")),
        (2, "endpoint", "each.value"),
        "}",
        "",
        'resource "aws_sns_topic" "alarms" {',
        (2, "name", '"${local.prefix}-alarms"'),
        (2, "kms_master_key_id", q("alias/aws/sns")),
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_sns_topic_policy" "alarms" {',
        (2, "arn", "aws_sns_topic.alarms.arn"),
        "  policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = [",
        "      {",
        (8, "Sid", q("CloudWatchAlarms")),
        (8, "Effect", q("Allow")),
        (8, "Principal", '{ Service = "cloudwatch.amazonaws.com" }'),
        (8, "Action", q("sns:Publish")),
        (8, "Resource", "aws_sns_topic.alarms.arn"),
        (8, "Condition", '{ StringEquals = { "aws:SourceAccount" = var.account_id } }'),
        "      },",
        "      {",
        (8, "Sid", q("DenyInsecureTransport")),
        (8, "Effect", q("Deny")),
        (8, "Principal", q("*")),
        (8, "Action", q("sns:Publish")),
        (8, "Resource", "aws_sns_topic.alarms.arn"),
        (8, "Condition", '{ Bool = { "aws:SecureTransport" = "false" } }'),
        "      },",
        "    ]",
        "  })",
        "}",
        "",
        'resource "aws_sns_topic_subscription" "oncall" {',
        (2, "count", "local.is_prod ? 1 : 0"),
        "",
        (2, "topic_arn", "aws_sns_topic.alarms.arn"),
        (2, "protocol", q("https")),
        (2, "endpoint", '"https://events.pagerduty.example.com/integration/${local.service}/enqueue"'),
        "}",
        "",
        'resource "aws_cloudwatch_dashboard" "this" {',
        (2, "dashboard_name", "local.prefix"),
        "  dashboard_body = jsonencode({",
        "    widgets = concat(",
        "      [for i, k in keys(local.tables) : {",
        (8, "type", q("metric")),
        (8, "x", "(i % 3) * 8"),
        (8, "y", "floor(i / 3) * 6"),
        (8, "width", "8"),
        (8, "height", "6"),
        "        properties = {",
        (10, "title", '"${k}: p99 latency and throttles"'),
        (10, "region", "var.region"),
        (10, "stat", q("p99")),
        (10, "period", "300"),
        "          metrics = [",
        '            ["AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", aws_dynamodb_table.this[k].name, "Operation", "GetItem"],',
        '            ["AWS/DynamoDB", "SuccessfulRequestLatency", "TableName", aws_dynamodb_table.this[k].name, "Operation", "Query"],',
        '            ["AWS/DynamoDB", "ThrottledRequests", "TableName", aws_dynamodb_table.this[k].name, { stat = "Sum", yAxis = "right" }],',
        "          ]",
        "        }",
        "      }],",
        "      [for i, qn in tolist(local.queues) : {",
        (8, "type", q("metric")),
        (8, "x", "(i % 3) * 8"),
        (8, "y", "100 + floor(i / 3) * 6"),
        (8, "width", "8"),
        (8, "height", "6"),
        "        properties = {",
        (10, "title", '"${qn}: backlog"'),
        (10, "region", "var.region"),
        (10, "stat", q("Maximum")),
        (10, "period", "60"),
        "          metrics = [",
        '            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.this[qn].name],',
        '            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.this[qn].name, { yAxis = "right" }],',
        '            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dlq[qn].name, { label = "dead letters" }],',
        "          ]",
        "        }",
        "      }],",
        "    )",
        "  })",
        "}",
        "",
        'resource "aws_cloudwatch_metric_alarm" "dlq_depth" {',
        (2, "for_each", "local.queues"),
        "",
        (2, "alarm_name", '"${local.prefix}-${each.key}-dlq-not-empty"'),
        (2, "alarm_description", '"Messages in the ${each.key} dead-letter queue: a consumer is failing. See the runbook of ${local.service}."'),
        (2, "namespace", q("AWS/SQS")),
        (2, "metric_name", q("ApproximateNumberOfMessagesVisible")),
        (2, "statistic", q("Maximum")),
        (2, "period", "300"),
        (2, "evaluation_periods", "1"),
        (2, "threshold", "0"),
        (2, "comparison_operator", q("GreaterThanThreshold")),
        (2, "treat_missing_data", q("notBreaching")),
        (2, "alarm_actions", "[aws_sns_topic.alarms.arn]"),
        (2, "ok_actions", "[aws_sns_topic.alarms.arn]"),
        "",
        "  dimensions = {",
        (4, "QueueName", "aws_sqs_queue.dlq[each.key].name"),
        "  }",
        "",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_cloudwatch_metric_alarm" "table_throttles" {',
        (2, "for_each", "{ for k, t in local.tables : k => t if local.is_prod || t.stream }"),
        "",
        (2, "alarm_name", '"${local.prefix}-${each.key}-throttled"'),
        (2, "alarm_description", '"Requests to the ${each.key} table are throttled (${var.environment})."'),
        (2, "namespace", q("AWS/DynamoDB")),
        (2, "metric_name", q("ThrottledRequests")),
        (2, "statistic", q("Sum")),
        (2, "period", "60"),
        (2, "evaluation_periods", "local.is_prod ? 3 : 5"),
        (2, "threshold", "local.is_prod ? 1 : 25"),
        (2, "comparison_operator", q("GreaterThanOrEqualToThreshold")),
        (2, "alarm_actions", "[aws_sns_topic.alarms.arn]"),
        "",
        "  dimensions = {",
        (4, "TableName", "aws_dynamodb_table.this[each.key].name"),
        "  }",
        "",
        (2, "tags", "local.tags"),
        "}",
        "",
    ]
    common = [
        (2, "name", "local.prefix"),
        (2, "environment", "var.environment"),
        (2, "region", "var.region"),
        (2, "account_id", "var.account_id"),
        (2, "table_arns", "local.table_arns"),
        (2, "queue_arns", "local.queue_arns"),
        (2, "tags", "local.tags"),
    ]
    if svc.kind == "web":
        lines += [
            'module "app" {',
            (2, "source", q("../../module")),
            "",
            *common,
            (2, "use_compute_role", "var.use_compute_role"),
            "",
            "  branches = merge(",
            '    { main = { stage = local.is_prod ? "PRODUCTION" : "DEVELOPMENT" } },',
            '    { for b in var.preview_branches : b => { stage = "BETA", previews = true } },',
            "  )",
            "}",
            "",
            'module "uploads" {',
            (2, "source", q("../../../../modules/s3-bucket")),
            "",
            (2, "bucket", '"${local.prefix}-uploads"'),
            (2, "readers", "compact([module.app.compute_role_arn])"),
            (2, "writers", "compact([module.app.compute_role_arn])"),
            "  lifecycle_rules = [",
            '    { id = "tmp", prefix = "tmp/", expiration_days = 1 },',
            '    { id = "noncurrent", noncurrent_expiration_days = local.is_prod ? 90 : 7 },',
            "  ]",
            (2, "tags", "local.tags"),
            "}",
        ]
    elif svc.kind == "api":
        queue_resources = hlist(["*"]) if svc.open_queues else "values(aws_sqs_queue.this)[*].arn"
        lines += [
            'resource "aws_ecs_cluster" "this" {',
            (2, "name", "local.prefix"),
            "",
            "  setting {",
            (4, "name", q("containerInsights")),
            (4, "value", 'local.is_prod ? "enabled" : "disabled"'),
            "  }",
            "",
            (2, "tags", "local.tags"),
            "}",
            "",
            'module "api" {',
            (2, "source", q("../../module")),
            "",
            *common,
            (2, "cluster_arn", "aws_ecs_cluster.this.arn"),
            (2, "subnet_ids", "var.subnet_ids"),
            (2, "image_tag", "var.image_tag"),
            (2, "queue_resources", queue_resources),
            "",
            "  sizing = {",
            (4, "cpu", "local.is_prod ? 1024 : 256"),
            (4, "memory", "local.is_prod ? 2048 : 512"),
            (4, "desired_count", "var.desired_count"),
            "  }",
            "}",
        ]
    else:
        fn_lines = []
        for i, f in enumerate(svc.functions):
            queue = q(svc.queues[i % len(svc.queues)]) if i % 2 == 0 else "null"
            fn_lines += [f"    {f} = {{", (6, "memory", str(256 * (1 + i % 3))), (6, "queue", queue), "    }"]
        lines += [
            'module "worker" {',
            (2, "source", q("../../module")),
            "",
            *common,
            (2, "artifact_bucket", "var.artifact_bucket"),
            "",
            "  functions = {",
            *fn_lines,
            "  }",
            "}",
        ]
    return align(lines)


def root_iam(svc, env):
    """Roles every root has besides its service's own: an operator role and a report job."""
    readers = [f"arn:aws:iam::{ACCOUNTS[env]}:role/oncall-{w}" for w in svc.tables[:2]]
    lines = [
        "# Operators read the service's data in an incident; they never write it.",
        'data "aws_iam_policy_document" "operator_trust" {',
        "  statement {",
        (4, "actions", hlist(["sts:AssumeRole"])),
        "",
        "    principals {",
        (6, "type", q("AWS")),
        (6, "identifiers", hlist(readers)),
        "    }",
        "",
        "    condition {",
        (6, "test", q("Bool")),
        (6, "variable", q("aws:MultiFactorAuthPresent")),
        (6, "values", hlist(["true"])),
        "    }",
        "  }",
        "}",
        "",
        'data "aws_iam_policy_document" "operator" {',
        '  dynamic "statement" {',
        (4, "for_each", "local.table_arns"),
        (4, "iterator", "table"),
        "",
        "    content {",
        (6, "sid", '"Read${replace(title(table.key), "-", "")}"'),
        (6, "actions", hlist(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DescribeTable"])),
        (6, "resources", "[table.value]"),
        "    }",
        "  }",
        "",
        "  statement {",
        (4, "sid", q("PeekQueues")),
        (4, "actions", hlist(["sqs:GetQueueAttributes", "sqs:ListDeadLetterSourceQueues"])),
        (4, "resources", "values(local.queue_arns)"),
        "  }",
        "}",
        "",
        'resource "aws_iam_role" "operator" {',
        (2, "name", '"${local.prefix}-operator"'),
        (2, "assume_role_policy", "data.aws_iam_policy_document.operator_trust.json"),
        (2, "max_session_duration", "local.is_prod ? 3600 : 14400"),
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_iam_role_policy" "operator" {',
        (2, "name", q("read-data")),
        (2, "role", "aws_iam_role.operator.id"),
        (2, "policy", "data.aws_iam_policy_document.operator.json"),
        "}",
        "",
        "# The nightly report job exports every table to the reports bucket.",
        'resource "aws_iam_role" "reports" {',
        (2, "count", '(local.is_prod || var.environment == "stg") ? 1 : 0'),
        "",
        (2, "name", '"${local.prefix}-reports"'),
        "  assume_role_policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = [{",
        (6, "Effect", q("Allow")),
        (6, "Principal", '{ Service = "scheduler.amazonaws.com" }'),
        (6, "Action", q("sts:AssumeRole")),
        (6, "Condition", "{ StringEquals = { \"aws:SourceAccount\" = var.account_id } }"),
        "    }]",
        "  })",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_iam_role_policy" "reports" {',
        (2, "count", "length(aws_iam_role.reports)"),
        "",
        (2, "name", q("export-tables")),
        (2, "role", "aws_iam_role.reports[0].id"),
        "  policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = concat(",
        "      [for k, arn in local.table_arns : {",
        (8, "Sid", '"Export${replace(title(k), "-", "")}"'),
        (8, "Effect", q("Allow")),
        (8, "Action", hlist(["dynamodb:ExportTableToPointInTime", "dynamodb:DescribeTable"])),
        (8, "Resource", "arn"),
        "      } if local.tables[k].stream],",
        "      [{",
        (8, "Sid", q("WriteExports")),
        (8, "Effect", q("Allow")),
        (8, "Action", hlist(["s3:PutObject", "s3:AbortMultipartUpload"])),
        (8, "Resource", '"arn:aws:s3:::example-org-reports-${var.environment}/${local.service}/*"'),
        "      }],",
        "    )",
        "  })",
        "}",
        "",
        "# Support engineers look at the service without touching data or keys.",
        'data "aws_iam_policy_document" "support" {',
        "  statement {",
        (4, "sid", q("Observe")),
        (4, "actions", hlist(["cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms", "logs:StartQuery",
                              "logs:GetQueryResults", "logs:FilterLogEvents", "xray:GetTraceSummaries"])),
        (4, "resources", hlist(["*"])),
        "  }",
        "",
        "  statement {",
        (4, "sid", q("ReadConfig")),
        (4, "actions", hlist(["ssm:GetParameter", "ssm:GetParametersByPath"])),
        (4, "resources", '["arn:aws:ssm:${var.region}:${var.account_id}:parameter/${local.service}/${var.environment}/*"]'),
        "  }",
        "",
        "  statement {",
        (4, "sid", q("NeverData")),
        (4, "effect", q("Deny")),
        (4, "actions", hlist(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "s3:GetObject", "kms:Decrypt"])),
        (4, "resources", hlist(["*"])),
        "  }",
        "}",
        "",
        'resource "aws_iam_role" "support" {',
        (2, "name", '"${local.prefix}-support"'),
        (2, "description", '"Read-only support access to ${local.service} (${var.environment})"'),
        (2, "max_session_duration", "3600"),
        "  assume_role_policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = [{",
        (6, "Effect", q("Allow")),
        (6, "Principal", '{ AWS = "arn:aws:iam::${var.account_id}:root" }'),
        (6, "Action", q("sts:AssumeRole")),
        "      Condition = {",
        (8, "Bool", '{ "aws:MultiFactorAuthPresent" = "true" }'),
        (8, "StringLike", '{ "aws:PrincipalArn" = "arn:aws:iam::${var.account_id}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Support_*" }'),
        "      }",
        "    }]",
        "  })",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_iam_role_policy" "support" {',
        (2, "name", q("observe")),
        (2, "role", "aws_iam_role.support.id"),
        (2, "policy", "data.aws_iam_policy_document.support.json"),
        "}",
        "",
        "# The pipeline of this service deploys its code (not its infrastructure) with this role.",
        'resource "aws_iam_role" "deploy" {',
        (2, "name", '"${local.prefix}-code-deploy"'),
        "  assume_role_policy = jsonencode({",
        (4, "Version", q("2012-10-17")),
        "    Statement = [{",
        (6, "Effect", q("Allow")),
        (6, "Principal", '{ Federated = "arn:aws:iam::${var.account_id}:oidc-provider/token.actions.githubusercontent.com" }'),
        (6, "Action", q("sts:AssumeRoleWithWebIdentity")),
        "      Condition = {",
        "        StringEquals = {",
        (10, '"token.actions.githubusercontent.com:aud"', q("sts.amazonaws.com")),
        (10, '"token.actions.githubusercontent.com:sub"', '"repo:example-org/${local.service}:environment:${var.environment}"'),
        "        }",
        "      }",
        "    }]",
        "  })",
        (2, "tags", "local.tags"),
        "}",
        "",
        'resource "aws_iam_role_policy" "deploy" {',
        (2, "name", q("deploy-code")),
        (2, "role", "aws_iam_role.deploy.id"),
        (2, "policy", "<<-EOT"),
        "    {",
        '      "Version": "2012-10-17",',
        '      "Statement": [',
        "        {",
        '          "Sid": "Artifacts",',
        '          "Effect": "Allow",',
        '          "Action": ["s3:PutObject", "s3:GetObject"],',
        '          "Resource": "arn:aws:s3:::example-org-artifacts-${var.account_id}/${local.service}/*"',
        "        },",
        "        {",
        '          "Sid": "Images",',
        '          "Effect": "Allow",',
        '          "Action": ["ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"],',
        '          "Resource": "arn:aws:ecr:${var.region}:${var.account_id}:repository/${local.service}"',
        "        },",
        "        {",
        '          "Sid": "Login",',
        '          "Effect": "Allow",',
        '          "Action": "ecr:GetAuthorizationToken",',
        '          "Resource": "*"',
        "        }",
        "      ]",
        "    }",
        "  EOT",
        "}",
    ]
    return align(lines)


def root_outputs(svc, env):
    outs = [("tables", "{ for k, t in aws_dynamodb_table.this : k => t.name }"),
            ("queue_urls", "{ for k, qu in aws_sqs_queue.this : k => qu.url }"),
            ("operator_role_arn", "aws_iam_role.operator.arn"),
            ("reports_role_arn", "one(aws_iam_role.reports[*].arn)")]
    if svc.kind == "web":
        outs += [("app_id", "module.app.app_id"), ("compute_role_arn", "module.app.compute_role_arn")]
    elif svc.kind == "api":
        outs += [("service_name", "module.api.service_name"), ("task_role_arn", "module.api.task_role_arn")]
    else:
        outs += [("function_arns", "module.worker.function_arns")]
    outs += [("kms_key_arn", "aws_kms_key.data.arn"), ("support_role_arn", "aws_iam_role.support.arn"),
             ("deploy_role_arn", "aws_iam_role.deploy.arn"),
             ("config_parameters", "sort([for p in aws_ssm_parameter.config : p.name])")]
    lines = []
    for name, value in outs:
        lines += [f'output "{name}" {{',
                  (2, "description", q(name.replace("_", " ").capitalize() + " of this environment.")),
                  (2, "value", value), "}", ""]
    return align(lines[:-1])


def root_tfvars(svc, env):
    lines = [
        (0, "environment", q(env)),
        (0, "region", q(REGIONS[env])),
        (0, "account_id", q(ACCOUNTS[env])),
        (0, "owner", q(f"team-{svc.name.split('-')[0]}")),
        "",
        "extra_tags = {",
        (2, "Tier", q("critical" if env.startswith("prod") else "standard")),
        "}",
        "",
        "table_settings = {",
    ]
    for i, t in enumerate(svc.tables[:2]):
        attr = ', ttl_attribute = "expires_at"' if i == 0 else ""
        lines.append((2, t, f'{{ pitr = {"true" if env.startswith("prod") else "false"}{attr} }}'))
    lines.append("}")
    if svc.kind == "web":
        if env == "dev" and svc.legacy_dev:
            lines += ["", "# Not migrated to the compute role yet (SSR-142).", (0, "use_compute_role", "false")]
        if env == "stg":
            lines += ["", (0, "preview_branches", hlist(["release-candidate"]))]
    elif svc.kind == "api":
        lines += ["", (0, "subnet_ids", hlist([f"subnet-0{svc.index % 10}a{i}b2c3d4e5f6000" for i in range(3)])),
                  (0, "desired_count", "3" if env.startswith("prod") else "1")]
    else:
        lines += ["", (0, "artifact_bucket", q(f"example-org-artifacts-{ACCOUNTS[env]}"))]
    return align(lines)


ROOT_FILES = [("versions.tf", root_versions), ("variables.tf", root_variables),
              ("locals.tf", root_locals), ("main.tf", root_main), ("iam.tf", root_iam),
              ("outputs.tf", root_outputs), ("terraform.tfvars", root_tfvars)]
MODULE_FILES = [("main.tf", module_main), ("iam.tf", module_iam),
                ("variables.tf", module_variables), ("outputs.tf", module_outputs)]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0,
                    help="size: 1 makes 45 services (~1,800 files, ~5 MB); linear in the scale")
    ap.add_argument("out")
    args = ap.parse_args()
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} exists and is not empty")
    services = max(1, round(45 * args.scale))
    shutil.copytree(SHARED_MODULES, os.path.join(args.out, "modules"), dirs_exist_ok=True)
    for i in range(services):
        svc = Service(i, random.Random(1000 + i))
        base = os.path.join(args.out, "services", svc.name)
        for fname, fn in MODULE_FILES:
            write(os.path.join(base, "module", fname), fn(svc))
        for env in ENVIRONMENTS:
            for fname, fn in ROOT_FILES:
                write(os.path.join(base, "envs", env, fname), fn(svc, env))
    return 0


if __name__ == "__main__":
    sys.exit(main())
