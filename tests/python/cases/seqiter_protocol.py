# Objects iterable only through __getitem__ (the old sequence protocol).


class Seq:
    def __init__(self, n):
        self.n = n
        self.calls = []

    def __getitem__(self, i):
        self.calls.append(i)
        if i >= self.n:
            raise IndexError(i)
        return i * 10


s = Seq(4)
for x in s:
    print("for", x)
print(s.calls)
print(list(Seq(3)), tuple(Seq(2)), set(Seq(3)) == {0, 10, 20})
print(10 in Seq(3), 15 in Seq(3), 30 in Seq(3))
a, b, c = Seq(3)
print(a, b, c)
first, *rest = Seq(5)
print(first, rest)
print(sorted(Seq(4), reverse=True), sum(Seq(4)), max(Seq(4)), min(Seq(4)))
print(list(enumerate(Seq(3))), list(zip(Seq(3), "ab")))
print(list(map(str, Seq(3))), list(filter(None, Seq(3))))
print(any(Seq(2)), all(Seq(2)), dict.fromkeys(Seq(2)))
print([y + 1 for y in Seq(3)], {y: 1 for y in Seq(2)})
print(" ".join(str(x) for x in Seq(3)), [*Seq(2)], (*Seq(2),))
print(sorted({*Seq(3)}))

it = iter(Seq(2))
print(type(it).__name__, iter(it) is it)
print(next(it), next(it), next(it, "done"), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")


class StopSeq:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


print(list(StopSeq()))


class BadSeq:
    def __getitem__(self, i):
        if i == 1:
            raise KeyError("boom")
        return i


try:
    list(BadSeq())
except KeyError as e:
    print("KeyError", e)


def f(*args):
    return args


print(f(*Seq(3)))


class Dictish:
    def __getitem__(self, k):
        if k > 2:
            raise IndexError
        return "v%d" % k


print(list(Dictish()))


class NoIter:
    __iter__ = None

    def __getitem__(self, i):
        return i


for make in (lambda: iter(NoIter()), lambda: list(NoIter()),
             lambda: [x for x in NoIter()]):
    try:
        make()
    except TypeError as e:
        print("TypeError", e)
try:
    for x in NoIter():
        pass
except TypeError as e:
    print("TypeError", e)
try:
    a, b = NoIter()
except TypeError as e:
    print("TypeError", e)


class Plain:
    pass


for make in (lambda: iter(Plain()), lambda: list(Plain()),
             lambda: 1 in Plain()):
    try:
        make()
    except TypeError as e:
        print("TypeError", e)

# iter(callable, sentinel)
vals = [1, 2, 3, 0, 5]
print(list(iter(lambda: vals.pop(0), 0)), vals)
try:
    iter(5, 0)
except TypeError as e:
    print("TypeError", e)


class Sub(Seq):
    pass


print(list(Sub(2)), list(reversed(Seq(0))) if hasattr(Seq, "__len__") else "nolen")


class LenSeq(Seq):
    def __len__(self):
        return self.n


print(list(reversed(LenSeq(3))))

# consumers that check iterability up front
lst = [1, 2, 3]
lst[1:2] = Seq(2)
print(lst, "-".join(Dictish()), b"".join(iter(lambda: b"x", b"x")))
ba = bytearray(b"ab")
ba.extend(Seq(2))
print(ba, bytes(Seq(3)), bytearray(Seq(2)))
for bad in (int, list, 5, {1: 2}.keys):
    try:
        iter(bad)
        print("iterable", bad)
    except TypeError as e:
        print("TypeError", e)


class D(dict):
    def __getitem__(self, k):
        return 1


print(list(D(a=1, b=2)))


class Meta(type):
    def __getitem__(cls, i):
        if i >= 2:
            raise IndexError
        return cls.__name__ + str(i)


class WithMeta(metaclass=Meta):
    pass


class OtherMeta(type):
    pass


class Plain2(metaclass=OtherMeta):
    pass


print(list(WithMeta), "WithMeta1" in WithMeta)
try:
    list(Plain2)
except TypeError as e:
    print("TypeError", e)
