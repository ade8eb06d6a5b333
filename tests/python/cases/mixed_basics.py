def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
def outer():
    x = 10
    def inner(y):
        return x + y
    return inner
print(outer()(5))
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())
squares = [i * i for i in range(10) if i % 2]
print(squares)
print({k: v for k, v in zip("ab", [1, 2])} if False else {x: x * 2 for x in range(3)})
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
finally:
    print("finally")
try:
    try:
        raise ValueError("inner")
    finally:
        print("cleanup")
except ValueError as e:
    print("outer caught", repr(e))
a, *b, c = [1, 2, 3, 4, 5]
print(a, b, c)
x = 5
x += 3
print(x, x > 3 and x < 10, not x, 1 < x < 10 < 3)
s = "hello world"
print(s.upper(), s.split(), "-".join(["a", "b"]), f"{x:>5}|{s!r}")
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print("i", i)
else:
    print("no")
print(sum(range(100)), max([3, 1, 2]), min(3, 1, 2), abs(-5))
