# itertools: every tool, its argument forms, reprs and error messages
import itertools as it
from itertools import (accumulate, chain, combinations,
                       combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee,
                       zip_longest)


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


def take(n, iterable):
    return list(islice(iterable, n))


# count
c = count()
print(c, take(3, c), c)
print(take(4, count(5, 2)), count(5, 2), count(1.5), count(0, 1.0))
print(take(3, count(2, -1)), take(3, count(0.5, 0.25)), count(True))
print(take(2, count(2 ** 70, 2 ** 65)), count(-0.0), count(1, -1.5))
print(take(3, count(start=3, step=2)), type(count()), isinstance(c, count))
# cycle
print(take(7, cycle('abc')), take(3, cycle([])), take(5, cycle(iter([1, 2]))))
# repeat
r = repeat('a', 3)
print(r, list(r), r)
r = repeat('x', 3)
next(r)
print(r, r.__length_hint__(), list(repeat(1, -2)), repeat(1, -2))
print(take(3, repeat([1])), repeat('a'), list(repeat(None, times=2)))
print(list(map(pow, range(5), repeat(2))))
# accumulate
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([])))
print(list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(accumulate([], initial=3)), list(accumulate('abc')))
print(list(accumulate([1, 2, 3], initial=None)), list(accumulate(iterable=[1, 2])))
print(list(accumulate([1, 2, 3], func=lambda a, b: a - b)))
# chain
print(list(chain('ab', [1, 2], (), range(2))), list(chain()))
print(list(chain.from_iterable(['ab', 'cd'])), take(3, chain.from_iterable(repeat('xy'))))
ch = chain([1], [2])
print(next(ch), next(ch), list(ch), list(ch))
# compress
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('AB', [1, 1, 1, 1])))
print(list(compress(data=range(10), selectors=cycle([0, 1]))))
# dropwhile, takewhile
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [1, 0, 1])))
src = iter([1, 2, 10, 3, 4])
tw = takewhile(lambda x: x < 5, src)
print(list(tw), list(src))
# filterfalse
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))
# groupby
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 6, 8, 9], key=lambda x: x % 2)])
print([(k, list(g)) for k, g in groupby([])])
groups = list(groupby('aabbbc'))
print([(k, list(g)) for k, g in groups])
gb = groupby('aaabbc')
k1, g1 = next(gb)
print(k1, next(g1))
k2, g2 = next(gb)
print(k2, list(g1), list(g2))
gb = groupby([('a', 1), ('a', 2), ('b', 3)], key=lambda p: p[0])
for key, group in gb:
    print(key, [p[1] for p in group])
print(type(next(groupby('a'))[1]).__name__)
# islice
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)))
print(list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(islice(range(10), None)), list(islice(range(10), None, None, None)))
print(list(islice(range(10), 2, None, 3)), list(islice(range(10), 8, 3)))
print(list(islice(count(), 3, 12, 4)), list(islice('abc', 10)), list(islice('abc', 5, 7)))
src = iter(range(10))
print(list(islice(src, 2, 5)), next(src))
src = iter(range(10))
print(list(islice(src, 1, 6, 2)), next(src))
src = iter(range(10))
print(list(islice(src, 0)), next(src))
src = iter(range(10))
print(list(islice(src, 4, 2)), next(src))
# starmap
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, ['ab', [3, 1]])))
# tee
a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = tee(range(3), 3)
print(list(x), list(y), list(z), tee([1], 0), type(x).__name__)
a, b = tee('abc')
c, d = tee(a)
print(c is a, next(c), list(a), list(d), list(b))
src = iter(range(5))
a, b = tee(src)
print(next(a), next(src), list(b))
# zip_longest
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()))
print(list(zip_longest([1], [2, 3], [4, 5, 6])), list(zip_longest('ab')))
# pairwise
print(list(pairwise('ABCDEFG')), list(pairwise('a')), list(pairwise([])))
# product
print(list(product('AB', 'xy')), list(product(range(2), repeat=3)))
print(list(product()), list(product('ab', [])), list(product('ab', repeat=0)))
print(list(product([1, 2], 'a', repeat=2)))
# permutations
print(list(permutations('ABC', 2)), list(permutations(range(3))))
print(list(permutations('ab', 3)), list(permutations('abc', 0)), len(list(permutations(range(5)))))
print(list(permutations([3, 1, 2], r=2)), list(permutations(iterable='xy')))
# combinations
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)))
print(list(combinations('ab', 3)), list(combinations('abc', 0)), list(combinations([], 0)))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('', 2)))
print(list(combinations_with_replacement('ab', 0)), list(combinations_with_replacement(range(3), 3)))
print(len(list(combinations(range(10), 4))), len(list(combinations_with_replacement(range(6), 3))))

# errors
attempt('islice()', lambda: islice())
attempt('islice([1])', lambda: islice([1]))
attempt('islice neg stop', lambda: islice([1], -1))
attempt('islice str stop', lambda: islice([1], 'a'))
attempt('islice zero step', lambda: islice([1], 1, 2, 0))
attempt('islice neg step', lambda: islice([1], 0, 2, -1))
attempt('islice str step', lambda: islice([1], 0, 2, 'a'))
attempt('islice neg start', lambda: islice([1], -1, 2))
attempt('islice str start', lambda: islice([1], 'a', 2))
attempt('islice neg stop3', lambda: islice([1], 0, -1))
attempt('islice 5 args', lambda: islice([1], 1, 2, 3, 4))
attempt('islice kw', lambda: islice([1], stop=3))
attempt('islice int', lambda: islice(1, 2))
attempt('count str', lambda: count('a'))
attempt('count step str', lambda: count(1, 'a'))
attempt('repeat()', lambda: repeat())
attempt('repeat times str', lambda: repeat(1, 'a'))
attempt('repeat 3 args', lambda: repeat(1, 2, 3))
attempt('repeat len', lambda: repeat(1).__length_hint__())
attempt('permutations r', lambda: permutations([1], -1))
attempt('permutations r str', lambda: permutations([1], 'a'))
attempt('combinations r', lambda: combinations([1], -1))
attempt('combinations no r', lambda: combinations([1]))
attempt('combinations r str', lambda: combinations([1], 'a'))
attempt('cwr r', lambda: combinations_with_replacement([1], -1))
attempt('cwr no r', lambda: combinations_with_replacement([1]))
attempt('product repeat', lambda: product([1], repeat=-1))
attempt('product kw', lambda: product([1], foo=1))
attempt('product int', lambda: product(1))
attempt('tee n', lambda: tee([1], -1))
attempt('tee()', lambda: tee())
attempt('tee int', lambda: tee(1))
attempt('cycle()', lambda: cycle())
attempt('cycle 2', lambda: cycle([1], 2))
attempt('chain int', lambda: list(chain(1)))
attempt('chain kw', lambda: chain(a=1))
attempt('from_iterable()', lambda: chain.from_iterable())
attempt('zip_longest int', lambda: zip_longest(1))
attempt('zip_longest kw', lambda: zip_longest([1], foo=1))
attempt('starmap 1', lambda: starmap(1))
attempt('starmap int', lambda: list(starmap(pow, [1])))
attempt('accumulate()', lambda: accumulate())
attempt('accumulate 3', lambda: accumulate([1], None, 3))
attempt('pairwise int', lambda: list(pairwise(1)))
attempt('pairwise()', lambda: pairwise())
attempt('groupby()', lambda: groupby())
attempt('groupby 3', lambda: groupby([1], 2, 3))
attempt('compress int', lambda: compress(1, 2))
attempt('compress 1', lambda: compress([1]))
attempt('dropwhile 1', lambda: dropwhile(1))
attempt('dropwhile 3', lambda: dropwhile(1, 2, 3))
attempt('dropwhile kw', lambda: dropwhile(f=1))
attempt('filterfalse 1', lambda: filterfalse(None))
attempt('takewhile call', lambda: list(takewhile(1, [1])))
