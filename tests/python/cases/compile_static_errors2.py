# More of the compiler's static checks: := in a comprehension's
# iterable, annotated subscript targets (evaluated, no starred item),
# *args: *Ts annotations (PEP 646).
tests = [
    "x = [y for x in (z := data)]",
    "x = [y for x in a for y in (z := b)]",
    "x = [y for x in a if (z := 1)]",
    "x = [y for x in (lambda: (z := 1))()]",
    "x = [y for x in [(z := 1) for w in v]]",
    "x = [y for x in [w for w in (z := v)]]",
    "x = {y: 1 for x in a for y in ((z := 1),)}",
    "x = [y for x in a for y in [(z := 1) for w in v]]",
    "def f():\n x[*a]: int",
    "def f():\n x[a, *b]: int",
    "def f():\n x[*a]: int = 1",
    "def f(*args: *Ts): pass",
    "def f(*args: *tuple[int, ...]): pass",
    "lambda *a: 1",
]
for src in tests:
    try:
        compile(src + "\n", "<test>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)

log = []


def f(x):
    log.append(x)
    return x


def g(d):
    # in a function the annotation is never evaluated; the target's
    # object and subscript are
    d[f(1)]: f(2)
    d[f(3):f(4):f(5)]: f(6)
    d[f(7), f(8):f(9)]: f(10)
    d.attribute: f(11)
    d[f(12)]: f(13) = f(14)


class D(dict):
    attribute = None


d = D()
g(d)
print(log, dict(d))


def h():
    undefined_name[1]: int


try:
    h()
except NameError as e:
    print("NameError", e)


class Ts:
    def __iter__(self):
        return iter(["unpacked"])


def k(*args: *Ts()):
    pass


print(k.__annotations__)
try:
    def m(*args: *[1, 2]):
        pass
except ValueError as e:
    print("ValueError", e)

# eval() ignores leading spaces and tabs; compile() and exec() do not
print(eval(" \t 1 + 1"))
for src, mode in [("  1", "eval"), ("\t1", "eval"), ("  x = 1", "exec")]:
    try:
        compile(src, "<s>", mode)
        print("ok")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
try:
    exec("  x = 1")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset)
