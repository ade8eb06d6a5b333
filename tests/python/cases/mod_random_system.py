# random.SystemRandom: bits from the OS (only their ranges are printed)
import random
s = random.SystemRandom()
print(all(0 <= s.random() < 1 for _ in range(200)), all(0 <= s.getrandbits(5) < 32 for _ in range(200)))
print(s.getrandbits(0), max(s.getrandbits(1) for _ in range(100)), s.getrandbits(300) < 2**300, 0 <= s.randrange(10) < 10)
print(len(set(s.getrandbits(64) for _ in range(50))) > 45, sorted(s.sample(range(5), 5)), s.seed(5))
x = list(range(10)); s.shuffle(x); print(sorted(x))
for f in [lambda: s.getrandbits(-1), lambda: s.getstate(), lambda: s.setstate(None), lambda: s.getrandbits('x')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
