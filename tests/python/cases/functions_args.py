def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9, d=0))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
def h(*args, **kwargs):
    return args, kwargs
print(h(), h(1, 2), h(a=1), h(*[1, 2], **{"k": 3}))
print((lambda x, y=10: x * y)(3), (lambda *a: sum(a))(1, 2, 3))
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults(), defaults([0]))
for call in [lambda: f(), lambda: f(1), lambda: g(1, 2, 3), lambda: g(x=1, y=2, z=3),
             lambda: f(1, c=1, a=2), lambda: f(1, c=3, zz=1) and h(q=1)]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)
def unexpected(a):
    pass
try:
    unexpected(b=1)
except TypeError as e:
    print("TypeError:", e)
try:
    unexpected(1, 2)
except TypeError as e:
    print("TypeError:", e)
