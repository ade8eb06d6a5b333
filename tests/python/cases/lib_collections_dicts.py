# collections: defaultdict, OrderedDict, Counter, ChainMap
from collections import defaultdict, OrderedDict, Counter, ChainMap
import copy


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# defaultdict
s = [('yellow', 1), ('blue', 2), ('yellow', 3), ('blue', 4), ('red', 1)]
d = defaultdict(list)
for k, v in s:
    d[k].append(v)
print(d, sorted(d.items()), d.default_factory, isinstance(d, dict))
counts = defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(counts, counts['zz'], len(counts), 'qq' in counts, counts.get('ww'))
print(defaultdict(), defaultdict(None, a=1), defaultdict(list, {'a': [1]}), defaultdict(int, [('x', 1)], y=2))
n = defaultdict(lambda: 'N/A')
n['a'] = 1
print(n['b'], sorted(n.items()))
dd = defaultdict(set)
dd['x'].add(1)
c1 = dd.copy()
c2 = copy.copy(dd)
c3 = copy.deepcopy(dd)
print(c1, type(c1).__name__, c1['x'] is dd['x'], c2, c3, c3['x'] is dd['x'])
dd.default_factory = None
attempt('no factory', lambda: dd['missing'])
print(dd | {'y': {2}}, type(dd | {'y': 1}).__name__, {'z': 0} | defaultdict(int, a=1))
tree = lambda: defaultdict(tree)
t = tree()
t['a']['b']['c'] = 1
print(dict(t['a']['b']), list(t))
attempt('bad factory', lambda: defaultdict(1))
attempt('missing KeyError', lambda: defaultdict()['x'])


class Dflt(defaultdict):
    pass


print(Dflt(list, a=[1]))

# OrderedDict
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od['c'] = 3
print(od, list(od), od.keys(), od.values(), od.items())
od.move_to_end('b')
print(od)
od.move_to_end('b', last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2), OrderedDict(), OrderedDict([('x', 1), ('y', 2)]))
o1 = OrderedDict(a=1, b=2)
o2 = OrderedDict(b=2, a=1)
print(o1 == o2, o1 == dict(o2), dict(o1) == o2, o1 != o2, o1 == OrderedDict(a=1, b=2))
o1['a'] = 10
print(o1, list(reversed(o1)), 'a' in o1, len(o1), o1.get('z', 0))
print(OrderedDict.fromkeys('abc', 0), o1.copy(), copy.deepcopy(o1), type(o1.copy()).__name__)
o1.update([('c', 3)], d=4)
print(o1, o1.setdefault('a', 5), o1.setdefault('e', 5), o1)
del o1['b']
print(o1, o1 | {'z': 1}, o1.pop('c'), o1)
lru = OrderedDict()
for key in 'abcabdae':
    if key in lru:
        lru.move_to_end(key)
    lru[key] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru))
print(list(od.keys()), od.items() == [], 'a' in OrderedDict(a=1).keys())
attempt('popitem empty', lambda: OrderedDict().popitem())
attempt('move missing', lambda: OrderedDict(a=1).move_to_end('z'))

# Counter
c = Counter('abracadabra')
print(c, c['a'], c['z'], c.most_common(3), c.most_common(), c.most_common(0))
print(sorted(c.elements()), c.total(), len(c))
print(Counter(), Counter({'red': 4, 'blue': 2}), Counter(cats=4, dogs=8), Counter(['x', 'y', 'x']))
c.update('aaz')
c.update({'b': 10})
c.update(q=1)
print(c)
c.subtract('aaaa')
c.subtract({'b': 20}, z=5)
print(c)
del c['nothing']
del c['q']
print(c, +c, -c)
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=-1)
print(a + b, a - b, a | b, a & b)
print(a == Counter(a=3, b=1), Counter(a=2) == Counter(a=2, b=0), a != b)
print(Counter(a=1) <= Counter(a=2), Counter(a=3) < Counter(a=3), Counter(a=3) >= Counter(a=1, b=0))
x = Counter(a=3, b=-1)
x += Counter(b=2, c=-5)
print(x)
x -= Counter(a=1)
print(x)
x |= Counter(a=7, e=1)
print(x)
x &= Counter(a=4)
print(x)
words = 'the cat and the hat and the bat'.split()
print(Counter(words).most_common(2), Counter(len(w) for w in words))
print(copy.copy(a), copy.deepcopy(a), a.copy(), dict(a))
print(Counter({'x': 1.5, 'y': 0.5}), Counter({'a': 'z', 'b': 1}) if False else '')
ties = Counter('bca')
print(ties, ties.most_common(2))
attempt('fromkeys', lambda: Counter.fromkeys('ab'))
attempt('add int', lambda: Counter(a=1) + 1)

# ChainMap
defaults = {'color': 'red', 'user': 'guest'}
args = {'user': 'admin'}
cm = ChainMap(args, defaults)
print(cm, cm['user'], cm['color'], len(cm), sorted(cm), 'color' in cm, cm.get('x', 0))
cm['color'] = 'blue'
print(args, defaults, cm.maps)
child = cm.new_child()
child['user'] = 'root'
print(child, child.parents, child['user'], cm['user'], child.new_child({'a': 1}))
del child['user']
print(child['user'], dict(child), ChainMap(), bool(ChainMap({})), bool(cm))
attempt('missing', lambda: cm['nope'])
attempt('del missing', lambda: ChainMap({}, {'a': 1}).__delitem__('a'))
attempt('popitem', lambda: ChainMap({}).popitem())
attempt('pop', lambda: ChainMap({}).pop('k'))
print(ChainMap({'a': 1}).pop('a'), ChainMap.fromkeys('ab', 0), cm.copy())
