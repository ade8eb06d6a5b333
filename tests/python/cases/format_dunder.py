# format(), f-strings and str.format call a class's __format__; object.__format__
# refuses a non-empty spec; the built-in formatters give str(v) for an empty one.
class A:
    def __format__(self, spec):
        return "A<" + spec + ">"
a = A()
print(format(a, "xyz"))
print(format(a))
print(f"{a:abc}", f"{a}", f"{a!r:>5}"[:3])
print("{:q}".format(a), "{0:w}".format(a), "{}".format(a))
print("%s" % a is not None)
class B: pass
b = B()
print(format(b, "") == str(b))
try:
    format(b, "x")
except TypeError as e:
    print(e)
try:
    f"{b:x}"
except TypeError as e:
    print(e)
try:
    "{:x}".format(b)
except TypeError as e:
    print(e)
try:
    object.__format__(b, "d")
except TypeError as e:
    print(e)
class C:
    def __format__(self, spec):
        return 5
try:
    format(C(), "")
except TypeError as e:
    print(e)
class D(int):
    def __format__(self, spec):
        return "D" + spec
print(format(D(3), "x"), f"{D(3):5}", "{:y}".format(D(1)))
class E(float): pass
print(format(E(2.5), ".3f"))
class S(str):
    def __format__(self, spec): return "S!" + spec
print(format(S("a"), "z"), f"{S('q')}")
print(format(3, "x"), int.__format__(5, "b"), object.__format__(b, "") == str(b))
print(type(a).__format__(a, "s"))
class F:
    def __str__(self): return "strF"
print(format(F()), f"{F()}", "{}".format(F()), f"{F()!s:>6}")
try:
    format(a, 5)
except TypeError as e:
    print(e)
print(format(1.5), format("s", ">3"))
class I(int):
    def __str__(self): return "I!"
class F(float):
    def __str__(self): return "F!"
class S(str):
    def __str__(self): return "S!"
for v in [I(3), F(1.5), S("x"), True, 1+2j, None, [1]]:
    print(f"{v}", format(v), "{}".format(v), f"{v!s}", format(v, ""))
print(f"{I(3):>4}", f"{F(1.5):.2f}", f"{S('x'):>3}", f"{True:d}", f"{True:>5}")
print((1).__format__("x"), (2.5).__format__("e"), "a".__format__(">2"), object().__format__("") [:8])
for f in [lambda: (1).__format__(), lambda: object.__format__(1, 'd'), lambda: object.__format__(1.5, ''), lambda: format([1], "x"), lambda: f"{None:>3}"]:
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
class Alloc:
    # __format__ that allocates: the spec and the result survive it
    def __format__(self, spec):
        parts = [spec * 3 for _ in range(50)]
        return "|".join(parts[:2]) + str(list(range(3)))
items = [Alloc() for _ in range(3)]
print(f"{items[0]:ab} {items[1]} {items[2]:{'c' + 'd'}}")
print("{0:x}-{1:yy}-{0}".format(*items[:2]), format(items[2], "z"))
