"""random -- pseudo-random numbers with CPython 3.11's algorithms.

The generator is the Mersenne Twister of the C module _random; every
method here turns its output into numbers exactly as CPython 3.11's
random module does, so a program seeded alike draws the same values
under pystm and CPython.  class Random keeps the generator's state (a
list, see randommodule.c) in an attribute, so it can be subclassed; the
module-level functions are the methods of one hidden instance.
"""

import _random
from math import (log as _log, exp as _exp, pi as _pi, e as _e,
                  ceil as _ceil, sqrt as _sqrt, acos as _acos, cos as _cos,
                  sin as _sin, floor as _floor, isfinite as _isfinite)

__all__ = ["Random", "SystemRandom", "seed", "random", "uniform", "randint",
           "choice", "sample", "randrange", "shuffle", "normalvariate",
           "lognormvariate", "expovariate", "vonmisesvariate",
           "gammavariate", "triangular", "gauss", "betavariate",
           "paretovariate", "weibullvariate", "getstate", "setstate",
           "getrandbits", "choices"]

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
TWOPI = 2.0 * _pi
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53        # bits in a float's mantissa
RECIP_BPF = 2 ** -BPF

try:
    _BYTES_TYPES = (bytes, bytearray)
except NameError:       # bytes not in pystm yet
    _BYTES_TYPES = ()


def _index(value):
    """operator.index(): the int an object stands for, or TypeError"""
    if type(value) is int:
        return value
    if isinstance(value, int):
        return int(value) if type(value) is not int else value
    method = getattr(type(value), '__index__', None)
    if method is None:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(value).__name__)
    return method(value)


def _bisect_right(sorted_list, x, lo, hi):
    """the index after the last item <= x in sorted_list[lo:hi]"""
    while lo < hi:
        middle = (lo + hi) // 2
        if x < sorted_list[middle]:
            hi = middle
        else:
            lo = middle + 1
    return lo


def _running_totals(values):
    """itertools.accumulate(values) as a list"""
    totals = []
    it = iter(values)
    for first in it:
        total = first
        totals.append(total)
        for value in it:
            total = total + value
            totals.append(total)
    return totals


_SEQUENCE_TYPES = (str, list, tuple, range) + _BYTES_TYPES


def _is_sequence(population):
    """isinstance(population, collections.abc.Sequence) for the types
    pystm has (no class can register as a Sequence yet)"""
    return isinstance(population, _SEQUENCE_TYPES)


_randbelow_of_class = {}


class Random:
    """A Mersenne Twister generator with its own state; subclass it and
    override random() (and getrandbits()) to use another source."""

    VERSION = 3

    def __init__(self, x=None):
        self._mt_state = _random.new_state()
        self.seed(x)
        self.gauss_next = None

    def __init_subclass__(cls, /, **kwargs):
        # the integer method follows whichever source the subclass gives
        for klass in cls.__mro__:
            if '_randbelow' in klass.__dict__:
                break
            if 'getrandbits' in klass.__dict__:
                cls._randbelow = cls._randbelow_with_getrandbits
                break
            if 'random' in klass.__dict__:
                cls._randbelow = cls._randbelow_without_getrandbits
                break

    # -------------------------------------------------------- the source

    def seed(self, a=None, version=2):
        if version == 1 and isinstance(a, (str,) + _BYTES_TYPES):
            # Python 2's string hash, kept for old seeds
            text = a.decode('latin-1') if not isinstance(a, str) else a
            x = ord(text[0]) << 7 if text else 0
            for c in map(ord, text):
                x = ((1000003 * x) ^ c) & 0xFFFFFFFFFFFFFFFF
            x ^= len(text)
            a = -2 if x == -1 else x
        elif version == 2 and isinstance(a, _BYTES_TYPES):
            raise TypeError("pystm: seeding with bytes is not supported yet")
        elif not isinstance(a, (type(None), int, float, str) + _BYTES_TYPES):
            raise TypeError('The only supported seed types are: None,\n'
                            'int, float, str, bytes, and bytearray.')
        _random.seed(self._mt_state, a)
        self.gauss_next = None

    def random(self, *none):
        """a float in [0.0, 1.0)"""
        if none:
            raise TypeError('Random.random() takes no arguments (%d given)'
                            % len(none))
        return _random.random(self._mt_state)

    def getrandbits(self, *k, **kwargs):
        """an int with k random bits"""
        if kwargs:
            raise TypeError('Random.getrandbits() takes no keyword arguments')
        if len(k) != 1:
            raise TypeError('Random.getrandbits() takes exactly one argument '
                            '(%d given)' % len(k))
        return _random.getrandbits(self._mt_state, k[0])

    def getstate(self):
        return (self.VERSION, _random.getstate(self._mt_state),
                self.gauss_next)

    def setstate(self, state):
        version = state[0]
        if version == 3:
            version, internal, self.gauss_next = state
        elif version == 2:
            version, internal, self.gauss_next = state
            # version 2 stored the words as signed C longs
            try:
                internal = tuple(x % (2 ** 32) for x in internal)
            except ValueError as e:
                raise TypeError from e
        else:
            raise ValueError("state with version %s passed to "
                             "Random.setstate() of version %s"
                             % (version, self.VERSION))
        _random.setstate(self._mt_state, internal)

    def __reduce__(self):
        return self.__class__, (), self.getstate()

    # -------------------------------------------------------- integers

    def _randbelow_with_getrandbits(self, n):
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def _randbelow_from_state(self, n):
        # _randbelow_with_getrandbits when getrandbits is Random's own
        state = self._mt_state
        k = n.bit_length()
        r = _random.getrandbits(state, k)
        while r >= n:
            r = _random.getrandbits(state, k)
        return r

    def _randbelow_without_getrandbits(self, n, maxsize=1 << BPF):
        random = self.random
        if n >= maxsize:
            return _floor(random() * n)
        rem = maxsize % n
        limit = (maxsize - rem) / maxsize
        r = random()
        while r >= limit:
            r = random()
        return _floor(r * maxsize) % n

    def _randbelow(self, n):
        # what __init_subclass__ picks, chosen at the call while pystm
        # does not run __init_subclass__
        kind = type(self)
        method = _randbelow_of_class.get(kind)
        if method is None:
            method = Random._randbelow_with_getrandbits
            for klass in kind.__mro__:
                if klass is not Random and '_randbelow' in klass.__dict__:
                    method = klass.__dict__['_randbelow']
                    break
                if 'getrandbits' in klass.__dict__:
                    if klass is Random:
                        method = Random._randbelow_from_state
                    break
                if 'random' in klass.__dict__:
                    method = Random._randbelow_without_getrandbits
                    break
            _randbelow_of_class[kind] = method
        return method(self, n)

    def randrange(self, start, stop=None, step=1):
        try:
            istart = _index(start)
        except TypeError:
            istart = int(start)
            if istart != start:
                raise ValueError("non-integer arg 1 for randrange()")
        if stop is None:
            if step != 1 or type(step) is not int:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        try:
            istop = _index(stop)
        except TypeError:
            istop = int(stop)
            if istop != stop:
                raise ValueError("non-integer stop for randrange()")
        width = istop - istart
        try:
            istep = _index(step)
        except TypeError:
            istep = int(step)
            if istep != step:
                raise ValueError("non-integer step for randrange()")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)"
                             % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        """an int in [a, b], both ends included"""
        return self.randrange(a, b + 1)

    # -------------------------------------------------------- sequences

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        randbelow = self._randbelow
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if not _is_sequence(population):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = _running_totals(counts)
            if len(cum_counts) != n:
                raise ValueError('The number of counts does not match '
                                 'the population')
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError('Counts must be integers')
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            selections = self.sample(range(total), k=k)
            return [population[_bisect_right(cum_counts, s, 0,
                                              len(cum_counts))]
                    for s in selections]
        randbelow = self._randbelow
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        # a small population is copied and picked from; a large one is
        # indexed, remembering what was picked in a set
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = randbelow(n)
                while j in selected:
                    j = randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        random = self.random
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(random() * n)] for i in range(k)]
            try:
                cum_weights = _running_totals(weights)
            except TypeError:
                if not isinstance(weights, int):
                    raise
                k = weights
                raise TypeError('The number of choices must be a keyword '
                                'argument: k=' + repr(k)) from None
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative '
                            'weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the '
                             'population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if not _isfinite(total):
            raise ValueError('Total of weights must be finite')
        hi = n - 1
        return [population[_bisect_right(cum_weights, random() * total, 0,
                                          hi)]
                for i in range(k)]

    # -------------------------------------------------------- distributions

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        # Kinderman and Monahan's ratio of uniforms
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            if zz <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        # Box-Muller: two values a time, the second kept for the next call
        random = self.random
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = random() * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        random = self.random
        if kappa <= 1e-6:
            return TWOPI * random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = random()
        if u3 > 0.5:
            theta = (mu + _acos(f)) % TWOPI
        else:
            theta = (mu - _acos(f)) % TWOPI
        return theta

    def gammavariate(self, alpha, beta):
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError('gammavariate: alpha and beta must be > 0.0')
        random = self.random
        if alpha > 1.0:
            # Cheng's rejection method
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        elif alpha == 1.0:
            return -_log(1.0 - random()) * beta
        else:
            # the algorithm GS of Ahrens and Dieter
            while True:
                u = random()
                b = (_e + alpha) / _e
                p = b * u
                if p <= 1.0:
                    x = p ** (1.0 / alpha)
                else:
                    x = -_log((b - p) / alpha)
                u1 = random()
                if p > 1.0:
                    if u1 <= x ** (alpha - 1.0):
                        break
                elif u1 <= _exp(-x):
                    break
            return x * beta

    def betavariate(self, alpha, beta):
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


class SystemRandom(Random):
    """Random numbers from the OS: not reproducible, no state."""

    def random(self):
        return (self.getrandbits(56) >> 3) * RECIP_BPF

    def getrandbits(self, k):
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        return _random.os_getrandbits(k)

    def seed(self, *args, **kwds):
        return None

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have '
                                  'state.')

    getstate = setstate = _notimplemented


_inst = Random()
seed = _inst.seed
# a C function bound to the hidden generator's state: the fast path
random = _random.bind_random(_inst._mt_state)
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
