# The dunder methods of built-in types called directly with operands of
# the wrong type: NotImplemented where CPython's slot wrappers give it,
# the sequence wrappers' own errors (__mul__ wants an index, __add__ a
# sequence of the same type), in-place methods, object's comparisons.
def t(expr):
    try:
        r = eval(expr)
        print(expr, "->", repr(r))
    except Exception as e:
        print(expr, "!!", type(e).__name__, e)
for e in ["'a'.__mul__(None)", "'a'.__rmul__(None)", "'a'.__add__(1)", "'a'.__mul__(2)", "'a'.__mod__(1)",
          "[1].__add__((1,))", "[1].__mul__('x')", "[1].__rmul__(2)", "[1].__iadd__((2,))", "[1].__imul__('x')",
          "(1,).__add__([1])", "(1,).__mul__(None)", "(1,).__rmul__(3)",
          "(1).__add__(1.5)", "(1).__mul__('a')", "(1).__radd__(None)", "(1).__truediv__(0.5)", "(1).__lt__(2.0)", "(1).__eq__('a')",
          "(1.5).__add__('a')", "(1.5).__mul__(2)", "(1.5).__lt__(None)", "(1.5).__eq__(1)", "(1.5).__rsub__(1)", "(1.5).__pow__(None)",
          "'a'.__lt__(1)", "'a'.__eq__(1)", "'a'.__ge__('b')", "[1].__lt__((1,))", "(1,).__le__([1])", "[1].__eq__(None)",
          "b'a'.__add__('x')", "b'a'.__mul__(None)", "b'a'.__lt__('a')", "bytearray(b'a').__add__(1)",
          "{1}.__or__([1])", "{1}.__lt__([1])", "{1:2}.__or__([1])", "{1:2}.__eq__(1)", "(1+2j).__add__('a')", "(1+2j).__lt__(1)",
          "(1).__and__(1.0)", "True.__and__(1)", 
          "range(3).__eq__(1)", "(1).__ne__(None)", "'a'.__ne__(1)", "(1.0).__floordiv__('x')", 
          "'%s'.__rmod__(3)", "(2).__rlshift__(1.0)", "(1).__rtruediv__('a')", "slice(1).__eq__(1)", "object().__eq__(1)", "object().__lt__(1)",
          "None.__eq__(1)", "(1).__lshift__(None)", "[].__contains__(1)", "frozenset().__and__(1)"]:
    t(e)

class R:
    def __rmul__(self, other): return ("rmul", other)
    def __radd__(self, other): return ("radd", other)
    def __gt__(self, other): return "R.gt"
print("ab" * R(), [1] * R(), (1,) + R(), "s" + R(), [0] < R())
print(object().__lt__(object()), object.__ge__(1, 2), (1).__lt__(2), object().__eq__(3))
l = [1]
print(l.__iadd__((2, 3)), l.__imul__(2), l, {1}.__ior__({2}), {1, 2}.__iand__({2}), {1, 2}.__isub__({1}), {1}.__ixor__({2}))
ba = bytearray(b"x")
print(ba.__iadd__(b"y"), ba.__imul__(2), ba)
class Idx:
    def __index__(self): return 2
print("ab".__mul__(Idx()), [0].__rmul__(Idx()), (1,).__mul__(Idx()), [3].__imul__(Idx()))
for e in ["{1}.__ior__([2])", "[1].__iadd__(5)", "{}.__ior__(1)"]:
    try:
        print(eval(e))
    except TypeError as ex:
        print(ex)
for e in ['"a" + 1', '1 + "a"', '[1] + (1,)', '(1,) + [1]', 'b"a" + "x"', 'bytearray(b"a") + 1', '[1]*1.5', '1.5*[1]', '(1,)*None', '"a" * "b"', 'b"x" * b"y"', 'None * "a"', '"a" * 2.0', 'memoryview(b"a") + b"b"', '[] + None', '"%s" + None']:
    try: print(eval(e))
    except TypeError as ex: print(e, "->", ex)
def aug(a, b, op):
    try:
        if op == '+': a += b
        else: a *= b
        print(a)
    except TypeError as ex: print(op, "->", ex)
for a, b, op in [([1], 5, '+'), ([1], 'x', '*'), ((1,), [1], '+'), ('s', 1, '+'), ('s', 's', '*'), (bytearray(b'a'), 'x', '*'), (b'a', 1, '+'), ((1,), 1.5, '*')]:
    aug(a, b, op)
