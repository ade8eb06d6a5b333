# memoryview slicing, reading and writing with pseudo-random views

seed = 9
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
steps = [None, 1, 2, -1, -2, 3]
for i in range(500):
    ba = bytearray(b'abcdefgh'[:rnd(9)])
    src = ba if rnd(2) else bytes(ba)
    m = memoryview(src)
    try:
        for _ in range(rnd(3)):
            m = m[rnd(11) - 5:rnd(11) - 5:steps[rnd(6)]]
        k = rnd(6)
        if k == 0:
            r = m.tobytes()
        elif k == 1:
            r = m[rnd(9) - 4]
        elif k == 2:
            m[rnd(9) - 4] = rnd(300)
            r = bytes(src)
        elif k == 3:
            m[rnd(5) - 2:rnd(5) - 2:steps[rnd(6)]] = bytes(rnd(3))
            r = bytes(src)
        elif k == 4:
            r = (m == src, list(m), m.nbytes, m.strides, m.contiguous, len(m))
        else:
            r = (b'x' + m if m.contiguous else b'', bytes(m), m.hex())
        print(i, k, repr(r))
    except Exception as e:
        print(i, type(e).__name__, e)
