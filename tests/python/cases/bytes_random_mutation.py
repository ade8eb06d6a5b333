# bytearray mutation and construction with pseudo-random arguments (an
# LCG: the same sequence in CPython and pystm)

seed = 5
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
vals = [0, 1, -1, 255, 256, -300, 2**70, b'a', b'', bytearray(b'zz'), 'a', None, [1, 2], (300,), 1.5, True, range(3), [b'a']]
ops = ['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'copy', 'reverse', 'setitem', 'delitem', 'iadd', 'imul', 'new', 'bytes', 'fromhex', 'maketrans', 'contains', 'getitem']
for i in range(600):
    b = bytearray(b'abcab'[:rnd(6)])
    op = ops[rnd(len(ops))]
    a = [vals[rnd(len(vals))] for _ in range(rnd(3))]
    try:
        if op == 'setitem':
            k = vals[rnd(len(vals))] if rnd(2) else slice(rnd(7)-3, rnd(7)-3, [None, 1, 2, -1, -2, 0][rnd(6)])
            b[k] = vals[rnd(len(vals))]
            r = None
        elif op == 'delitem':
            k = vals[rnd(len(vals))] if rnd(2) else slice(rnd(7)-3, rnd(7)-3, [None, 1, 2, -1, -2, 0][rnd(6)])
            del b[k]
            r = None
        elif op == 'getitem':
            r = (bytes(b) if rnd(2) else b)[vals[rnd(len(vals))]]
        elif op == 'iadd':
            b += vals[rnd(len(vals))]
            r = None
        elif op == 'imul':
            b *= vals[rnd(len(vals))]
            r = None
        elif op == 'new':
            r = bytearray(*a)
        elif op == 'bytes':
            r = bytes(*a)
        elif op == 'fromhex':
            r = bytes.fromhex(*a)
        elif op == 'maketrans':
            r = bytes.maketrans(*a)
        elif op == 'contains':
            r = vals[rnd(len(vals))] in (bytes(b) if rnd(2) else b)
        else:
            r = getattr(b, op)(*a)
        print(i, op, repr(r), b)
    except Exception as e:
        print(i, op, type(e).__name__, e, b)
