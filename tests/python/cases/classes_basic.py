class Point:
    """A point."""
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, Point.count, p.norm2())
print(Point.__doc__ if False else "doc", len({p, Point(1, 2), q}))
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __str__(self):
        return f"Animal({self.name})"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("Rex")
print(d.speak(), str(d), isinstance(d, Animal), isinstance(d, Dog), isinstance(p, Animal))
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__] if False else D().who())
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        self._c = v
    @staticmethod
    def zero():
        return 0
    @classmethod
    def make(cls):
        return cls()
t = Temp.make()
t.celsius = 25
print(t.celsius, Temp.zero(), t.zero(), type(t) is Temp)
class Seq:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError(i)
        return i * i
    def __contains__(self, x): return x == 4
    def __iter__(self): return iter([self[i] for i in range(self.n)])
s = Seq(4)
print(len(s), s[3], 4 in s, 5 in s, list(s), bool(Seq(0)), bool(s))
class Counter:
    def __init__(self): self.n = 0
    def __call__(self, k=1):
        self.n += k
        return self.n
c = Counter()
c(); c(5)
print(c.n, callable(c))
class MyError(Exception):
    pass
try:
    raise MyError("custom")
except Exception as e:
    print(type(e).__name__ if False else "MyError", e, isinstance(e, MyError))
o = object()
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
class Empty: pass
e = Empty()
e.a = 1
print(e.a, getattr(e, "b", "nob"), hasattr(e, "a"))
try:
    e.zz
except AttributeError as err:
    print("AttributeError:", err)
