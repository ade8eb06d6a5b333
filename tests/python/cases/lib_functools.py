# functools: reduce, partial, lru_cache, wraps, cmp_to_key,
# total_ordering, singledispatch, cached_property
import functools
from functools import (cache, cached_property, cmp_to_key, lru_cache,
                       partial, reduce, singledispatch, total_ordering,
                       update_wrapper, wraps)


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(lambda a, b: a + b, [], 'init'), reduce(lambda a, b: a + b, ['x']))
print(reduce(max, iter([3, 9, 2])), reduce(lambda acc, s: acc + len(s), ['ab', 'c'], 0))
attempt('reduce empty', lambda: reduce(lambda a, b: a + b, []))
attempt('reduce 1 arg', lambda: reduce(lambda a, b: a + b))
attempt('reduce int', lambda: reduce(lambda a, b: a + b, 1))
attempt('reduce 4 args', lambda: reduce(lambda a, b: a + b, [], 1, 2))
attempt('reduce kw', lambda: reduce(function=1, iterable=[]))


# partial
def power(base, exp, *, mod=None):
    return base ** exp if mod is None else base ** exp % mod


square = partial(power, exp=2)
print(square(5), square(5, exp=3), square.func is power, square.args, square.keywords)
p = partial(power, 2)
print(p(10), p(10, mod=1000), p.args)
pp = partial(p, 5, mod=7)
print(pp(), pp.func is power, pp.args, pp.keywords)
r = partial(max, 1, 2)
print(repr(r).startswith('functools.partial(<built-in function max>'), repr(r).endswith(', 1, 2)'))
print(repr(partial(max, key=abs)) == 'functools.partial(<built-in function max>, key=<built-in function abs>)')
basetwo = partial(int, base=2)
print(basetwo('10010'), basetwo('11', base=10), type(basetwo).__name__)


class MyPartial(partial):
    pass


mp = MyPartial(max, 3)
print(mp(1, 7), type(mp).__name__, repr(mp).startswith('MyPartial(<built-in'))
mp2 = partial(mp, 9)
print(mp2.func is mp, mp2(), mp2.args)
attempt('partial()', lambda: partial())
attempt('partial(1)', lambda: partial(1))
attempt('partial call', lambda: partial(power)(1))


# wraps / update_wrapper
def trace(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return ('traced', func(*args, **kwargs))
    return wrapper


@trace
def greet(name: str) -> str:
    """Say hello."""
    return 'hello ' + name


greet.extra = 1
print(greet('bob'), greet.__name__, greet.__qualname__, greet.__doc__, greet.__module__)
print(greet.__wrapped__('ann'), greet.__annotations__, greet.extra)


def base():
    "base doc"


base.marker = 'm'


def wrapper2():
    pass


update_wrapper(wrapper2, base)
print(wrapper2.__name__, wrapper2.__doc__, wrapper2.marker, wrapper2.__wrapped__ is base)


def wrapper3():
    pass


update_wrapper(wrapper3, base, assigned=('__doc__',), updated=())
print(wrapper3.__name__, wrapper3.__doc__, hasattr(wrapper3, 'marker'))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

# lru_cache
calls = []


@lru_cache(maxsize=2)
def slow(x):
    calls.append(x)
    return x * 10


for v in [1, 2, 1, 3, 2, 1, 1]:
    slow(v)
print(calls, slow.cache_info())
slow.cache_clear()
print(slow.cache_info(), slow.cache_parameters(), slow.__name__, slow.__wrapped__(4))
info = slow.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info[1], tuple(info))


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info(), fib.cache_parameters())


@lru_cache(maxsize=None)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(30), fact.cache_info())


@lru_cache(maxsize=0)
def nocache(x):
    return x


nocache(1)
nocache(1)
print(nocache.cache_info())


@lru_cache(typed=True)
def typed_f(x):
    calls.append(('typed', x))
    return x


calls.clear()
typed_f(1)
typed_f(1.0)
typed_f(1)
print(calls, typed_f.cache_info())


@lru_cache
def untyped(x, y=0, *, z=0):
    calls.append(('u', x, y, z))
    return x + y + z


calls.clear()
untyped(1)
untyped(1.0)
untyped(1, 2)
untyped(1, y=2)
untyped(1, z=3)
untyped(1, z=3)
print(calls, untyped.cache_info())


@cache
def sq(x):
    return x * x


print(sq(4), sq(4), sq.cache_info(), sq.cache_parameters())
print(lru_cache(-3)(len).cache_parameters(), lru_cache(True)(len).cache_parameters())


class Account:
    def __init__(self, n):
        self.n = n

    @lru_cache(maxsize=None)
    def total(self, k):
        return self.n * k

    def __repr__(self):
        return 'Account(%d)' % self.n


a = Account(3)
print(a.total(2), a.total(2), Account.total.cache_info(), a.total.cache_info())
attempt('lru str', lambda: lru_cache('a'))
attempt('lru maxsize str', lambda: lru_cache(maxsize='a'))
attempt('lru int typed', lambda: lru_cache(len, 1))


# cmp_to_key
def reverse_numeric(x, y):
    return y - x


print(sorted([5, 2, 4, 1, 3], key=cmp_to_key(reverse_numeric)))
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(K(1) < K(2), K(2) <= K(2), K(3) == K(3), K(1) > K(2), K(2) >= K(1), K(7).obj)
print(min(['bb', 'a', 'ccc'], key=cmp_to_key(lambda a, b: len(a) - len(b))))
attempt('K vs int', lambda: K(1) < 2)


# total_ordering
@total_ordering
class Version:
    def __init__(self, major, minor):
        self.t = (major, minor)

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.t == other.t

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.t < other.t


v1, v2, v3 = Version(1, 2), Version(1, 10), Version(1, 2)
print(v1 < v2, v1 <= v3, v1 > v2, v2 >= v1, v1 >= v3, v1 == v3, v2 > v1)
print(Version.__gt__.__name__, Version.__le__.__name__)
attempt('Version vs int', lambda: v1 >= 5)


@total_ordering
class Grade:
    def __init__(self, g):
        self.g = g

    def __eq__(self, other):
        return self.g == other.g

    def __ge__(self, other):
        return self.g >= other.g


print(Grade(1) < Grade(2), Grade(2) <= Grade(2), Grade(3) > Grade(1), Grade(1) >= Grade(4))


@total_ordering
class Rev:
    def __init__(self, g):
        self.g = g

    def __gt__(self, other):
        return self.g > other.g

    def __le__(self, other):
        return self.g <= other.g


print(Rev(1) < Rev(2), Rev(2) >= Rev(3), Rev(2) > Rev(1), Rev(2) <= Rev(2))
attempt('no ordering', lambda: total_ordering(type('X', (), {})))


# singledispatch
@singledispatch
def describe(arg):
    return 'object ' + repr(arg)


@describe.register(int)
def _(arg):
    return 'int %d' % arg


@describe.register
def _(arg: list):
    return 'list of %d' % len(arg)


def describe_str(arg):
    return 'str ' + arg


describe.register(str, describe_str)


print(describe(1), describe('x'), describe([1, 2]), describe(2.5), describe(True))
print(describe.dispatch(bool) is describe.dispatch(int), describe.dispatch(float) is describe.registry[object])
print(describe.__name__, sorted(c.__name__ for c in describe.registry))
attempt('dispatch no args', lambda: describe())
attempt('register int', lambda: describe.register(1))


# cached_property
class Circle:
    computed = 0

    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        "the area"
        Circle.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, Circle.computed, c.__dict__, Circle.area.__doc__)
c.r = 10
print(c.area)
del c.area
print(c.area, Circle.computed)


# partialmethod
class Cell:
    def __init__(self):
        self.alive = False

    def set_state(self, state, note=''):
        self.alive = state
        return note

    set_alive = functools.partialmethod(set_state, True)
    set_dead = functools.partialmethod(set_state, False, note='rip')


cell = Cell()
print(cell.set_alive(), cell.alive, cell.set_dead(), cell.alive, cell.set_alive(note='x'))


class Twice:
    def __init__(self):
        self.n = 0

    @cached_property
    def value(self):
        self.n += 1
        return self.n * 10


tw = Twice()
print(tw.value, tw.value, tw.n, Twice.value.attrname, 'value' in tw.__dict__)


# partial's attributes are read-only

p = partial(max, 1, key=abs)
print(p.func, p.args, p.keywords, p.__dict__, p(-5))
try: p.func = 1
except AttributeError as e: print(e)
try: del p.args
except AttributeError as e: print(e)
p.extra = 1
print(p.__dict__)
q = partial(p, 2)
print(q.func is p, q.args)
r = partial(partial(max, 1), 2)
print(r.func is max, r.args)
class M(partial): pass
m = M(max, 3); m.z = 1
print(m.__dict__, M(m, 4).func is m, partial(M(max, 5), 6).args)


# singledispatchmethod



class Negator:
    @functools.singledispatchmethod
    def neg(self, arg):
        raise NotImplementedError('Cannot negate a %s' % type(arg).__name__)

    @neg.register
    def _(self, arg: int):
        return -arg

    @neg.register
    def _(self, arg: bool):
        return not arg

    @neg.register(list)
    def _(self, arg):
        return [self.neg(x) for x in arg]


n = Negator()
print(n.neg(5), n.neg(True), n.neg([1, False, 2]), n.neg.__name__)
try:
    n.neg(2.5)
except NotImplementedError as e:
    print('NotImplementedError', e)
