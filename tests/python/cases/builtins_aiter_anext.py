# aiter() and anext() without async syntax: awaitables driven by hand;
# next() keeps the value of a StopIteration a __next__ raised
class Aw:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        if self.v is None:
            raise StopAsyncIteration
        yield ("step", self.v)
        return self.v * 10


class AI:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    def __anext__(self):
        self.i += 1
        return Aw(self.i if self.i <= self.n else None)


def drive(awaitable):
    it = awaitable.__await__()
    out = []
    try:
        while True:
            out.append(it.send(None))
    except StopIteration as e:
        out.append(("result", e.value))
    except StopAsyncIteration:
        out.append("StopAsyncIteration")
    return out


a = AI(2)
print(aiter(a) is a)
print(drive(anext(a)), drive(anext(a)), drive(anext(a)))
b = AI(1)
aw = anext(b, "done")
print(type(aw).__name__, type(aw).__module__, aw.__await__() is aw, next(aw), next(aw))
for dflt in ("done", None):
    try:
        next(anext(b, dflt))
    except StopIteration as e:
        print("StopIteration", e.value)
aw = anext(AI(0), 5)
try:
    next(aw)
except StopIteration as e:
    print("StopIteration", e.value)
aw = anext(AI(3), 0)
print(next(aw), aw.send(None))
try:
    aw.throw(ValueError("in"))
except ValueError as e:
    print("ValueError", e)
aw.close()
for bad in (1, "s", [1]):
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        anext(bad)
    except TypeError as e:
        print("TypeError", e)


class BadAiter:
    def __aiter__(self):
        return 1


try:
    aiter(BadAiter())
except TypeError as e:
    print("TypeError", e)


class NotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 42


try:
    next(anext(NotAwaitable(), 0))
except TypeError as e:
    print("TypeError", e)
print(anext(NotAwaitable()))
for args in ((), (1, 2, 3)):
    try:
        anext(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    aiter()
except TypeError as e:
    print("TypeError", e)
class I:
    def __iter__(self): return self
    def __next__(self): raise StopIteration(7)
try: next(I())
except StopIteration as e: print("a", e.value, e.args)
def f():
    try:
        raise StopAsyncIteration
    except StopAsyncIteration:
        raise StopIteration(8) from None
try: f()
except StopIteration as e: print("b", e.value, e.args)
try: raise StopIteration(9)
except StopIteration as e: print("c", e.value)
