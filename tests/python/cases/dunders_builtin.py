class Base:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return "Base(" + repr(self.x) + ")"
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def __repr__(self):
        return super().__repr__() + "+" + str(self.y)
print(Child(1, 2), int.__add__(3, 4), (5).__mul__(6), "ab".__len__(), [1, 2].__getitem__(1))
print(object.__repr__(Child(1, 2))[:15], str.__str__("s"), int.__radd__(1, 2), (7).__neg__())
class E(ValueError):
    def __init__(self, code):
        super().__init__(f"error {code}")
        self.code = code
e = E(42)
print(e, e.args, e.code, repr(e))
class Plain:
    pass
p = Plain()
object.__setattr__(p, "a", 5)
print(p.a, object.__getattribute__(p, "a"), p.__eq__(p), p.__ne__(p), hash(p) == object.__hash__(p))
class N:
    def __new__(cls, *args):
        obj = super().__new__(cls)
        obj.created = True
        return obj
    def __init__(self, v):
        self.v = v
n = N(3)
print(n.created, n.v, type(n).__name__, isinstance(n, N))
class Multi(Exception):
    pass
try:
    raise Multi("a", "b")
except Multi as m:
    print(m, m.args, str(m))
print(list.__len__([1, 2, 3]), dict.__contains__({1: 2}, 1), tuple.__contains__((1,), 2))
