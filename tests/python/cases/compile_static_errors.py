# SyntaxErrors the compiler (not the parser) raises: __debug__ bound,
# 'yield' in a comprehension, too many nested blocks, two starred
# targets, nonlocal without binding, import * in a function; message,
# line and column as CPython's.


def nested(head, n, tail):
    src = ""
    for i in range(n):
        src += " " * i + head + "\n"
    return src + " " * n + tail + "\n"


tests = [
    "__debug__ = 1",
    "__debug__ += 1",
    "x.__debug__ += 1",
    "del __debug__",
    "del x.__debug__",
    "for __debug__ in x: pass",
    "(__debug__ := 1)",
    "import a as __debug__",
    "from a import b as __debug__",
    "try:\n pass\nexcept E as __debug__:\n pass",
    "with x as __debug__: pass",
    "__debug__: int",
    "__debug__: int = 1",
    "x.__debug__: int",
    "x.__debug__ = 1",
    "class __debug__: pass",
    "class C(__debug__=1): pass",
    "def __debug__(): pass",
    "def f(*, __debug__): pass",
    "def f(a, /, __debug__=2): pass",
    "lambda *__debug__: 1",
    "def f(**__debug__): pass",
    "f(__debug__=1)",
    "x = __debug__",
    "[__debug__ for __debug__ in x]",
    "[(yield) for x in y]",
    "{(yield) for x in y}",
    "{(yield): 1 for x in y}",
    "((yield) for x in y)",
    "[x for x in y if (yield)]",
    "[(yield from a) for x in y]",
    "[[(yield) for a in b] for c in d]",
    "[x for x in (yield)]",
    "[lambda: (yield) for x in y]",
    "def f():\n return [(yield) for x in y]",
    nested("while 1:", 20, "pass"),
    nested("while 1:", 21, "pass"),
    "def f():\n" + nested(" for x in y:", 21, "pass"),
    nested("with a:", 25, "pass"),
    "(a, *b, *c) = x",
    "a, (b, *c, *d) = x",
    "for a, *b, *c in x: pass",
    "def f():\n nonlocal x",
    "def f():\n x = 1\n def g():\n  def h():\n   nonlocal y",
    "def f():\n  pass\n  nonlocal q, r",
    "def f():\n from x import *",
    "class C:\n def f(self):\n  from m import *",
]
for src in tests:
    try:
        compile(src + "\n", "<test>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)
