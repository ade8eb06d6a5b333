# heapq: heap layouts must equal CPython's (programs print heaps)
import heapq


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 3, 0, 11, -4]:
    heapq.heappush(h, x)
    print(h)
while h:
    print(heapq.heappop(h), h)

for data in ([9, 8, 7, 6, 5, 4, 3, 2, 1], list(range(20)),
             [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4],
             [], [1], ['b', 'a', 'd', 'c']):
    heapq.heapify(data)
    print(data)

h = [1, 5, 3, 7, 9, 4]
heapq.heapify(h)
print(heapq.heapreplace(h, 6), h)
print(heapq.heappushpop(h, 0), h)
print(heapq.heappushpop(h, 100), h)
print(heapq.heappushpop([], 4))

# pseudo-random sequence, deterministic
seq = [(i * 7919) % 101 for i in range(60)]
h = []
for x in seq:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(len(h))])
h = list(seq)
heapq.heapify(h)
print(h)

# tuples and stability of priorities
tasks = []
for i, name in enumerate(['write', 'read', 'test', 'fix', 'ship']):
    heapq.heappush(tasks, (i % 3, i, name))
print(tasks)
print([heapq.heappop(tasks)[2] for _ in range(5)])

print(heapq.nlargest(3, seq), heapq.nsmallest(3, seq))
print(heapq.nlargest(5, seq, key=lambda x: x % 10))
print(heapq.nsmallest(5, seq, key=lambda x: x % 10))
print(heapq.nlargest(1, seq), heapq.nsmallest(1, seq), heapq.nlargest(1, []))
print(heapq.nlargest(0, seq), heapq.nsmallest(-2, seq))
print(heapq.nlargest(100, [3, 1, 2]), heapq.nsmallest(100, iter([3, 1, 2])))
print(heapq.nsmallest(4, iter(seq)), heapq.nlargest(4, iter(seq)))
pairs = [('a', 2), ('b', 1), ('c', 2), ('d', 1), ('e', 3), ('f', 2)]
print(heapq.nlargest(3, pairs, key=lambda p: p[1]))
print(heapq.nsmallest(3, pairs, key=lambda p: p[1]))
print(heapq.nlargest(2, iter(pairs), key=lambda p: p[1]))
print(heapq.nsmallest(2, iter(pairs), key=lambda p: p[1]))

print(list(heapq.merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(heapq.merge()))
print(list(heapq.merge([3, 1], [2], reverse=True)))
print(list(heapq.merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len)))
print(list(heapq.merge([(1, 'a'), (2, 'a')], [(1, 'b'), (2, 'b')],
                       key=lambda p: p[0])))
print(list(heapq.merge([5, 3, 1], [4, 3, 2], reverse=True)))
print(list(heapq.merge([5, 3, 1], [4, 3, 2], key=lambda x: -x)))
m = heapq.merge(iter([1, 4]), iter([2, 3]))
print(next(m), next(m), list(m))

attempt('pop empty', lambda: heapq.heappop([]))
attempt('replace empty', lambda: heapq.heapreplace([], 1))
attempt('push int', lambda: heapq.heappush(1, 2))
attempt('push tuple', lambda: heapq.heappush((), 2))
attempt('heapify int', lambda: heapq.heapify(1))
attempt('pop int', lambda: heapq.heappop(1))
attempt('pushpop str', lambda: heapq.heappushpop('ab', 1))
attempt('mixed', lambda: heapq.heappush([1], 'a'))
attempt('nlargest int', lambda: heapq.nlargest(2, 1))
attempt('nlargest str n', lambda: heapq.nlargest('a', [1]))
attempt('merge int', lambda: list(heapq.merge(1)))
attempt('push 1 arg', lambda: heapq.heappush([]))
attempt('pop 0 args', lambda: heapq.heappop())
attempt('heapify 2 args', lambda: heapq.heapify([], 1))
attempt('replace 1 arg', lambda: heapq.heapreplace([1]))
attempt('pushpop kw', lambda: heapq.heappushpop([1], item=2))
attempt('pushpop mixed', lambda: heapq.heappushpop([1], 'a'))
attempt('heapify mixed', lambda: heapq.heapify([3, 'a', 1]))


class Item:
    # compares by key and counts comparisons
    compares = 0

    def __init__(self, key, name):
        self.key = key
        self.name = name

    def __lt__(self, other):
        Item.compares += 1
        return self.key < other.key

    def __repr__(self):
        return self.name


items = [Item(k, 'i%d' % n) for n, k in enumerate([5, 3, 5, 1, 3, 8, 1, 0, 5])]
h = []
for it in items:
    heapq.heappush(h, it)
print(h, Item.compares)
print([heapq.heappop(h) for _ in range(len(h))], Item.compares)
h = list(items)
heapq.heapify(h)
print(h, Item.compares)
print(heapq.heapreplace(h, Item(2, 'r')), heapq.heappushpop(h, Item(9, 'p')), h)


class Mutator:
    def __init__(self, heap):
        self.heap = heap

    def __lt__(self, other):
        self.heap.append(Mutator(self.heap))
        return True


mh = []
mh.append(Mutator(mh))
attempt('mutating push', lambda: heapq.heappush(mh, Mutator(mh)))
mh = []
mh.extend([Mutator(mh), Mutator(mh), Mutator(mh)])
attempt('mutating pop', lambda: heapq.heappop(mh))


class Sub(list):
    pass


sh = Sub([5, 2, 7, 1])
heapq.heapify(sh)
heapq.heappush(sh, 0)
print(sh, type(sh).__name__, heapq.heappop(sh))
big = [(i * 7919) % 1009 for i in range(3000)]
heapq.heapify(big)
print(big[:12], big[-5:], sum(big[i] <= big[2 * i + 1] for i in range(1499)))
print([heapq.heappop(big) for _ in range(10)])
print(heapq.heappushpop([1.5, 2], 1), heapq.heappushpop([1, 2], 1.5), heapq.heappop([2 ** 70, 1]))
