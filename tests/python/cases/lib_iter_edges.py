# itertools and functools corner cases: consumption, laziness, reentrancy
import itertools as it
import functools
import operator


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


def noisy(n, log):
    for i in range(n):
        log.append(i)
        yield i


# how far each tool reads its input
log = []
print(list(it.islice(noisy(10, log), 2, 6, 2)), log)
log = []
print(list(it.takewhile(lambda x: x < 3, noisy(10, log))), log)
log = []
print(next(it.dropwhile(lambda x: x < 3, noisy(10, log))), log)
log = []
print(list(zip(range(2), noisy(10, log))), log)
log = []
print(list(it.zip_longest(noisy(2, log), 'abc')), log)
log = []
print(list(it.compress(noisy(6, log), [1, 0, 1])), log)
log = []
a, b = it.tee(noisy(4, log))
print(next(a), next(a), log, next(b), list(b), list(a), log)
log = []
c = it.chain(noisy(2, log), noisy(2, log))
print(next(c), log, list(c), log)
log = []
g = it.groupby(noisy(6, log), key=lambda x: x // 2)
k, grp = next(g)
print(k, log, list(grp), log)
k, grp = next(g)
print(k, next(grp), log)
k, grp = next(g)
print(k, list(grp), log, list(g))
log = []
pw = it.pairwise(noisy(3, log))
print(next(pw), log, list(pw))

# exhausted iterators stay exhausted
i1 = it.islice([1, 2, 3], 2)
print(list(i1), list(i1))
ch = it.chain([1], [2])
print(list(ch), list(ch))
cy = it.cycle([])
print(list(cy))
r = it.repeat(1, 2)
print(list(r), list(r))
acc = it.accumulate([1, 2], initial=0)
print(list(acc), list(acc))

# large and negative counts
print(list(it.islice(it.count(10 ** 20, -3), 3)), list(it.islice(it.count(0.5, 0.1), 3)))
print(it.count(1, 0), list(it.islice(it.count(1, 0), 3)))
print(list(it.product('ab', range(2), repeat=2))[-3:], len(list(it.product(range(3), repeat=4))))
print(list(it.permutations(range(4), 2))[::3], list(it.combinations('abcde', 4)))
print(list(it.combinations_with_replacement([1, 2], 3)), list(it.starmap(operator.add, zip('ab', 'cd'))))
print(list(it.accumulate(range(1, 6), operator.mul)), list(it.accumulate([[1], [2]], initial=[0])))
print(list(it.filterfalse(lambda s: 'a' in s, ['a', 'b', 'ca', 'd'])))
print([list(g) for k, g in it.groupby([1, 1.0, True, 2])])
print(list(it.islice(it.tee(it.count())[1], 3)), [len(list(t)) for t in it.tee('abc', 3)])


# iterator classes are types
for tool in (it.count, it.cycle, it.repeat, it.chain, it.islice, it.groupby,
             it.product, it.permutations, it.combinations, it.accumulate,
             it.starmap, it.zip_longest, it.pairwise, it.compress,
             it.dropwhile, it.takewhile, it.filterfalse,
             it.combinations_with_replacement):
    print(tool.__name__, isinstance(tool, type), tool.__module__)
obj = it.chain('a')
print(iter(obj) is obj, type(obj).__name__)

# reduce with side effects
calls = []


def add(a, b):
    calls.append((a, b))
    return a + b


print(functools.reduce(add, range(5)), calls)
print(functools.reduce(lambda a, b: b, it.islice(it.count(), 100)))

# partial with positional-only and keyword merging
p = functools.partial(dict, a=1)
print(p(b=2), p(a=3), p([('c', 4)]))
p = functools.partial(sorted, key=len)
print(p(['ccc', 'a', 'bb']), p(['ccc', 'a'], key=None), p.keywords)
nested = functools.partial(functools.partial(functools.partial(max, 1), 2), 3)
print(nested(), nested.args, nested.func is max)


# lru_cache recursion and re-entrancy
@functools.lru_cache(maxsize=3)
def walk(n):
    return n if n < 2 else walk(n - 1) + walk(n - 2)


print(walk(20), walk.cache_info())
print([walk(n) for n in (5, 6, 5, 20)], walk.cache_info())


@functools.lru_cache(maxsize=2)
def key_kinds(*args, **kwargs):
    return (args, sorted(kwargs.items()))


print(key_kinds(1, b=2), key_kinds(1, b=2), key_kinds('x'), key_kinds(b=2), key_kinds.cache_info())
attempt('unhashable arg', lambda: key_kinds([1]))
print(key_kinds.cache_info())


@functools.lru_cache
def boom(x):
    raise ValueError(x)


attempt('raising', lambda: boom(1))
attempt('raising again', lambda: boom(1))
print(boom.cache_info())
