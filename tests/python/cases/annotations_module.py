# Annotations of module and class bodies: evaluated in order, stored in
# __annotations__ (simple names only), never for functions' local names
order = []


def note(label, value):
    order.append(label)
    return value


x: note("x-ann", int) = note("x-value", 1)
y: note("y-ann", str)
(z): note("z-ann", float) = 2.5
print(__annotations__, x, "y" in globals(), z)


class Holder:
    pass


h = Holder()
h.attr: note("attr-ann", int) = 3
d = {}
d["k"]: note("item-ann", list) = [1]
print(h.attr, d, "attr" in __annotations__)


class A:
    a: int
    b: "forward" = "b"
    c: note("c-ann", dict) = {}

    class Inner:
        i: bytes = b"i"

    def method(self) -> None:
        local: note("never", int) = 5
        return local


print(A.__annotations__, A.Inner.__annotations__, A.b, A().method())
print(A.method.__annotations__)


def f(p: int, *args: str, q: "kw" = 1, **kw: float) -> list:
    inner: int = 3
    return [p, inner]


print(f.__annotations__, f(1))
print(order)


class NoAnnotations:
    v = 1


print("__annotations__" in NoAnnotations.__dict__)
__annotations__["extra"] = bool
w: complex = 1j
print(__annotations__)
