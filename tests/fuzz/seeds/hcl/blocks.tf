resource aws_iam_role "r" {
  name = "x" # c
  dynamic "inline_policy" {
    for_each = var.p
    content { name = inline_policy.key }
  }
}
locals { a = 1e400
  b = -0.5e-3 }
