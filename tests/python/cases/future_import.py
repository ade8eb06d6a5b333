"""from __future__ imports: the __future__ module, string annotations
everywhere in a module, and the placement rules."""
from __future__ import annotations
from __future__ import generator_stop, division as div

import __future__

print(div)
print(__future__.all_feature_names)
for name in __future__.all_feature_names:
    feat = getattr(__future__, name)
    print(name, feat.getOptionalRelease(), feat.getMandatoryRelease(),
          hex(feat.compiler_flag), feat)
print(__future__.CO_FUTURE_ANNOTATIONS, __future__._Feature.__name__)

calls = []


def note(x):
    calls.append(x)
    return x


def f(a: note(1), b: list[int] = 2, *args: str, k: "q" = 3,
      **kw: dict[str, int]) -> tuple[int, ...]:
    x: note(2) = 5
    return x


print(f.__annotations__, f(0), calls)
g: note(3) + 1
h: dict[str, "x"] = {}
print(__annotations__, calls, h)


class C:
    __private: int
    attr: C | None = None
    other: lambda: undefined_name

    def m(self, other: C) -> C:
        return self


print(C.__annotations__, C.m.__annotations__, C.attr)
print(f.__code__.co_flags & __future__.CO_FUTURE_ANNOTATIONS,
      C.m.__code__.co_flags & __future__.CO_FUTURE_ANNOTATIONS)

# compile() and exec() inherit the future features unless dont_inherit
ns = {}
exec("y: 1 + 1", ns)
print(ns["__annotations__"])
ns = {}
exec(compile("y: 1 + 1", "<s>", "exec", dont_inherit=True), ns)
print(ns["__annotations__"])

for src in ["import os\nfrom __future__ import division",
            "from __future__ import nosuch",
            "from __future__ import annotations, braces",
            "'''doc'''\nfrom __future__ import (generators, nested_scopes)",
            "def f():\n    from __future__ import annotations",
            "from __future__ import annotations; from __future__ import division",
            "'''doc'''\n'''doc2'''\nfrom __future__ import annotations",
            "from __future__ import *",
            "x: (yield)",
            "def f(a: (b := 1)): pass",
            "def f():\n    x: (yield) = 1",
            "def f() -> (await x): pass",
            "class A:\n    x: [(yield from y)]"]:
    try:
        exec(compile(src, "<s>", "exec"), {})
        print("ok")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
