# "from __future__ import annotations" turns each annotation into the
# text CPython 3.11 unparses from its AST (compile() with the flag).
import __future__

FLAG = __future__.annotations.compiler_flag
EXPRS = r"""
a
a.b.c
1 .real
1.5.real
a[b]
a[b, c]
a[b,]
a[()]
a[(b, c)]
a[1:2]
a[:]
a[::]
a[1:]
a[:2:3]
a[b:c, d]
a[*b]
f()
f(a, b, *c, d=1, **e)
f(x for x in y)
f((x for x in y), 1)
f(*a, *b, **c, **d)
'str'
"it's"
'say "hi"'
'both \' and "'
'\n\t\x00\x7f\u1234\U0001f600é'
b'bytes\x00\xff\'"'
u'unicode'
...
None
True
False
123
0x1F
0o17
0b101
10**30
123456789012345678901234567890
0xffffffffffffffffffffffffffff
1.0
1.5e300
1e400
1e-7
0.1
3j
1.5j
1e400j
1_000
-1
+a
~a
not a
-(-a)
- -a
not not a
a + b * c
(a + b) * c
a - (b - c)
(a - b) - c
a ** b ** c
(a ** b) ** c
-a ** b
(-a) ** b
a ** -b
a // b % c @ d
a << b >> c
a | b ^ c & d
(a | b) & c
a and b or c
a and (b or c)
a or b or c
(a and b) and c
a < b <= c
(a < b) < c
a is not b
a not in b
a in b == c
not a < b
(not a) < b
a if b else c
(a if b else c) if d else e
a if (b if c else d) else e
lambda: 1
lambda x: x
lambda x, /, y: x
lambda *, k: k
lambda *a, **k: a
lambda a=1, b=(1, 2): a
(lambda: 1)()
x + (lambda: 1)
{}
{a: b}
{a: b, **c, d: e}
{a, b}
[]
[a, b, *c]
()
(a,)
(a, b)
((a, b), c)
[x for x in y]
[x for x in y if x if z]
[x for x, y in z for q in x]
{x for x in y}
{x: y for x, y in z}
(x for x in y)
[x async for x in y]
[x for x in (a if b else c)]
f'plain'
f'{a}'
f'{a!r}'
f'{a!s:>10}'
f'{a:{b}.{c}}'
f'{a=}'
f'{a + b=!s}'
f'x{{y}}z{a}'
f'{"s"}'
f"{a['k']}"
f'{ {a: b} }'
f'{a:%Y-%m-%d}'
f'{a}' 'b' f'{c!a}'
'a' 'b'
a.b(c)[d].e
(a + b).c
(a + b)[c]
(-1).real
(1).real
(1.5).real
f(a)(b)
a[b][c]
f'{a!r:{b}}'
f'{x:{{}}}'
f'{"a" if b else "c"}'
f'{a}\n{b}'
f'{a} "q" \'s\''
f'{{a}}'
'\ud800'
1e16
1e-5
123.456e100
2.5e-10j
0.0
-0.0
{**(a or b)}
[*(a or b)]
(*a, b)
[*a, *b]
f(*(a or b), **(c or d))
f(a=lambda: 1, b=c if d else e)
a if b else (lambda: c)
(lambda: a) if b else c
not (a and b)
-(a + b)
a[b:c, d:e]
a[1:2,]
x.y.z(1)(2)[3]
a < (b < c)
(a, b) == (c, d)
[(a, b) for a, b in c]
[(yield_) for q in r]
{(a, b): c}
{a: (b, c)}
a[b][c:d]
a ** (b if c else d)
(a if b else c) ** d
(a + b) ** c
a ** (b * c)
-a.b
-a[1]
-f(x)
(a.b)
a @ b @ c
a @ (b @ c)
a - -b
a + +b
~~a
a is b is c
a == b != c
a in (b, c)
(a or b)(c)
(a.b if c else d).e
[x for x in y][0]
[a, b][0:1]
{a, b} | {c}
'' 
""
b''
'\\'
'\r\x1b'
'\u00e9\u200b\xa0\u2028'
f(a)[b:c:d]
x.__dict__
'multi' 'ple' 'strings'
"""

for i, e in enumerate(EXPRS.strip("\n").split("\n")):
    ns = {}
    exec(compile("x: " + e, "<ann>", "exec", FLAG), ns)
    print(i, repr(ns["__annotations__"]["x"]))

# the same expressions as parameter and return annotations
for e in ("a if b else c", "lambda*a: a", "(yield_) + 1", "[*a]"):
    ns = {}
    exec(compile("def f(p: %s) -> %s: pass" % (e, e), "<ann>", "exec", FLAG), ns)
    print(ns["f"].__annotations__)
