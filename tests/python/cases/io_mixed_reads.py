# text reads mixed at random (read(n), readline(), readline(n), read())
# over contents with every kind of line end and multi-byte characters
import os
import random

d = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()))
os.mkdir(d)
p = os.path.join(d, 'm.txt')
rng = random.Random(1234)
pieces = ['a', 'bc', '\n', '\r', '\r\n', 'é', '€', '😀', ' ', 'xyz']
for trial in range(60):
    text = ''.join(rng.choice(pieces) for i in range(rng.randrange(0, 40)))
    with open(p, 'w', newline='') as f:
        f.write(text)
    nl = rng.choice([None, '', '\n', '\r', '\r\n'])
    out = []
    with open(p, newline=nl) as f:
        for step in range(12):
            op = rng.randrange(4)
            if op == 0:
                out.append(f.read(rng.randrange(0, 5)))
            elif op == 1:
                out.append(f.readline())
            elif op == 2:
                out.append(f.readline(rng.randrange(0, 4)))
            else:
                out.append(f.read())
    print(trial, repr(nl), out)
    with open(p, 'rb') as f:
        bout = []
        for step in range(6):
            op = rng.randrange(3)
            if op == 0:
                bout.append(f.read(rng.randrange(0, 6)))
            elif op == 1:
                bout.append(f.readline())
            else:
                bout.append(f.readline(rng.randrange(0, 6)))
    print(' ', bout)
os.remove(p)
os.rmdir(d)
