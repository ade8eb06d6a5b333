# the shared methods with pseudo-random receivers and arguments

seed = 1
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
alphabet = b'ab \t\n\rAB1-,%\xff\xc3\xa9\x80'
def rb():
    return bytes(alphabet[rnd(len(alphabet))] for _ in range(rnd(8)))
def rarg():
    k = rnd(6)
    if k == 0: return None
    if k == 1: return rnd(10) - 5
    return rb()
names = ['find','rfind','count','index','rindex','startswith','endswith','split','rsplit','strip','lstrip','rstrip','partition','rpartition','replace','center','ljust','rjust','zfill','expandtabs','splitlines','removeprefix','removesuffix','title','capitalize','swapcase','istitle','isspace','isalnum','hex','join','translate','decode','isupper','islower','upper','lower','isdigit','isalpha','isascii','__contains__','__getitem__','__add__','__mod__','__eq__','__lt__']
for i in range(500):
    s = rb()
    if rnd(2): s = bytearray(s)
    name = names[rnd(len(names))]
    nargs = rnd(4)
    args = [rarg() for _ in range(nargs)]
    if name == 'join':
        args = [[rb() for _ in range(rnd(4))]]
    try:
        r = getattr(s, name)(*args)
        print(i, name, repr(r))
    except Exception as e:
        print(i, name, type(e).__name__, e)
    for op in range(2):
        try:
            k = rnd(4)
            if k == 0:
                c = bytearray(s); c[rnd(5)-2:rnd(5)-2:[1,1,2,-1,-2][rnd(5)]] = rb(); print(' sl', c)
            elif k == 1:
                c = bytearray(s); del c[rnd(5)-2:rnd(5)-2:[1,1,2,-1,-2][rnd(5)]]; print(' del', c)
            elif k == 2:
                print(' %', rb().replace(b'-', b'%') % tuple(rb() for _ in range(rnd(3))))
            else:
                print(' sl', s[rnd(9)-4:rnd(9)-4:[1,2,-1,-3][rnd(4)]])
        except Exception as e:
            print(' ', type(e).__name__, e)
