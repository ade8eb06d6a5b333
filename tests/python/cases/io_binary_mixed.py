# binary files opened for update: random mixes of reads, writes, seeks and truncations against CPython
import os, random
rng = random.Random(5)
p = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()) + '.bin')
for trial in range(200):
    with open(p, 'wb') as f:
        f.write(bytes(rng.randrange(256) for i in range(rng.randrange(0, 20))))
    out = []
    with open(p, rng.choice(['r+b', 'rb+'])) as f:
        for step in range(12):
            op = rng.randrange(7)
            if op == 0: out.append(f.read(rng.randrange(-1, 6)))
            elif op == 1: out.append(f.readline())
            elif op == 2: out.append(f.write(bytes([65 + rng.randrange(5)]) * rng.randrange(0, 5)))
            elif op == 3: out.append(f.seek(rng.randrange(0, 25)))
            elif op == 4: out.append(f.tell())
            elif op == 5: out.append(f.truncate(rng.choice([None, rng.randrange(0, 20)])))
            else:
                try:
                    out.append(f.seek(rng.randrange(-3, 1), 2) if rng.randrange(2) else f.seek(rng.randrange(-2, 3), 1))
                except OSError as e:
                    out.append(str(e))
    with open(p, 'rb') as f:
        out.append(f.read())
    print(trial, out)
os.remove(p)
