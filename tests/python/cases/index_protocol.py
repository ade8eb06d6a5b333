# __index__ wherever CPython takes it (indexing and slicing of range,
# sequences, bytes; range(), hex/oct/bin, %-formatting, chr, round,
# int(s, base), float(), math, slice.indices, repetition), range
# slicing and its start/stop/step/count/index/__reversed__.
import math, itertools, random
import operator
class Idx:
    def __init__(self, n): self.n = n
    def __index__(self): return self.n
def t(expr):
    try:
        r = eval(expr)
        print(expr, "->", repr(r))
    except Exception as e:
        print(expr, "!!", type(e).__name__, e)
for e in ["range(10)[Idx(3)]", "range(Idx(5))", "range(Idx(1), Idx(9), Idx(2))", "range(10)[Idx(1):Idx(5)]",
          "[1,2,3][Idx(1)]", "(1,2,3)[Idx(2)]", "'abc'[Idx(1)]", "b'abc'[Idx(1)]", "bytearray(b'abc')[Idx(0)]",
          "[1,2,3][Idx(1):]", "(1,2,3)[:Idx(2)]", "'abcdef'[Idx(1):Idx(5):Idx(2)]", "b'abc'[Idx(1):]", "memoryview(b'abc')[Idx(1)]",
          "hex(Idx(255))", "oct(Idx(8))", "bin(Idx(5))", "'%x' % Idx(255)", "'%o' % Idx(8)", "'%d' % Idx(3)", "'%X' % Idx(255)", "'%c' % Idx(65)",
          "b'%x' % Idx(255)", "b'%d' % Idx(3)", "operator.index(Idx(7))", "[0]*Idx(3)", "Idx(3)*[0]", "'ab'*Idx(2)", "(1,)*Idx(2)", "b'x'*Idx(3)",
          "bytearray(b'x')*Idx(2)", "int(Idx(3))", "float(Idx(3))", "complex(Idx(3))", "bytes(Idx(3))", "bytearray(Idx(2))", "chr(Idx(65))",
          "round(2.567, Idx(2))", "slice(Idx(1), Idx(5)).indices(10)", "'abc'.__getitem__(Idx(0))", "[1,2].pop(Idx(0))", "[1,2].insert(Idx(0), 5)",
          "'abc'.center(Idx(7))", "'abc'.ljust(Idx(5), '*')", "'a,b,c'.split(',', Idx(1))", "'abc'.find('c', Idx(1))", "[1,2,3].index(3, Idx(1))",
          "(1,2,3).index(3, Idx(1))", "'abcabc'.count('a', Idx(1))", "'a'.zfill(Idx(3))", "'a\tb'.expandtabs(Idx(2))", "divmod(Idx(7), 2)",
          "pow(Idx(2), 3)", "Idx(2) + 1", "math.comb(Idx(5), Idx(2))", "math.factorial(Idx(4))", "math.isqrt(Idx(17))", "math.gcd(Idx(6), 4)",
          "int('10', Idx(2))", "format(Idx(3), 'x')", "'{:x}'.format(Idx(3))", "list(range(10))[::Idx(3)]", "isinstance(range(3)[Idx(2)], int)",
          "(1).to_bytes(Idx(2), 'big')", "list(itertools.islice('abcdef', Idx(3)))", "random.Random(1).randrange(Idx(10)) >= 0",
          "bytes([Idx(65)])", "bytearray([Idx(66)])", "b'abc'.find(Idx(98))", "Idx(98) in b'abc'", "[x for x in range(3)].__getitem__(Idx(1))",
          "sum([1,2], Idx(0))", "abs(Idx(2))", "math.floor(Idx(2))", "math.sqrt(Idx(4))",
          "str(b'abc', 'ascii')", "'%i' % Idx(4)", "'%5.2d' % Idx(4)", "'%*d' % (Idx(3), 4)", "'%.*f' % (Idx(2), 1.5)"]:
    t(e)
l = [1,2,3,4]; l[Idx(0)] = 9; del l[Idx(1)]; l[Idx(0):Idx(1)] = [7,7]; print(l)
b = bytearray(b'abcd'); b[Idx(0)] = Idx(65); b[Idx(1):Idx(2)] = b'zz'; print(b)
for e in ["chr(1.5)", "chr('a')", "round(1.5, 'a')", "round(1, 1.5)", "int('1', 'a')", "int('1', 2.0)", "math.factorial('a')", "math.factorial(2.0)", "math.comb(1.0, 1)", "math.gcd(1.0)", "math.isqrt('a')", "math.sqrt('a')", "math.floor('a')", "float([])", "'%c' % 1.5", "'%c' % 'ab'", "'%x' % 1.5", "'%d' % 'a'", "range(3)[1.5]", "range(3)[::0]", "list(range(10))[::-1][:2]", "range(10)[2:8:3]", "range(0, 100, 7)[-3:]", "range(10)[-100:100]", "range(3).index(5)", "range(3).count('a')", "range(3).index(1.0)", "list(reversed(range(0,10,3)))", "list(reversed(range(0)))", "range(10, 0, -3).start", "math.ceil('a')"]:
    try:
        print(e, "->", repr(eval(e)))
    except Exception as ex:
        print(e, "!!", type(ex).__name__, ex)

class Big:
    # an __index__ that allocates and returns a big int
    def __init__(self, n): self.n = n
    def __index__(self):
        junk = [str(i) * 4 for i in range(30)]
        return self.n + len(junk) - 30
big = Big(2**70)
print(hex(big), "%x" % big, range(10**6)[Big(5)], float(big), math.floor(big))
try:
    range(3)[big]
except (IndexError, OverflowError) as e:
    print(type(e).__name__)
print([range(0, 50, 7)[Big(i):Big(i + 3)] for i in range(3)])
print(["abcdefgh"[Big(i)] for i in range(3)], [chr(Big(65 + i)) for i in range(3)])
print(round(3.14159, Big(3)), round(12345, Big(-2)), int("z", Big(36)), "%c%c" % (Big(104), Big(105)))
