locals {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for s in var.statements : {
      Effect   = "Allow"
      Action   = [for a in s.actions : lower(a)]
      Resource = "${aws_s3_bucket.b.arn}/${s.prefix}/*"
    } if s.enabled]
  })
  names  = { for r in var.roles : r.name => r.arn... }
  picked = try(var.config.role_arn, aws_iam_role.r.arn, null)
  fmt    = format("arn:aws:iam::%s:role/%-10s %q %5.2f %d", var.account, var.name, "x", 3.14159, 42)
  list   = formatlist("%s-%s", ["a", "b"], var.suffix)
  joined = join(",", concat(var.a, ["x"], flatten([[1], [2, [3]]])))
  merged = merge({ a = 1 }, var.tags, { b = aws_iam_role.r.name })
  cond   = var.enabled ? aws_iam_role.r.arn : data.aws_iam_policy_document.p.json
  regex  = regexall("(?P<acct>[0-9]{12})", "arn:aws:iam::123456789012:role/x")
  repl   = replace(var.name, "/[^a-z0-9]+/", "-")
  rng    = [for i in range(3) : element(var.list, i)]
  tpl    = templatefile("${path.module}/policy.tftpl", { vars = var.tags })
  yaml   = yamlencode({ a = [1, { b = "c" }], d = {} })
  str    = "%{ for k, v in var.tags ~}${k}=${v},%{ endfor ~}%{ if var.x }yes%{ else }no%{ endif }"
  splat  = aws_iam_role.r[*].arn
  math   = (1 + 2) * 3 / 4 % 5 - -var.n
  cmp    = var.n >= 1 && var.n < 10 || !var.flag
  sets   = setunion(toset(["a", "b"]), tolist(["c"]), setsubtract(["a"], ["b"]))
  misc   = [substr("hello", 1, 3), title("a b"), trimspace(" x "), chomp("x\n"), indent(2, "a\nb")]
  nums   = [max(1, 2, 3), min(var.list...), sum([1, 2]), abs(-1), ceil(1.5), floor(1.5)]
  enc    = [base64encode("x"), base64decode("eA=="), urlencode("a b&c"), cidrsubnet("10.0.0.0/16", 8, 2)]
  kv     = zipmap(keys(var.tags), values(var.tags))
  prov   = provider::aws::arn_parse(aws_iam_role.r.arn)
  sens   = nonsensitive(sensitive(var.password))
  lookup = lookup(var.tags, "team", "none")
  coal   = coalesce("", var.name, "default")
}

locals {
  product = setproduct(var.roles, toset(var.policies))
  inverse = transpose({ for r in var.roles : r => var.policies })
  heredoc = <<-EOT
    %{~ for p in var.policies ~}
    ${p}
    %{~ endfor ~}
  EOT
}
