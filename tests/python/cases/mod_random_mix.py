# random: many seeds, every method mixed, compared value by value
import random

def draw(r, step):
    kind = step % 12
    if kind == 0:
        return r.random()
    if kind == 1:
        return r.randrange(1, 10 ** (step % 25 + 1), step % 7 + 1)
    if kind == 2:
        return r.randint(-step, step)
    if kind == 3:
        return r.choice('abcdefghijklmnopqrstuvwxyz'[:step % 26 + 1])
    if kind == 4:
        xs = list(range(step % 40))
        r.shuffle(xs)
        return xs
    if kind == 5:
        return r.sample(range(step * 1000 + 1), min(step % 30, step * 1000 + 1))
    if kind == 6:
        return r.choices(range(10), weights=range(1, 11), k=step % 9)
    if kind == 7:
        return r.getrandbits(step % 200 + 1)
    if kind == 8:
        return r.gauss(step, 2.0)
    if kind == 9:
        return r.uniform(-step, step)
    if kind == 10:
        return r.sample(['x', 'y', 'z'], 2, counts=[step % 3 + 1, 2, 1])
    return r.triangular(0, step + 1, step / 2)

for seed in range(0, 200, 3):
    r = random.Random(seed * 7919 - 300)
    out = [draw(r, step) for step in range(seed % 11, seed % 11 + 24)]
    print(seed, out[:3], out[-2:], len(out))
for seed in [2**200 + 1, -(2**129), 'pystm', 'seed ' * 30]:
    r = random.Random(seed)
    print(repr(seed)[:20], [draw(r, step) for step in range(12)][-4:])
