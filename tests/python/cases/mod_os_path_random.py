# os.path: random paths (the same under both interpreters: seeded random)
# through every string function
import os.path
import random

r = random.Random(2026)
parts = ['a', 'b', '.', '..', '', 'x.y', '.hidden', 'z.', '...', 'c.tar.gz']
for i in range(400):
    n = r.randint(0, 6)
    p = '/'.join(r.choice(parts) for _ in range(n))
    if r.random() < 0.3:
        p = '/' * r.randint(1, 3) + p
    if r.random() < 0.2:
        p = p + '/' * r.randint(1, 2)
    q = '/'.join(r.choice(parts) for _ in range(r.randint(0, 3)))
    print(repr(p), os.path.normpath(p), os.path.split(p), os.path.splitext(p), os.path.basename(p),
          os.path.dirname(p), os.path.join(p, q), os.path.join(q, p), os.path.commonprefix([p, q]),
          os.path.isabs(p), os.path.relpath('/r' + p, '/r/' + q) if p else '')
