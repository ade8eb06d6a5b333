import random
for s in [0, 1, 42, 2**32, 2**32-1, 2**100, -5, -2**70, 12345678901234567890, 3.5, -0.0, True, 'hello', '', 'héllo wörld', 'a'*300]:
    random.seed(s)
    print(repr(s)[:20], [random.random() for _ in range(3)], random.getrandbits(70), random.randint(1, 100))
r = random.Random(7)
print([r.random() for _ in range(1000)][-3:])
print(r.getrandbits(0), r.getrandbits(1), r.getrandbits(32), r.getrandbits(33), r.getrandbits(64), r.getrandbits(65), r.getrandbits(1000))
print([r.randrange(10) for _ in range(20)])
print([r.randrange(-5, 50, 7) for _ in range(10)], [r.randrange(50, -5, -3) for _ in range(10)])
print(r.randrange(2**80), r.randrange(-2**70, 2**90, 3))
print([r.choice('abcdefg') for _ in range(10)])
l = list(range(20)); r.shuffle(l); print(l)
print(r.sample(range(100), 10), r.sample(range(10**6), 7), r.sample('abcdefghijklmnop', 16))
print(r.sample(range(30), 25), r.sample(['a','b','c'], 5, counts=[1,2,3]))
print(r.choices('abc', k=5), r.choices('abc', [1, 5, 10], k=6), r.choices('abc', cum_weights=[1, 5, 10], k=6))
print(r.uniform(1, 10), r.triangular(), r.triangular(0, 10, 2), r.gauss(), r.gauss(5, 2), r.normalvariate(), r.normalvariate(3, 0.5))
print(r.expovariate(2.0), r.lognormvariate(0, 1), r.vonmisesvariate(1, 2), r.vonmisesvariate(0, 0))
print(r.gammavariate(0.5, 1), r.gammavariate(1, 2), r.gammavariate(3.5, 1.5), r.betavariate(2, 3), r.paretovariate(2), r.weibullvariate(1, 2))
st = r.getstate()
a = [r.random() for _ in range(5)]
r.setstate(st)
print(a == [r.random() for _ in range(5)], st[0], len(st[1]), st[1][-1])
class MyRandom(random.Random):
    def random(self):
        return 0.5
m = MyRandom(3)
print(m.randrange(100), m.choice('xyz'))
class Bits(random.Random):
    def getrandbits(self, k):
        return (1 << k) - 1 if k < 3 else 2
b = Bits(1)
print(b.randrange(5))
for bad in [lambda: r.randrange(0), lambda: r.randrange(5, 5), lambda: r.randrange(1, 10, 0), lambda: r.randrange(10, 1, 2),
            lambda: r.randrange(10, step=2), lambda: r.choice([]), lambda: r.sample(range(3), 4), lambda: r.sample({1,2}, 1),
            lambda: r.sample(range(3), -1), lambda: r.getrandbits(-1), lambda: r.getrandbits('a'), lambda: r.choices('ab', [1]),
            lambda: r.choices('ab', [0, 0]), lambda: r.choices('ab', 3), lambda: r.choices('ab', [1,2], cum_weights=[1,2]),
            lambda: r.seed([1]), lambda: r.setstate((9, (), None)), lambda: r.setstate((3, (1,2), None)),
            lambda: r.gammavariate(0, 1), lambda: r.sample('abc', 2, counts=[1, 2]), lambda: r.sample('abc', 2, counts=[0, 0, 0]),
            lambda: r.randint(3, 1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
random.seed(2024)
print(random.random(), random.choice(range(1000)), random.sample(range(50), 3))
