# The numbers protocol's attributes, hashes of ranges, and slices of
# tuple subclasses.
print((3).real, (3).imag, (2**70).numerator, True.real, type(True.real))
print((3).conjugate(), (-7).denominator, (2.5).real, (2.5).imag)
print((2.5).conjugate(), (-0.0).imag, type((3).imag).__name__)


class I(int):
    pass


class F(float):
    pass


print(type(I(4).real).__name__, type(F(1.5).real).__name__, I(4).numerator)
print(hash(range(2)) == hash(range(0, 2)), hash(range(0)) == hash(range(5, 5)))
print(hash(range(3, 4)) == hash(range(3, 9, 7)), {range(3): 1}[range(0, 3)])
print(hash(range(1, 10, 2)) == hash((5, 1, 2)))
print(hasattr(int, "__getitem__"), hasattr(list, "__getitem__"))


class T(tuple):
    pass


t = T((1, 2, 3))
print(type(t[:]).__name__, type(t[0:2]).__name__, t[:] == (1, 2, 3))
x = (1, 2)
print(x[:] is x, type(x[::1]).__name__)
try:
    (3).real = 4
except AttributeError as e:
    print("AttributeError", e)
# decimal text of ints around the tagged/boxed boundary (2**62)
for v in (0, 7, -7, 10, -10, 2**62 - 1, -2**62, 2**62, -2**62 - 1, 2**63, -2**63):
    print(str(v), repr(-v), f"{v:}", "%d" % v, "%i" % -v)
