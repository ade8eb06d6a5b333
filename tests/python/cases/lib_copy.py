# copy: shallow and deep copies, memo, cycles, __copy__/__deepcopy__
import copy


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# shallow copies of the built-in containers
l = [1, [2, 3], {'a': 4}]
c = copy.copy(l)
print(c, c is l, c[1] is l[1], c == l)
d = {'k': [1], 'j': 2}
c = copy.copy(d)
print(c, c is d, c['k'] is d['k'])
s = {1, 2, 3}
c = copy.copy(s)
print(c, c is s)
for atom in [1, 2.5, 'str', (1, 2), None, True, frozenset([1]), range(3), len, int]:
    print(repr(atom), copy.copy(atom) is atom, copy.deepcopy(atom) is atom)
t = (1, [2])
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy(t))
f = frozenset([1, (2,)])
print(copy.deepcopy(f) is f, copy.deepcopy(f) == f, copy.copy(f) is f)
print(copy.deepcopy({1, 2}), copy.copy(object()).__class__)


def func():
    return 1


print(copy.copy(func) is func, copy.deepcopy(func) is func)

# deep copies of nested structures
nested = {'a': [1, 2, {'b': (3, [4, 5])}], 'c': {6, 7}}
deep = copy.deepcopy(nested)
print(deep, deep == nested, deep['a'] is nested['a'], deep['a'][2]['b'] is nested['a'][2]['b'])
deep['a'][2]['b'][1].append(99)
print(nested['a'][2]['b'][1], deep['a'][2]['b'][1])

# sharing and cycles
shared = [1, 2]
pair = [shared, shared]
cp = copy.deepcopy(pair)
print(cp, cp[0] is cp[1], cp[0] is shared)
cyc = [1, 2]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[2] is cc, cc[2] is cyc, len(cc), cc[:2])
dcyc = {'name': 'x'}
dcyc['self'] = dcyc
dc = copy.deepcopy(dcyc)
print(dc['self'] is dc, dc['name'])
tcyc = [0]
tup = (tcyc, 1)
tcyc[0] = tup
tc = copy.deepcopy(tup)
print(tc[0][0] is tc, tc[1])

# memo
memo = {}
a = [1]
b = copy.deepcopy([a, a], memo)
print(b, memo[id(a)] is b[0], id(memo) in memo, memo[id(memo)][0] is a)
pre = {id(a): 'replaced'}
print(copy.deepcopy([a, 3], pre))


# instances
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)


p = Point([1], 2)
q = copy.copy(p)
print(q, q is p, q.x is p.x, type(q).__name__)
r = copy.deepcopy(p)
print(r, r.x is p.x, r.__dict__)


class Node:
    def __init__(self, value):
        self.value = value
        self.children = []
        self.parent = None

    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child


root = Node('root')
kid = root.add(Node('kid'))
kid.add(Node('grandkid'))
root2 = copy.deepcopy(root)
k2 = root2.children[0]
print(k2.value, k2.parent is root2, k2.children[0].parent is k2, k2 is kid)


class Custom:
    def __init__(self, data):
        self.data = data
        self.log = []

    def __copy__(self):
        c = Custom(self.data)
        c.log = ['copied']
        return c

    def __deepcopy__(self, memo):
        c = Custom(copy.deepcopy(self.data, memo))
        c.log = ['deep', len(memo)]
        return c


cu = Custom([1, 2])
c1 = copy.copy(cu)
c2 = copy.deepcopy(cu)
print(c1.log, c1.data is cu.data, c2.log, c2.data is cu.data, c2.data)


class Stateful:
    def __init__(self):
        self.a = 1
        self.cache = 'big'

    def __getstate__(self):
        state = dict(self.__dict__)
        del state['cache']
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.cache = 'rebuilt'


st = copy.deepcopy(Stateful())
print(st.a, st.cache, copy.copy(Stateful()).cache)


class Reducer:
    def __init__(self, n):
        self.n = n

    def __reduce__(self):
        return (Reducer, (self.n * 2,))


print(copy.copy(Reducer(3)).n, copy.deepcopy(Reducer(5)).n)


class Empty:
    pass


e = copy.copy(Empty())
print(type(e).__name__, e.__dict__)


class Holder:
    pass


h = Holder()
h.items = [Empty(), Empty()]
h.items.append(h.items[0])
h2 = copy.deepcopy(h)
print(h2.items[0] is h2.items[2], h2.items[0] is h.items[0])


def gen():
    yield 1


attempt('copy generator', lambda: copy.copy(gen()))
attempt('deepcopy generator', lambda: copy.deepcopy(gen()))
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
try:
    raise copy.Error('bad')
except copy.Error as err:
    print('caught', err)


# instances with __slots__

class S:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = [1]
class T(S):
    __slots__ = ('c',)
t = T(); t.c = 5
u = copy.copy(t); v = copy.deepcopy(t)
print(u.a is t.a, v.a == t.a, v.a is t.a, u.c, v.c, hasattr(u, 'b'))
class W:
    __slots__ = ('x', '__dict__')
w = W(); w.x = 1; w.y = 2
w2 = copy.deepcopy(w)
print(w2.x, w2.y, w2.__dict__)
