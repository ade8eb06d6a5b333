print(len("abc"), len([1, 2]), len({1: 2}), len(range(10)))
print(abs(-3), abs(2.5), min(3, 1, 2), max([1, 5, 3]), min("bca"), max(1, 2, key=lambda x: -x))
print(sum([1, 2, 3]), sum([0.5, 0.5]), sum([[1], [2]], []))
print(isinstance(1, int), isinstance(True, int), isinstance("x", (int, str)), isinstance(1.0, int))
print(chr(65), ord("A"), chr(0x20AC), ord("€"))
print(repr([1, "a", None, True, 1.5, (1,), {}]))
print(callable(len), callable(1), hash("abc") == hash("abc"))
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -2)), range(5))
print(5 in range(10), 10 in range(10), range(0, 10, 2)[3], len(range(0, 100, 7)))
print(getattr("abc", "upper")(), hasattr("abc", "nope"), getattr(1, "nope", "default"))
print(type(1), type("x"), type([]), type(None), type(len))
print(min([], default=0), max([], default="none"))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
