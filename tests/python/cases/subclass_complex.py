# Classes derived from complex: __new__/__init__ overrides, results of the
# base's methods are plain complex, instance attributes, repr/str/format.
class C(complex):
    def __repr__(self): return "C" + super().__repr__()
    def norm(self): return abs(self)
c = C(3, 4)
print(c, repr(c), c.norm(), c.real, type(c + 1).__name__, c == 3+4j, isinstance(c, complex), str(c))
class C2(complex):
    def __new__(cls, r, i=0):
        return super().__new__(cls, r * 2, i)
print(C2(1, 1), type(C2(1)).__name__, C2(1).real)
print(complex(C(1,2)), type(complex(C(1, 2))).__name__, C(1,2).conjugate(), type(C(1,2).conjugate()).__name__)
print(f"{C(1,2)}", format(C(1, 2), ".1f"), hash(C(1, 2)) == hash(1+2j), {C(1, 2): 1}[1+2j])
class C3(complex):
    pass
z = C3(1.5); z.k = 1; print(z.k, z, C3("1+2j"), C3(), C3(real=2, imag=3), z.__dict__, type(-z).__name__, type(z * 2).__name__)
class C4(complex):
    def __init__(self, *a):
        self.tag = ["t"] * len(a)
w = C4(1, 2); print(w, w.tag, type(w).__name__, w.imag, abs(C4(3, 4)))
class C5(complex):
    def __add__(self, o): return "added"
print(C5(1) + 1, 1 + C5(1), C5(2) * 2, type(C5(2) * 2).__name__)
class Comp:
    def __complex__(self): return 2j
print(C3(Comp()), type(C3(Comp())).__name__)
