# encode/decode with pseudo-random data, codecs and error handlers

seed = 7
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
pool = [0x41, 0x7f, 0x80, 0xc2, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0xb0, 0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x90, 0xff, 0xfe, 0xc0, 0xe0, 0x0a]
chars = ['a', '\xe9', '\u20ac', '\U0001f600', '\udc80', '\ud800', '\udcff', '\x00', '\x7f', '\xff', '\u0100']
encs = ['utf-8', 'ascii', 'latin-1', 'utf8', 'Latin1', 'US-ASCII']
errs = ['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace', 'surrogatepass', 'xmlcharrefreplace', 'bogus']
for i in range(600):
    data = bytes(pool[rnd(len(pool))] for _ in range(rnd(7)))
    enc = encs[rnd(len(encs))]
    er = errs[rnd(len(errs))]
    try:
        print(i, 'd', repr(data.decode(enc, er)))
    except Exception as e:
        print(i, 'd', type(e).__name__, e)
    s = ''.join(chars[rnd(len(chars))] for _ in range(rnd(6)))
    try:
        print(i, 'e', repr(s.encode(enc, er)))
    except Exception as e:
        print(i, 'e', type(e).__name__, e)
