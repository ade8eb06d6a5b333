"""generators: pipelines of generator functions and generator expressions
(resuming frames, yield from delegation, send), without itertools."""
import sys


def numbers(seed, count):
    """count pseudo-random numbers below 10000 from a linear congruential
    generator."""
    state = seed
    for _ in range(count):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield (state >> 8) % 10000


def take(n, source):
    for i, item in zip(range(n), source):
        yield item


def window_sums(source, size):
    """Sums of each run of size consecutive items."""
    window = []
    total = 0
    for item in source:
        window.append(item)
        total += item
        if len(window) > size:
            total -= window.pop(0)
        if len(window) == size:
            yield total


def chunks(source, size):
    chunk = []
    for item in source:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def flatten(tree):
    """The leaves of nested lists, left to right, by delegation."""
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node


def build_tree(values, fanout):
    """Nests a flat list fanout items at a time until one list is left."""
    level = list(values)
    while len(level) > fanout:
        level = [level[i:i + fanout] for i in range(0, len(level), fanout)]
    return level


def primes():
    """An unbounded incremental sieve: each composite is found from the
    dict of the next multiples of the primes seen so far."""
    composites = {}
    n = 2
    while True:
        if n not in composites:
            yield n
            composites[n * n] = [n]
        else:
            for p in composites.pop(n):
                composites.setdefault(n + p, []).append(p)
        n += 1


def merge(a, b):
    """Merges two sorted generators into one sorted stream."""
    sentinel = object()
    x = next(a, sentinel)
    y = next(b, sentinel)
    while x is not sentinel and y is not sentinel:
        if x <= y:
            yield x
            x = next(a, sentinel)
        else:
            yield y
            y = next(b, sentinel)
    while x is not sentinel:
        yield x
        x = next(a, sentinel)
    while y is not sentinel:
        yield y
        y = next(b, sentinel)


def averager():
    """A coroutine: send it numbers, it yields the running mean."""
    total = 0
    count = 0
    mean = None
    while True:
        value = yield mean
        total += value
        count += 1
        mean = total / count


def collatz_lengths(limit):
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        yield start, steps


def pipeline(n):
    results = []
    # a chain of generator expressions over a generator
    evens = (x for x in numbers(7, n) if x % 2 == 0)
    squares = (x * x % 1009 for x in evens)
    sums = window_sums(squares, 16)
    results.append(("window sums", sum(s % 97 for s in sums)))

    # chunks of a stream, reduced per chunk
    chunk_max = [max(c) - min(c) for c in chunks(numbers(11, n), 50)]
    results.append(("chunk spreads", sum(chunk_max), len(chunk_max)))

    # deep delegation through yield from
    tree = build_tree(range(n // 4), 3)
    results.append(("flattened", sum(flatten(tree))))

    # two infinite generators merged, cut by take
    merged = merge((p for p in primes()), (3 * k for k in range(1, n)))
    head = list(take(n // 20, merged))
    results.append(("merged", head[-1], sum(head) % 1000003))

    # a coroutine driven by send
    avg = averager()
    next(avg)
    last = None
    for x in numbers(13, n // 2):
        last = avg.send(x)
    results.append(("mean", round(last, 6)))

    # a generator of tuples consumed by a comprehension and max()
    best = max(collatz_lengths(n // 10), key=lambda pair: (pair[1], -pair[0]))
    results.append(("longest collatz below %d" % (n // 10), best))

    # dict and set comprehensions fed by generators
    buckets = {k: sum(1 for _ in group) for k, group in
               ((d, (x for x in numbers(17, n // 10) if x % 10 == d)) for d in range(10))}
    results.append(("buckets", sorted(buckets.items())[:3]))
    return results


def main(n):
    for row in pipeline(n):
        print(*row)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)
