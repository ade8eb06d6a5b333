# random: the same seeds give CPython's sequences (ints of every size,
# negative ints, floats, str), over long runs and across state saves
import random

seeds = [0, 1, 2, 7, 42, 255, 256, 65535, 2**31 - 1, 2**31, 2**32 - 1,
         2**32, 2**32 + 1, 2**63 - 1, 2**63, 2**64, 2**64 + 12345, 2**100,
         3**200, -1, -42, -2**64, -(3**150), 10**40 + 7, 0.5, 1e300, -2.75,
         'a', 'seed', 'ü' * 50, 'x' * 1000]
for s in seeds:
    random.seed(s)
    xs = [random.random() for _ in range(700)]
    print(repr(s)[:30], xs[0], xs[623], xs[624], xs[699])
    print('  ', random.getrandbits(31), random.getrandbits(32),
          random.getrandbits(95), random.randrange(10**30))

r = random.Random(12345)
total = 0.0
for i in range(5000):
    total += r.random()
print(total)
print(sum(r.randint(1, 6) for _ in range(3000)))
print(r.getrandbits(4000) % 1000003)

# the state round trip, and a second generator unaffected by the first
a = random.Random(99)
b = random.Random(99)
state = a.getstate()
first = [a.random() for _ in range(1000)]
a.setstate(state)
print(first == [a.random() for _ in range(1000)])
print(first == [b.random() for _ in range(1000)])
b.seed(100)
print(b.random(), a.random())

# module functions share one generator
random.seed(5)
x = random.random()
random.seed(5)
print(x == random.random(), random.randint(0, 10), random.choice('hello'))
random.seed()
print(0.0 <= random.random() < 1.0)
random.seed(None)
print(type(random.getrandbits(64)).__name__)
