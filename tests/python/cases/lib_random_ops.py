# deterministic pseudo-random workloads over heapq, bisect, deque,
# Counter and OrderedDict, printed so CPython checks every state
import heapq
import bisect
from collections import deque, Counter, OrderedDict
from itertools import islice, groupby, accumulate, product, permutations

seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n


# heapq against sorted()
heap = []
popped = []
for step in range(300):
    op = rand(10)
    if op < 5 or not heap:
        heapq.heappush(heap, rand(50))
    elif op < 7:
        popped.append(heapq.heappop(heap))
    elif op < 8:
        popped.append(heapq.heapreplace(heap, rand(50)))
    else:
        popped.append(heapq.heappushpop(heap, rand(50)))
    if step % 50 == 0:
        print(heap)
print(popped)
print(heap, sorted(heap) == [heapq.heappop(list(heap)) for _ in [0]] + sorted(heap)[1:])
data = [(rand(20), rand(5)) for _ in range(40)]
print(heapq.nsmallest(7, data), heapq.nlargest(7, data))
print(heapq.nsmallest(7, data, key=lambda p: p[1]), heapq.nlargest(7, data, key=lambda p: p[1]))
runs = [sorted(rand(30) for _ in range(rand(8))) for _ in range(5)]
print(runs, list(heapq.merge(*runs)))
print(list(heapq.merge(*[sorted(r, reverse=True) for r in runs], reverse=True)))

# bisect keeps a list sorted
keys = []
for _ in range(60):
    bisect.insort(keys, rand(40))
print(keys, [bisect.bisect_left(keys, v) for v in range(0, 40, 7)])

# deque against a list model
d = deque()
model = []
for step in range(400):
    op = rand(9)
    v = rand(100)
    if op == 0:
        d.append(v); model.append(v)
    elif op == 1:
        d.appendleft(v); model.insert(0, v)
    elif op == 2 and model:
        assert d.pop() == model.pop()
    elif op == 3 and model:
        assert d.popleft() == model.pop(0)
    elif op == 4:
        k = rand(7) - 3
        d.rotate(k)
        if model:
            k %= len(model)
            model[:] = model[-k:] + model[:-k] if k else model
    elif op == 5 and model:
        i = rand(len(model))
        d[i] = v; model[i] = v
    elif op == 6:
        i = rand(len(model) + 1)
        d.insert(i, v); model.insert(i, v)
    elif op == 7 and model:
        i = rand(len(model))
        del d[i]; del model[i]
    elif op == 8:
        d.extend([v, v + 1]); model.extend([v, v + 1])
    if list(d) != model:
        print('mismatch at', step)
        break
print(len(d), list(d)[:20], d.count(model[0]) if model else 0)
bounded = deque(maxlen=7)
for i in range(30):
    if rand(3):
        bounded.append(i)
    else:
        bounded.appendleft(i)
print(bounded)

# Counter
c = Counter(rand(10) for _ in range(200))
print(c, c.most_common(4), c.total())
c2 = Counter(rand(10) for _ in range(50))
print(c + c2, c - c2, c | c2, c & c2)

# OrderedDict as an LRU cache
lru = OrderedDict()
hits = 0
for _ in range(200):
    k = rand(12)
    if k in lru:
        hits += 1
        lru.move_to_end(k)
    else:
        lru[k] = k * k
        if len(lru) > 5:
            lru.popitem(last=False)
print(hits, lru)

# itertools over the same stream
stream = [rand(4) for _ in range(40)]
print([(k, len(list(g))) for k, g in groupby(stream)])
print(list(accumulate(stream)), list(islice(product('ab', repeat=3), 2, 7)))
print(list(islice(permutations(range(5), 3), 10, 20)))
