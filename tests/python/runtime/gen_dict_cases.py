"""Test cases for pystm's dict, set and frozenset (test_dict.c), with the
expected results computed here by CPython 3.11 at test time (run with
PYTHONHASHSEED=0: set orders depend on str hashes).

Each line is one operation on registers r0..r9, tab-separated, ending in
the expected result (what repr() shows, or E:Type:message for an error):

    set R ELEM...          R = set((ELEM, ...))      -> repr(R)
    frozenset R ELEM...    R = frozenset((ELEM, ...))
    tuple R ELEM...        R = (ELEM, ...)
    pairs R K V K V...     R = ((K, V), ...)
    dict R K V K V...      R = {} then R[K] = V in order
    new R TYPE [ARG]       R = TYPE(ARG) through the type's new/init slots
    call R|_ X NAME ARG... X.NAME(ARG, ...) (ARG: a register or element)
    binop R A OP B         R = A OP B   (OP: | & - ^)
    inplace A OP B         A OP= B
    cmp A OP B             A OP B       (OP: < <= == != > >=)
    hash X / len X / show X / in X ELEM / iter X / rev X (list(reversed(X)))
    setitem X K V / delitem X K / getitem X K
    viewop VIEW R D OP B swap|noswap    R = D.VIEW() OP B (B a dict: its
                                        view too; swap: B OP D.VIEW())
    viewcmp VIEW D OP B / viewdisjoint VIEW D B

An ELEM is i<int> or s<text>; a register is r<n>.  Random sequences of
operations over ints that collide in small tables (multiples of 8 and 16,
2**61-1 whose hash is 0, -1 whose hash is -2, ...) and short strings,
plus hand-made cases for the messages.  Usage:
    python3 gen_dict_cases.py [--seed N] [--count N]
"""
import random
import sys

NREGS = 10


def enc(v):
    if isinstance(v, int):
        return 'i%d' % v
    return 's' + v


def fmt_exc(e):
    msg = e.args[0] if e.args else ''
    if isinstance(e, KeyError):
        return 'E:KeyError:' + repr(msg)
    return 'E:%s:%s' % (type(e).__name__, msg)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.regs = [None] * NREGS

    def emit(self, fields, expected):
        self.out.append('\t'.join(fields + ['=' + expected]))

    def run(self, fields, fn):
        try:
            res = fn()
            text = repr(res)
        except Exception as e:  # the expected error
            text = fmt_exc(e)
        self.emit(fields, text)

    def elem(self):
        r = self.r
        k = r.random()
        if k < 0.5:
            return r.choice([0, 1, 2, 3, 5, 7, 8, 9, 16, 17, 24, 25, 32, 33,
                             40, 48, 64, 65, 80, 96, 128, 129, -1, -2, -8,
                             2**61 - 1, 2**61, 2**62 - 1, -(2**62), 1000,
                             12345, 99])
        if k < 0.75:
            return r.randrange(-50, 300)
        n = r.randrange(0, 4)
        return ''.join(r.choice('abcdefghij') for _ in range(n))

    def pick(self, container, default):
        """an element of the container that has an encoding, or default"""
        xs = [x for x in container if isinstance(x, (int, str))]
        return self.r.choice(xs) if xs else default

    def elems(self, n):
        return [self.elem() for _ in range(n)]

    # ------------------------------------------------------------ sets
    def any_reg(self, kinds):
        cands = [i for i, v in enumerate(self.regs)
                 if v is not None and type(v) in kinds]
        return self.r.choice(cands) if cands else None

    def make_set(self, i, frozen=False):
        n = self.r.choice([0, 1, 2, 3, 5, 8, 12, 20, 40, 70])
        xs = self.elems(n)
        v = (frozenset if frozen else set)(tuple(xs))
        self.regs[i] = v
        self.emit(['frozenset' if frozen else 'set', 'r%d' % i] +
                  [enc(x) for x in xs], repr(v))

    def make_tuple(self, i):
        xs = self.elems(self.r.choice([0, 1, 3, 6, 15]))
        self.regs[i] = tuple(xs)
        self.emit(['tuple', 'r%d' % i] + [enc(x) for x in xs],
                  repr(tuple(xs)))

    def make_dict(self, i):
        n = self.r.choice([0, 1, 2, 4, 7, 12, 30])
        d = {}
        fields = ['dict', 'r%d' % i]
        for _ in range(n):
            k, v = self.elem(), self.elem()
            d[k] = v
            fields += [enc(k), enc(v)]
        self.regs[i] = d
        self.emit(fields, repr(d))

    def set_step(self):
        r = self.r
        regs = self.regs
        SETS = (set, frozenset)
        ITER = (set, frozenset, tuple, dict)
        op = r.random()
        i = r.randrange(NREGS)
        a = self.any_reg(SETS)
        if a is None or op < 0.08:
            return self.make_set(i, frozen=r.random() < 0.3)
        if op < 0.12:
            return self.make_tuple(i)
        if op < 0.15:
            return self.make_dict(i)
        A = regs[a]
        ra = 'r%d' % a
        if op < 0.35 and type(A) is set:
            name = r.choice(['add', 'add', 'add', 'discard', 'discard',
                             'remove', 'pop', 'clear'])
            if name == 'clear' and r.random() < 0.7:
                name = 'add'
            if name in ('pop', 'clear'):
                self.run(['call', '_', ra, name], lambda: getattr(A, name)())
            else:
                x = self.elem()
                if A and r.random() < 0.5 and name != 'add':
                    x = self.pick(A, x)
                self.run(['call', '_', ra, name, enc(x)],
                         lambda: getattr(A, name)(x))
            return
        b = self.any_reg(ITER if op < 0.5 else SETS)
        B = regs[b]
        rb = 'r%d' % b
        if op < 0.5:
            names = ['union', 'intersection', 'difference',
                     'symmetric_difference', 'issubset', 'issuperset',
                     'isdisjoint', 'copy']
            if type(A) is set:
                names += ['update', 'intersection_update',
                          'difference_update',
                          'symmetric_difference_update']
            name = r.choice(names)
            args = [b]
            if name in ('union', 'intersection', 'difference', 'update',
                        'difference_update', 'intersection_update'):
                args = [self.any_reg(ITER) for _ in range(r.randrange(0, 3))]
            if name == 'copy':
                args = []
            fields = ['call', 'r%d' % i, ra, name] + ['r%d' % x for x in args]

            def f():
                res = getattr(A, name)(*[regs[x] for x in args])
                return res
            try:
                res = f()
                text = repr(res)
                if res is not None and not isinstance(res, bool):
                    regs[i] = res
                else:
                    fields[1] = '_'
            except Exception as e:
                text = fmt_exc(e)
                fields[1] = '_'
            return self.emit(fields, text)
        if op < 0.75:
            sym = r.choice(['|', '&', '-', '^'])
            fn = {'|': lambda x, y: x | y, '&': lambda x, y: x & y,
                  '-': lambda x, y: x - y, '^': lambda x, y: x ^ y}[sym]
            res = fn(A, B)
            regs[i] = res
            return self.emit(['binop', 'r%d' % i, ra, sym, rb], repr(res))
        if op < 0.85:
            sym = r.choice(['|', '&', '-', '^'])
            if type(A) is frozenset:
                res = {'|': A | B, '&': A & B, '-': A - B, '^': A ^ B}[sym]
            else:
                if sym == '|':
                    A |= B
                elif sym == '&':
                    A &= B
                elif sym == '-':
                    A -= B
                else:
                    A ^= B
                res = A
            regs[a] = res
            return self.emit(['inplace', ra, sym, rb], repr(res))
        if op < 0.9:
            sym = r.choice(['<', '<=', '==', '!=', '>', '>='])
            res = eval('A %s B' % sym)
            return self.emit(['cmp', ra, sym, rb], repr(res))
        if op < 0.95:
            kind = r.choice(['setof', 'frozensetof'])
            src = self.any_reg(ITER)
            t = 'set' if kind == 'setof' else 'frozenset'
            res = (set if t == 'set' else frozenset)(regs[src])
            regs[i] = res
            return self.emit(['new', 'r%d' % i, t, 'r%d' % src], repr(res))
        what = r.choice(['hash', 'len', 'in', 'iter'])
        if what == 'hash' and type(A) is frozenset:
            return self.emit(['hash', ra], repr(hash(A)))
        if what == 'in':
            x = self.elem()
            return self.emit(['in', ra, enc(x)], repr(x in A))
        if what == 'iter':
            return self.emit(['iter', ra], repr(list(A)))
        return self.emit(['len', ra], repr(len(A)))

    # ------------------------------------------------------------ dicts
    def dict_step(self):
        r = self.r
        regs = self.regs
        op = r.random()
        i = r.randrange(NREGS)
        a = self.any_reg((dict,))
        if a is None or op < 0.06:
            return self.make_dict(i)
        D = regs[a]
        ra = 'r%d' % a
        if op < 0.4:
            k, v = self.elem(), self.elem()
            if D and r.random() < 0.4:
                k = self.pick(D, k)
            D[k] = v
            return self.emit(['setitem', ra, enc(k), enc(v)], repr(D))
        if op < 0.5:
            k = self.elem()
            if D and r.random() < 0.6:
                k = self.pick(D, k)

            def f():
                del D[k]
                return D
            return self.run(['delitem', ra, enc(k)], f)
        if op < 0.55:
            k = self.elem()
            if D and r.random() < 0.6:
                k = self.pick(D, k)
            return self.run(['getitem', ra, enc(k)], lambda: D[k])
        if op < 0.75:
            name = r.choice(['get', 'get', 'pop', 'pop', 'popitem',
                             'setdefault', 'copy', 'keys', 'values',
                             'items', 'clear', '__contains__'])
            if name == 'clear' and r.random() < 0.7:
                name = 'popitem'
            k, v = self.elem(), self.elem()
            if D and r.random() < 0.6:
                k = self.pick(D, k)
            nargs = {'get': r.choice([1, 2]), 'pop': r.choice([1, 2]),
                     'setdefault': 2, '__contains__': 1}
            args = [k, v][:nargs.get(name, 0)]
            fields = ['call', '_', ra, name] + [enc(x) for x in args]
            if name == 'copy':
                res = D.copy()
                regs[i] = res
                fields[1] = 'r%d' % i
                return self.emit(fields, repr(res))
            self.run(fields, lambda: getattr(D, name)(*args))
            return self.emit(['show', ra], repr(D))
        if op < 0.82:
            src = self.any_reg((dict, set, frozenset, tuple))
            S = regs[src]
            if type(S) is tuple and r.random() < 0.7:
                # a tuple of pairs
                pairs = tuple((self.elem(), self.elem())
                              for _ in range(r.randrange(0, 6)))
                j = r.randrange(NREGS)
                regs[j] = pairs
                return self.emit(['pairs', 'r%d' % j] +
                                 [enc(x) for p in pairs for x in p],
                                 repr(pairs))
            if type(S) in (set, frozenset):
                v = self.elem()
                res = dict.fromkeys(S, v)
                regs[i] = res
                return self.emit(['call', 'r%d' % i, 'dict', 'fromkeys',
                                  'r%d' % src, enc(v)], repr(res))

            self.run(['call', '_', ra, 'update', 'r%d' % src],
                     lambda: D.update(S))
            return self.emit(['show', ra], repr(D))
        if op < 0.88:
            b = self.any_reg((dict,))
            if r.random() < 0.5:
                res = D | regs[b]
                regs[i] = res
                return self.emit(['binop', 'r%d' % i, ra, '|', 'r%d' % b],
                                 repr(res))
            D |= regs[b]
            return self.emit(['inplace', ra, '|', 'r%d' % b], repr(D))
        if op < 0.92:
            b = self.any_reg((dict,))
            sym = r.choice(['==', '!='])
            return self.emit(['cmp', ra, sym, 'r%d' % b],
                             repr(eval('D %s regs[b]' % sym)))
        what = r.choice(['iter', 'rev', 'len', 'in', 'views', 'views'])
        if what == 'iter':
            return self.emit(['iter', ra], repr(list(D)))
        if what == 'rev':
            return self.emit(['rev', ra], repr(list(reversed(D))))
        if what == 'len':
            return self.emit(['len', ra], repr(len(D)))
        if what == 'in':
            k = self.elem()
            return self.emit(['in', ra, enc(k)], repr(k in D))
        b = self.any_reg((dict, set, frozenset))
        view = r.choice(['keys', 'items'])
        B = regs[b]
        if type(B) is dict:
            B = getattr(B, view)()
        V = getattr(D, view)()
        k = r.random()
        if k < 0.15:
            return self.emit(['viewdisjoint', view, ra, 'r%d' % b],
                             repr(V.isdisjoint(B)))
        if k < 0.3:
            sym = r.choice(['<', '<=', '==', '!=', '>', '>='])
            return self.emit(['viewcmp', view, ra, sym, 'r%d' % b],
                             repr(eval('V %s B' % sym)))
        sym = r.choice(['|', '&', '-', '^'])
        swapped = False
        if r.random() < 0.3:
            res = eval('B %s V' % sym)
            swapped = True
        else:
            res = eval('V %s B' % sym)
        regs[i] = res
        return self.emit(['viewop', view, 'r%d' % i, ra, sym, 'r%d' % b,
                          'swap' if swapped else 'noswap'], repr(res))


FIXED = [
    # reprs, empties, subclass-free basics
    (['set', 'r0'], 'set()'),
    (['frozenset', 'r1'], 'frozenset()'),
    (['frozenset', 'r1', 'i1'], 'frozenset({1})'),
    (['set', 'r0', 'i1', 'i2'], '{1, 2}'),
    (['dict', 'r2'], '{}'),
    (['dict', 'r2', 'sa', 'i1'], "{'a': 1}"),
    (['call', '_', 'r2', 'keys'], "dict_keys(['a'])"),
    (['call', '_', 'r2', 'values'], 'dict_values([1])'),
    (['call', '_', 'r2', 'items'], "dict_items([('a', 1)])"),
    (['dict', 'r3'], '{}'),
    (['call', '_', 'r3', 'popitem'],
     "E:KeyError:'popitem(): dictionary is empty'"),
    (['call', '_', 'r3', 'pop', 'sx'], "E:KeyError:'x'"),
    (['getitem', 'r3', 'i5'], 'E:KeyError:5'),
    (['delitem', 'r3', 'i5'], 'E:KeyError:5'),
    (['call', '_', 'r0', 'remove', 'i9'], 'E:KeyError:9'),
    (['set', 'r4'], 'set()'),
    (['call', '_', 'r4', 'pop'], "E:KeyError:'pop from an empty set'"),
    (['call', '_', 'r3', 'get'],
     'E:TypeError:get expected at least 1 argument, got 0'),
    (['call', '_', 'r3', 'get', 'i1', 'i2', 'i3'],
     'E:TypeError:get expected at most 2 arguments, got 3'),
    (['call', '_', 'r3', 'pop'],
     'E:TypeError:pop expected at least 1 argument, got 0'),
    (['call', '_', 'r3', 'keys', 'i1'],
     'E:TypeError:dict.keys() takes no arguments (1 given)'),
    (['call', '_', 'r0', 'add'],
     'E:TypeError:set.add() takes exactly one argument (0 given)'),
    (['call', '_', 'r3', 'update', 'i1', 'i2'],
     'E:TypeError:update expected at most 1 argument, got 2'),
    (['new', 'r5', 'dict', 'i1', 'i2'],
     'E:TypeError:dict expected at most 1 argument, got 2'),
    (['new', 'r5', 'set', 'i1', 'i2'],
     'E:TypeError:set expected at most 1 argument, got 2'),
    (['new', 'r5', 'frozenset', 'i1', 'i2'],
     'E:TypeError:frozenset expected at most 1 argument, got 2'),
    (['new', 'r5', 'dict', 'i1'], "E:TypeError:'int' object is not iterable"),
    (['tuple', 'r6', 'i1', 'i2'], '(1, 2)'),
    (['new', 'r5', 'dict', 'r6'],
     'E:TypeError:cannot convert dictionary update sequence element #0 to '
     'a sequence'),
    (['tuple', 'r6', 'sab', 'sc'], "('ab', 'c')"),
    (['new', 'r5', 'dict', 'r6'],
     'E:ValueError:dictionary update sequence element #1 has length 1; 2 is '
     'required'),
    (['tuple', 'r6', 'sab', 'scd'], "('ab', 'cd')"),
    (['new', 'r5', 'dict', 'r6'], "{'a': 'b', 'c': 'd'}"),
    (['set', 'r7', 'i1', 'i2', 'i3'], '{1, 2, 3}'),
    (['call', 'r8', 'r7', 'copy'], '{1, 2, 3}'),
    (['frozenset', 'r8', 'i1', 'i2', 'i3'], 'frozenset({1, 2, 3})'),
    (['hash', 'r8'], repr(hash(frozenset({1, 2, 3})))),
    (['frozenset', 'r8'], 'frozenset()'),
    (['hash', 'r8'], repr(hash(frozenset()))),
    (['frozenset', 'r8', 'sa', 'sb', 'i7'],
     repr(frozenset(('a', 'b', 7)))),
    (['hash', 'r8'], repr(hash(frozenset(('a', 'b', 7))))),
    (['dict', 'r9', 'sa', 'i1', 'sb', 'i2', 'sc', 'i3'],
     "{'a': 1, 'b': 2, 'c': 3}"),
    (['rev', 'r9'], "['c', 'b', 'a']"),
    (['call', '_', 'r9', 'popitem'], "('c', 3)"),
    (['setitem', 'r9', 'sa', 'i9'], "{'a': 9, 'b': 2}"),
    (['delitem', 'r9', 'sa'], "{'b': 2}"),
    (['setitem', 'r9', 'sa', 'i1'], "{'b': 2, 'a': 1}"),
    (['hash', 'r9'], "E:TypeError:unhashable type: 'dict'"),
    (['hash', 'r7'], "E:TypeError:unhashable type: 'set'"),
    (['cmp', 'r9', '<', 'r9'],
     "E:TypeError:'<' not supported between instances of 'dict' and 'dict'"),
]


def main():
    seed, count = 1, 300
    args = sys.argv[1:]
    while args:
        if args[0] == '--seed':
            seed = int(args[1])
            args = args[2:]
        elif args[0] == '--count':
            count = int(args[1])
            args = args[2:]
        else:
            sys.exit('usage: gen_dict_cases.py [--seed N] [--count N]')
    out = []
    for fields, expected in FIXED:
        out.append('\t'.join(fields + ['=' + expected]))
    out.append('reset\t=')
    for n in range(count):
        g = Gen(seed * 100003 + n)
        steps = g.r.choice([5, 20, 60, 150])
        for _ in range(steps):
            if g.r.random() < 0.55:
                g.set_step()
            else:
                g.dict_step()
        out.extend(g.out)
        out.append('reset\t=')
    print('\n'.join(out))


if __name__ == '__main__':
    main()
