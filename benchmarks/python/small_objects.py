"""small_objects: millions of short-lived small instances -- points,
rationals, cons cells, events -- made by __init__, used through methods and
dropped at once, with tuples and small lists (allocation, attribute access
and the young generation of the GC)."""
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def scaled(self, k):
        return Point(self.x * k, self.y * k)

    def manhattan(self):
        return abs(self.x) + abs(self.y)

    def as_tuple(self):
        return (self.x, self.y)


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


class Rational:
    def __init__(self, num, den):
        g = gcd(num, den)
        if den < 0:
            g = -g
        self.num = num // g
        self.den = den // g

    def __add__(self, other):
        return Rational(self.num * other.den + other.num * self.den, self.den * other.den)

    def __mul__(self, other):
        return Rational(self.num * other.num, self.den * other.den)

    def __lt__(self, other):
        return self.num * other.den < other.num * self.den

    def __repr__(self):
        return f"{self.num}/{self.den}"


class Cons:
    def __init__(self, head, tail):
        self.head = head
        self.tail = tail


def cons_range(n):
    lst = None
    for i in range(n, 0, -1):
        lst = Cons(i, lst)
    return lst


def cons_map_sum(lst, f):
    total = 0
    while lst is not None:
        total += f(lst.head)
        lst = lst.tail
    return total


class Event:
    def __init__(self, time, kind, payload):
        self.time = time
        self.kind = kind
        self.payload = payload

    def key(self):
        return (self.time, self.kind)


def walk_points(steps):
    """A random walk where every step makes a few new points."""
    pos = Point(0, 0)
    moves = [Point(1, 0), Point(0, 1), Point(-1, 0), Point(0, -1)]
    state = 12345
    farthest = 0
    for _ in range(steps):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        step = moves[(state >> 16) & 3]
        pos = pos.plus(step.scaled(1 + (state >> 20) % 3))
        d = pos.manhattan()
        if d > farthest:
            farthest = d
    return pos.as_tuple(), farthest


def harmonic(n):
    """The n-th harmonic number with a Rational per term (small ints)."""
    total = Rational(0, 1)
    for k in range(1, n + 1):
        total = total + Rational(1, k)
    return total


def rational_products(n):
    """i/(i+1) * (i+2)/(i+1) for each i: how many fall below 1 - 1/1000."""
    bound = Rational(999, 1000)
    below = 0
    digits = 0
    for i in range(1, n):
        r = Rational(i, i + 1) * Rational(i + 2, i + 1)
        if r < bound:
            below += 1
        digits += r.num % 10
    return below, digits


def event_batches(batches, size):
    """Batches of events sorted by a tuple key and reduced to counts."""
    kinds = ("read", "write", "open", "close")
    summary = {}
    state = 99
    for b in range(batches):
        events = []
        for i in range(size):
            state = (state * 69069 + 1) & 0xFFFFFFFF
            events.append(Event(state % 1000, kinds[state >> 30], (b, i)))
        events.sort(key=Event.key)
        first = events[0]
        summary[first.kind] = summary.get(first.kind, 0) + 1
    return sorted(summary.items())


def pairs_and_lists(n):
    """Tuples and two-element lists built and taken apart."""
    acc = 0
    for i in range(n):
        t = (i, i + 1, i + 2)
        a, b, c = t
        pair = [a * b, c]
        acc += pair[0] % 7 + pair[-1] % 5 + len(t)
    return acc


def main(scale):
    pos, farthest = walk_points(120000 * scale)
    print("walk ends at", pos, "farthest", farthest)
    print("H(60) =", harmonic(60))
    print("products below 999/1000, digit sum:", *rational_products(30000 * scale))
    lst = cons_range(20000 * scale)
    print("cons sums:", cons_map_sum(lst, lambda x: x * x % 11))
    print("first events:", event_batches(200 * scale, 100))
    print("pairs:", pairs_and_lists(100000 * scale))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
