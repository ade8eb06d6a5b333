# random: what counts as a population, shuffling immutable sequences
import random
class Seq:
    def __getitem__(self, i): return i
    def __len__(self): return 10
r = random.Random(3)
for f in [lambda: r.sample(Seq(), 2), lambda: r.sample({'a': 1}, 1), lambda: r.sample(iter([1, 2]), 1), lambda: r.sample('abc', 2),
          lambda: r.sample((1, 2, 3), 3), lambda: r.shuffle('abc'), lambda: r.shuffle((1, 2)), lambda: r.choice({}), lambda: r.choice({0: 'z'}),
          lambda: r.choice(Seq()), lambda: r.choices(Seq(), k=2), lambda: r.sample(range(5), k=2), lambda: r.sample(population=range(5), k=2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
