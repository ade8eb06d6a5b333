# f(*x) and f(**m) with x not iterable or m not a mapping: CPython 3.11
# names the function ("module.qualname()"); repeated keywords.
def f(*a, **k):
    return a, k


class A:
    def m(self, *a, **k):
        return a, k

    @classmethod
    def c(cls, *a):
        return a

    @staticmethod
    def s(*a):
        return a


class NotMap:
    pass


class Keys:
    def keys(self):
        return ["x"]

    def __getitem__(self, k):
        return 1


a = A()
cases = [
    lambda: f(*None),
    lambda: f(**None),
    lambda: f(1, *None),
    lambda: f(*[1], *None),
    lambda: f(x=1, **None),
    lambda: f(**{}, **None),
    lambda: a.m(*None),
    lambda: a.m(**None),
    lambda: A.m(a, *5),
    lambda: A.c(*None),
    lambda: A.s(**None),
    lambda: print(*None),
    lambda: len(**None),
    lambda: f(**NotMap()),
    lambda: f(*NotMap()),
    lambda: f(**[1]),
    lambda: f(**Keys()),
    lambda: (lambda *x: x)(*None),
    lambda: type(*None),
    lambda: A(*None),
    lambda: int(**1),
    lambda: f(**{1: 2}),
    lambda: f(x=1, **{"x": 2}),
    lambda: a.m(**{"x": 1}, **{"x": 2}),
    lambda: [].append(*None),
    lambda: f(*1, **{}),
]
for c in cases:
    try:
        print(c())
    except TypeError as e:
        print("TypeError:", e)


class T(tuple):
    def __iter__(self):
        return iter((7, 8, 9))


print(f(*T((1, 2))), f(*(x * 2 for x in range(3))), f(*"ab"))
print(f(**Keys()), f(*[1], **{"y": 2}, z=3), a.m(*(1,), **{"q": 1}))


class Seq:
    def __getitem__(self, i):
        if i > 1:
            raise IndexError
        return i


print(f(*Seq()))


class BadIter:
    def __iter__(self):
        raise TypeError("inner")


for c in (lambda: f(*BadIter()), lambda: f(**{"x": 1}, x=2),
          lambda: f(**{"a": 1}, **{"a": 2})):
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)

# list and tuple subclasses are iterated through their own __iter__


class L(list):
    def __iter__(self):
        return iter((7,))


print(list(T((1, 2))), tuple(T((1, 2))), list(L([1, 2])), [*T((1,))],
      sorted(T((3,))))
