# subscripting the library's classes (annotations): deque[int],
# Mapping[str, int], partial[int], dict subclasses; types.GenericAlias
from collections import deque, OrderedDict, Counter, defaultdict, ChainMap, UserDict, UserList
from collections.abc import Mapping, Sequence, Iterable, Container, Awaitable
import functools

for g in (deque[int], OrderedDict[str, int], Counter[str],
          defaultdict[str, list], ChainMap[str, int], UserDict[str, int],
          UserList[int], Mapping[str, int], Sequence[int], Iterable[str],
          Container[int], Awaitable[int], functools.partial[int]):
    print(g, g.__origin__.__name__, g.__args__)


def f(d: deque[int], m: Mapping[str, int]) -> Iterable[str]:
    return list(m)


print(f.__annotations__['d'], f.__annotations__['return'], f(deque(), {'a': 1}))
q = deque[int]([1, 2])
print(q, type(q).__name__, deque[int] == deque[int], deque[int] == deque[str])
GenericAlias = type(list[int])
print(GenericAlias(deque, int), GenericAlias(dict, (str, int)), GenericAlias)


class Registry(dict):
    pass


class Bag(list):
    pass


print(Registry[str, int], Bag[int], tuple[int, ...], list[deque[int]])
try:
    GenericAlias(1)
except TypeError as e:
    print('TypeError', e)
