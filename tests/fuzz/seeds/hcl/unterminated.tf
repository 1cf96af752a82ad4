a = "unterminated ${x
