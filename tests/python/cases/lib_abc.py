# abc and collections.abc: ABCMeta, abstract methods, registration,
# subclass hooks, the container ABCs and their mixins
from collections.abc import *
import collections.abc as cabc
import abc
from collections import deque, OrderedDict, Counter, defaultdict, ChainMap
def gen():
    yield 1
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
class Sz:
    def __len__(self): return 0
class NoHash:
    __hash__ = None
class Call:
    def __call__(self): pass
objs = [[], (), {}, set(), frozenset(), 'ab', range(3), 1, 2.5, None, len, gen, gen(), iter([]), iter({}), iter(''), {}.keys(), {}.items(), {}.values(), It(), Sz(), NoHash(), Call(), deque(), OrderedDict(), Counter(), defaultdict(), ChainMap(), reversed([1])]
abcs = [Hashable, Iterable, Iterator, Generator, Reversible, Sized, Container, Callable, Collection, Set, MutableSet, Mapping, MutableMapping, Sequence, MutableSequence, MappingView, KeysView, ItemsView, ValuesView]
for o in objs:
    print(type(o).__name__, ''.join('1' if isinstance(o, a) else '0' for a in abcs))
for t in (list, dict, tuple, str, set, int, type, object):
    print(t.__name__, ''.join('1' if issubclass(t, a) else '0' for a in abcs))
class MySeq(Sequence):
    def __init__(self, *items): self.items = items
    def __getitem__(self, i): return self.items[i]
    def __len__(self): return len(self.items)
s = MySeq(3, 1, 2, 1)
print(list(s), 1 in s, 9 in s, s.index(2), s.count(1), list(reversed(s)), isinstance(s, Sequence), isinstance(s, Iterable), isinstance(s, MutableSequence))
class MyMap(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
m = MyMap()
m['a'] = 1; m.update(b=2); m.setdefault('c', 3)
print(sorted(m.items()), m.get('z', 0), 'a' in m, m.pop('a'), m == {'b': 2, 'c': 3}, sorted(m.keys()), sorted(m.values()), len(m))
print(type(m.keys()).__name__, isinstance(m.keys(), Set), m.keys() & {'b'}, m.popitem(), len(m))
class MySet(MutableSet):
    def __init__(self, it=()): self.s = set(it)
    def __contains__(self, x): return x in self.s
    def __iter__(self): return iter(sorted(self.s))
    def __len__(self): return len(self.s)
    def add(self, x): self.s.add(x)
    def discard(self, x): self.s.discard(x)
a = MySet([1, 2, 3]); b = MySet([2, 3, 4])
print(list(a & b), list(a | b), list(a - b), list(a ^ b), a <= b, MySet([2]) < a, a == MySet([3, 2, 1]), a.isdisjoint([9]))
a |= [7]; a -= [1]
print(list(a), a.pop(), list(a))
try: Sequence()
except TypeError as e: print(e)
try: MutableMapping()
except TypeError as e: print(e)
class Half(MutableSequence):
    def __getitem__(self, i): pass
try: Half()
except TypeError as e: print(e)
class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
    @abc.abstractmethod
    def g(self): ...
class Mid(Base):
    def f(self): return 'f'
class Leaf(Mid):
    def g(self): return 'g'
for c in (Base, Mid, Leaf):
    try: print(c().f(), c().g())
    except TypeError as e: print(e)
print(sorted(Base.__abstractmethods__), sorted(Mid.__abstractmethods__), Leaf.__abstractmethods__, type(Base).__name__)
@Base.register
class Virtual: pass
print(issubclass(Virtual, Base), isinstance(Virtual(), Base), issubclass(Leaf, Base), issubclass(int, Base), Virtual.__name__)
try: Base.register(3)
except TypeError as e: print(e)
try: Virtual.register
except AttributeError as e: print('AttributeError')
class Protocolish(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, 'quack') or NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Protocolish), isinstance(1, Protocolish), issubclass(Duck, Protocolish))
print(isinstance([], (int, Sequence)), issubclass(list, (str, Iterable)), abc.get_cache_token() >= 0)
