# CPython's messages for unpacking what cannot be unpacked: a, b = x,
# [*x], {**x}
class NoIter:
    pass
class WithGetitem:
    def __getitem__(self, i):
        if i < 2:
            return i
        raise IndexError
class BadIter:
    def __iter__(self):
        raise TypeError("custom iter failure")
a, b = 0, 1
print(a, b)
for v in (NoIter(), 5, None, BadIter(), "ab", {1: 2}):
    try:
        x, y = v
        print("ok", x, y)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
    try:
        print([*v])
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        print({**v})
    except (TypeError, AttributeError, ValueError) as e:
        print(type(e).__name__, e)
class KeysOnly:
    def keys(self):
        return ["k"]
    def __getitem__(self, k):
        return k * 2
print({**KeysOnly()})
class L(list):
    pass
p, q = L([1, 2])
print(p, q)
