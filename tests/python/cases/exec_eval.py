x = 10
print(eval("x + 1"), eval("  x * 2"), eval("y", {"y": 5}), eval("a+b", {}, {"a": 1, "b": 2}))
ns = {}
exec("def f(n):\n    return n * 3\nz = f(4)", ns)
print(ns["z"], sorted(k for k in ns if k != "__builtins__"))
exec("w = x + 100")
print(w)
code = compile("1 + 2", "<expr>", "eval")
print(type(code).__name__, eval(code))
c2 = compile("q = 7", "file.py", "exec"); g = {}; exec(c2, g); print(g["q"])
def fn(a, b=2):
    c = a + b
    def inner(): return c
    return sorted(locals().items(), key=lambda kv: kv[0])
print([k for k, v in fn(1)])
print(fn(1)[:3])
class K:
    p = 1
    q = sorted(locals())
print(K.q)
for bad in ["1 +", "def", "x ="]:
    try: eval(bad)
    except SyntaxError as e: print("SyntaxError", e.msg, e.lineno)
try: exec("1/0")
except ZeroDivisionError as e: print("ZDE", e)
try: eval(5)
except TypeError as e: print(e)
try: compile("x", "f", "bogus")
except ValueError as e: print(e)
# CPython 3.11.2 raises ValueError here, later 3.11 releases SyntaxError
# (neither derives from the other); accept both
try: eval("a\0b")
except (SyntaxError, ValueError) as e: print("refused:", str(e).split(" (")[0])
class A:
    def __init__(self): self.v = 1
    def m(self): pass
a = A()
print([n for n in dir(a) if not n.startswith("__")], "__init__" in dir(a), "__class__" in dir(a))
print(vars(a)); setattr(a, "w", 2); print(a.w); delattr(a, "w"); print(hasattr(a, "w"))
try: delattr(a, "nope")
except AttributeError as e: print(e)
try: setattr(a, 1, 2)
except TypeError as e: print(e)
try: vars(5)
except TypeError as e: print(e)
import math
print("sqrt" in dir(math), dir()[:3])
m = __import__("math"); print(m.floor(2.5))
print(__debug__)
try: exit(3)
except SystemExit as e: print("exit", e.code)
def g():
    exec("zz = 5")
    return "zz" in locals()
print(g())
