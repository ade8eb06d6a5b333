# io.StringIO / io.BytesIO: random mixes of operations against CPython
import io, random
rng = random.Random(7)
pieces = ['a', 'bc', '\n', '\r', '\r\n', 'é', '😀', 'xyz']
for trial in range(150):
    nl = rng.choice([None, '', '\n', '\r', '\r\n'])
    init = ''.join(rng.choice(pieces) for i in range(rng.randrange(0, 8)))
    s = io.StringIO(init, nl)
    out = []
    for step in range(10):
        op = rng.randrange(8)
        try:
            if op == 0: out.append(s.read(rng.randrange(-1, 5)))
            elif op == 1: out.append(s.readline())
            elif op == 2: out.append(s.readline(rng.randrange(0, 4)))
            elif op == 3: out.append(s.write(''.join(rng.choice(pieces) for i in range(rng.randrange(0, 4)))))
            elif op == 4: out.append(s.seek(rng.randrange(0, 12)))
            elif op == 5: out.append(s.tell())
            elif op == 6: out.append(s.truncate(rng.choice([None, rng.randrange(0, 10)])))
            else: out.append(s.getvalue())
        except Exception as e:
            out.append(type(e).__name__ + str(e))
    print(trial, repr(nl), out)
    b = io.BytesIO(init.encode())
    out = []
    for step in range(10):
        op = rng.randrange(7)
        if op == 0: out.append(b.read(rng.randrange(-1, 5)))
        elif op == 1: out.append(b.readline())
        elif op == 2: out.append(b.write(bytes(rng.randrange(0, 3))))
        elif op == 3: out.append(b.seek(rng.randrange(0, 12), 0) if rng.randrange(2) else b.seek(rng.randrange(-3, 3), rng.randrange(1,3)))
        elif op == 4: out.append(b.truncate(rng.choice([None, rng.randrange(0, 10)])))
        elif op == 5: out.append(b.tell())
        else: out.append(b.getvalue())
    print(' ', out)
