# The compiler's tables of names, constants and symbols (hash-indexed):
# equal keys share an entry, different ones never do.
import math


def consts():
    return [1, 1.0, True, 0.0, -0.0, "a", b"a", "a", 0x10, 16, 1j, -0.0j,
            None, ..., False, 0, "", b"", 2**70, 1180591620717411303424]


vals = consts()
print(vals)
print([type(v).__name__ for v in vals])
print(math.copysign(1, vals[3]), math.copysign(1, vals[4]))
print(vals[5] is vals[7])

# a module of many names and constants, as a big generated file has
src = "".join("v%d = %d\ns%d = 's%d'\n" % (i, i * 7 % 1000, i, i % 50)
              for i in range(3000))
src += "total = " + " + ".join("v%d" % i for i in range(0, 3000, 3)) + "\n"
ns = {}
exec(compile(src, "<many>", "exec"), ns)
print(ns["v0"], ns["v1"], ns["v2999"], ns["s2999"], ns["s50"], ns["total"])
print(len([k for k in ns if k[0] in "vs"]))


# a function with many locals and a closure over some of them
body = "".join("    a%d = %d\n" % (i, i) for i in range(500))
body += "    def inner():\n        return a7 + a499 + a250\n"
body += "    return inner() + a0 + a1\n"
ns = {}
exec("def f():\n" + body, ns)
print(ns["f"]())
