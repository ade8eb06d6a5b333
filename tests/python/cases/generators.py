def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(5)), sum(count(101)))
g = count(2)
print(next(g), next(g), next(g, "end"))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop.args if False else "done")
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(3))))
def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
squares = (x * x for x in range(6) if x % 2)
print(squares.__class__.__name__ if False else "gen", list(squares), list(squares))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = guarded()
print(next(g))
g.close()
print("closed")
def catcher():
    while True:
        try:
            yield
        except ValueError as err:
            print("caught in generator:", err)
c = catcher()
next(c)
c.throw(ValueError("boom"))
c.throw(ValueError("again"))
def stops():
    yield 1
    raise StopIteration
try:
    list(stops())
except RuntimeError as err:
    print("RuntimeError:", err)
print(sum(x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]))
nested = [[j for j in range(i)] for i in range(4)]
print(nested, list(zip_ if False else (p for p in "xy")))
