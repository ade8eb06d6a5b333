# operator: function forms of the operators, getters and their reprs
import operator as op


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for name in ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow',
             'lshift', 'rshift', 'and_', 'or_', 'xor', 'lt', 'le', 'eq',
             'ne', 'ge', 'gt', 'is_', 'is_not']:
    f = getattr(op, name)
    print(name, f(7, 3), f(12, 5), f(2, 2))
print(op.truediv(1, 4), op.floordiv(-7, 2), op.mod(-7, 2), op.pow(2, -1))
for name in ['neg', 'pos', 'abs', 'invert', 'inv', 'not_', 'truth', 'index']:
    f = getattr(op, name)
    print(name, f(5), f(-3), f(0))
print(op.neg(2.5), op.abs(-2.5), op.not_([]), op.truth('x'), op.index(True))
print(op.contains([1, 2], 2), op.contains('abc', 'd'), op.countOf([1, 2, 1, 1], 1))
print(op.indexOf('hello', 'l'), op.concat([1], [2]), op.concat('a', 'b'))
print(op.getitem([1, 2, 3], 1), op.getitem('abc', slice(1, None)))
l = [1, 2, 3]
op.setitem(l, 0, 'x')
op.delitem(l, 1)
print(l)
d = {}
op.setitem(d, 'k', 1)
print(d, op.getitem(d, 'k'))
class Hinted:
    def __init__(self, hint):
        self.hint = hint

    def __length_hint__(self):
        return self.hint


print(op.length_hint([1, 2, 3]), op.length_hint(Hinted(4)), op.length_hint(5),
      op.length_hint(5, 9), op.length_hint(Hinted(NotImplemented), 3))
x = [1]
y = op.iadd(x, [2])
print(x, y, x is y)
print(op.iadd(1, 2), op.isub(5, 2), op.imul('ab', 2), op.itruediv(1, 2),
      op.ifloordiv(7, 2), op.imod(7, 3), op.ipow(2, 5), op.ilshift(1, 4),
      op.irshift(64, 2), op.iand(6, 3), op.ior(6, 3), op.ixor(6, 3))
s = {1}
print(op.ior(s, {2}), s, op.iconcat([1], (2,)))
print(op.__add__(1, 2), op.__lt__(1, 2), op.__not__(0), op.call(max, 1, 5))


class V:
    def __init__(self, x):
        self.x = x

    def __matmul__(self, other):
        return V(self.x * other.x)

    def __index__(self):
        return self.x

    def __repr__(self):
        return 'V(%r)' % self.x


print(op.matmul(V(2), V(3)), op.imatmul(V(2), V(5)), op.index(V(7)))

g = op.itemgetter(1)
print(g, g('abc'), g([4, 5]))
g = op.itemgetter(0, -1, slice(1, 3))
print(g, g('hello'))
print(op.itemgetter('a', 'b')({'a': 1, 'b': 2}))
print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=op.itemgetter(1)))


class P:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def greet(self, greeting, punct='!'):
        return greeting + ' ' + self.name + punct


p = P('root', P('leaf'))
a = op.attrgetter('name')
print(a, a(p))
a = op.attrgetter('child.name', 'name')
print(a, a(p))
m = op.methodcaller('greet', 'hi')
print(m, m(p))
m = op.methodcaller('greet', 'yo', punct='?')
print(m, m(p))
m = op.methodcaller('split', ',', maxsplit=1)
print(m, m('a,b,c'))
print(op.methodcaller('upper')('abc'), op.methodcaller('count', 'a')('banana'))
print(list(map(op.mul, [1, 2, 3], [4, 5, 6])))

attempt('itemgetter()', lambda: op.itemgetter())
attempt('attrgetter(1)', lambda: op.attrgetter(1))
attempt('attrgetter()', lambda: op.attrgetter())
attempt('methodcaller()', lambda: op.methodcaller())
attempt('methodcaller(1)', lambda: op.methodcaller(1))
attempt('concat int', lambda: op.concat(1, 2))
attempt('concat dict', lambda: op.concat({}, {}))
attempt('concat mixed', lambda: op.concat([1], (2,)))
attempt('indexOf', lambda: op.indexOf([1], 2))
attempt('index float', lambda: op.index(1.5))
attempt('length_hint str', lambda: op.length_hint(1, 'a'))
attempt('countOf int', lambda: op.countOf(1, 1))
attempt('indexOf int', lambda: op.indexOf(1, 1))
attempt('hint neg', lambda: op.length_hint(Hinted(-1)))
attempt('hint str', lambda: op.length_hint(Hinted('a')))
attempt('iconcat int', lambda: op.iconcat(1, 2))
attempt('itemgetter int', lambda: op.itemgetter(1)(5))
attempt('attrgetter int', lambda: op.attrgetter('x')(5))
attempt('methodcaller int', lambda: op.methodcaller('x')(5))
attempt('getitem', lambda: op.getitem([1], 5))
attempt('contains', lambda: op.contains(1, 5))
attempt('add', lambda: op.add(1, 'a'))
attempt('truediv', lambda: op.truediv(1, 0))
attempt('neg', lambda: op.neg('a'))
