# Classes derived from built-in types: the built-in behaviour, plus
# attributes, overridden methods and super() calls.


class D(dict):
    def __missing__(self, k):
        return len(k)


d = D(a=1)
d.x = 5
print(d, d["a"], d["zzz"], d.x, type(d).__name__, isinstance(d, dict))
print(d.get("q"), "q" in d, list(d.items()), d.__dict__)


class Counting(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.writes = 0

    def __setitem__(self, k, v):
        self.writes += 1
        super().__setitem__(k, v)


c = Counting({"a": 1})
c["b"] = 2
c["c"] = 3
print(c, c.writes, len(c), sorted(c))


class L(list):
    def total(self):
        return sum(self)

    def __repr__(self):
        return "L(" + super().__repr__() + ")"


lst = L([1, 2, 3])
lst.append(4)
lst += [5]
print(lst, lst.total(), len(lst), lst[1:], type(lst[1:]).__name__, type(lst))
print(lst == [1, 2, 3, 4, 5], sorted(lst, reverse=True), L(), L("ab"))


class Stack(list):
    push = list.append

    def peek(self):
        return self[-1]


s = Stack()
s.push(1)
s.push(2)
print(s.peek(), s.pop(), s, isinstance(s, list), issubclass(Stack, list))


class P(tuple):
    __slots__ = ()

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    def __repr__(self):
        return "P(x=%r, y=%r)" % self


p = P(1, 2)
print(p, p.x, type(p).__name__, p == (1, 2), hash(p) == hash((1, 2)))
a, b = p
print(a, b, p + (3,), len(p), p[::-1], {p: "v"}[(1, 2)])
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError", e)


class I(int):
    def double(self):
        return self * 2


i = I(21)
print(i, i.double(), type(i).__name__, i + 1, type(i + 1).__name__, repr(i))
print(I("ff", 16), I(), i == 21, hash(i) == hash(21), -i, i > 20, [0, 1][I(1)])
i.tag = "t"
print(i.tag, isinstance(i, int), int(i), type(int(i)).__name__)
big = I(2**100)
print(big, big + 1, type(big).__name__)


class S(str):
    def shout(self):
        return self.upper() + "!"


s = S("hi")
print(s, s.shout(), type(s).__name__, len(s), s == "hi", {s: 1}["hi"], s + "x")
print(repr(s), s[0], type(s[0]).__name__, s.startswith("h"), f"{s}|{s!r}")
print(str(s), type(str(s)).__name__, S("é") + "ü", "%s" % S("pct"))


class F(float):
    pass


f = F(1.5)
print(f + 1, type(F(2.0)).__name__, F("2.5"), f == 1.5, round(f), repr(f))


class E(set):
    pass


class Fz(frozenset):
    pass


e = E([1, 2])
e.add(3)
print(e, type(E()).__name__, 2 in e, Fz([1]), Fz([1]) == frozenset([1]))
print(sorted(e | {9}), type(e | {9}).__name__)


class Point(tuple):
    def __new__(cls, *args):
        return super().__new__(cls, args)


print(Point(1, 2, 3), type(Point(1)).__name__)

try:

    class Bad(int, str):
        pass

except TypeError as e:
    print("TypeError", e)
try:

    class B2(bool):
        pass

except TypeError as e:
    print("TypeError", e)


class Mixin:
    def describe(self):
        return f"{type(self).__name__} of {len(self)}"


class ML(Mixin, list):
    pass


print(ML([1, 2]).describe(), ML.__mro__)
print(vars(ML([1])), ML([3]).__class__)
