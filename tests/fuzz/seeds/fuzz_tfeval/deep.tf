x = [for a in range(1000) : [for b in range(1000) : { (tostring(b)) = a }]]
y = formatlist("%s%s", formatlist("%s%s", ["aaaa"], ["bbbb"]), ["cccc"])
z = jsondecode("{\"a\":[1,2,{\"b\":null}],\"c\":1e400,\"d\":\"\\u003c\"}")
