x = [for k, v in { a = [1, 2], b = [3] } : [for i in v : "${k}${i}"]][*][0]
