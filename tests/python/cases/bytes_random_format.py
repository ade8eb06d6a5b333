# bytes % with pseudo-random directives and arguments

seed = 3
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
convs = 'dixXoeEfFgGcsbra%u'
flags = ['', '-', '+', ' ', '#', '0', '-0', '+#', '0+']
vals = [0, 7, -42, 255, 3.25, -0.5, 1e20, 2**70, True, b'ab', bytearray(b'xy'), 'str', None, [1], b'z', 65, 300, float('nan'), float('-inf')]
for i in range(600):
    n = rnd(3) + 1
    fmt = b'<'
    for _ in range(n):
        fmt += b'%' + flags[rnd(len(flags))].encode()
        if rnd(2): fmt += str(rnd(12)).encode()
        if rnd(3) == 0: fmt += b'.' + str(rnd(6)).encode()
        fmt += convs[rnd(len(convs))].encode() + b'|'
    args = tuple(vals[rnd(len(vals))] for _ in range(rnd(4)))
    if rnd(4) == 0 and args:
        args = args[0]
    try:
        print(i, repr(fmt % args))
    except Exception as e:
        print(i, type(e).__name__, e)
