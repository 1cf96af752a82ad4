a = x[*].y.*.z.0[1]
b = {for k, v in m : k => v... if v != null}
c = f(a, b...)
d = provider::p::f()
