"""itertools: iterator building blocks (pystm, pure Python).

Each tool is a class, as in CPython, so type(), isinstance() and the
reprs of count and repeat match; the combinatoric ones run a generator
inside.  Argument errors are checked up front with CPython's messages,
and every tool consumes its input exactly as far as CPython's does."""

__all__ = ['accumulate', 'chain', 'combinations',
           'combinations_with_replacement', 'compress', 'count', 'cycle',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile',
           'tee', 'zip_longest']

_MAXSIZE = 9223372036854775807


def _exact_args(name, args, kwargs, count):
    if kwargs:
        raise TypeError('%s() takes no keyword arguments' % name)
    if len(args) != count:
        raise TypeError('%s expected %d argument%s, got %d'
                        % (name, count, '' if count == 1 else 's',
                           len(args)))


def _as_index(value):
    # hex() applies __index__ and reports CPython's TypeError
    if type(value) is int:
        return value
    return int(hex(value), 16)


try:
    _NUMBERS = (int, float, complex)
except NameError:  # pystm has no complex yet
    _NUMBERS = (int, float)


def _is_number(value):
    if isinstance(value, _NUMBERS):
        return True
    t = type(value)
    return (hasattr(t, '__index__') or hasattr(t, '__int__')
            or hasattr(t, '__float__'))


class _Iterator:
    def __iter__(self):
        return self


# Infinite iterators

class count(_Iterator):
    """count(start=0, step=1) --> start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step):
            raise TypeError('a number is required')
        if type(start) is bool:
            start = int(start)
        self._next = start
        self._step = step

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        step = self._step
        if type(step) is int and step == 1:
            return '%s(%r)' % (type(self).__name__, self._next)
        return '%s(%r, %r)' % (type(self).__name__, self._next, step)


class cycle(_Iterator):
    """Return elements from the iterable until it is exhausted, then
    repeat the sequence indefinitely."""

    def __init__(self, *args, **kwargs):
        _exact_args('cycle', args, kwargs, 1)
        self._it = iter(args[0])
        self._saved = []
        self._index = -1  # -1 while the first pass is running

    def __next__(self):
        if self._index < 0:
            try:
                value = next(self._it)
            except StopIteration:
                self._it = None
                if not self._saved:
                    raise
                self._index = 0
            else:
                self._saved.append(value)
                return value
        saved = self._saved
        value = saved[self._index]
        self._index = (self._index + 1) % len(saved)
        return value


class repeat(_Iterator):
    """repeat(object [,times]) -> create an iterator which returns the
    object for the specified number of times.  If not specified, returns
    the object endlessly."""

    def __init__(self, *args, **kwargs):
        if len(args) + len(kwargs) > 2:
            raise TypeError('repeat() takes at most 2 arguments (%d given)'
                            % (len(args) + len(kwargs)))
        if args:
            obj = args[0]
        elif 'object' in kwargs:
            obj = kwargs['object']
        else:
            raise TypeError("repeat() missing required argument 'object' "
                            "(pos 1)")
        times = args[1] if len(args) > 1 else kwargs.get('times')
        self._object = obj
        if times is None:
            self._times = None
        else:
            times = _as_index(times)
            self._times = times if times > 0 else 0

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return '%s(%r)' % (type(self).__name__, self._object)
        return '%s(%r, %d)' % (type(self).__name__, self._object,
                               self._times)


# Iterators terminating on the shortest input

class accumulate(_Iterator):
    """Return series of accumulated sums (or other binary function
    results)."""

    def __init__(self, *args, initial=None, **kwargs):
        if len(args) > 2:
            raise TypeError('accumulate() takes at most 2 positional '
                            'arguments (%d given)' % len(args))
        for name in kwargs:
            if name not in ('iterable', 'func'):
                raise TypeError("'%s' is an invalid keyword argument for "
                                "accumulate()" % name)
        if args:
            iterable = args[0]
        elif 'iterable' in kwargs:
            iterable = kwargs['iterable']
        else:
            raise TypeError("accumulate() missing required argument "
                            "'iterable' (pos 1)")
        func = args[1] if len(args) > 1 else kwargs.get('func')
        self._it = iter(iterable)
        self._func = func
        self._total = initial
        self._started = initial is not None
        self._pending_initial = initial is not None

    def __next__(self):
        if self._pending_initial:
            self._pending_initial = False
            return self._total
        value = next(self._it)
        if not self._started:
            self._started = True
            self._total = value
        elif self._func is None:
            self._total = self._total + value
        else:
            self._total = self._func(self._total, value)
        return self._total


class chain(_Iterator):
    """chain(*iterables) --> the elements of the first iterable until it
    is exhausted, then those of the next, and so on."""

    def __init__(self, *iterables, **kwargs):
        if kwargs:
            raise TypeError('chain() takes no keyword arguments')
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, *args):
        """Alternative chain() constructor taking a single iterable
        argument that evaluates lazily."""
        if len(args) != 1:
            raise TypeError('chain.from_iterable() takes exactly one '
                            'argument (%d given)' % len(args))
        self = cls.__new__(cls)
        self._sources = iter(args[0])
        self._active = None
        return self

    def __next__(self):
        while True:
            if self._active is None:
                if self._sources is None:
                    raise StopIteration
                try:
                    source = next(self._sources)
                except StopIteration:
                    self._sources = None
                    raise
                self._active = iter(source)
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


class compress(_Iterator):
    """Return data elements corresponding to true selector elements."""

    def __init__(self, *args, **kwargs):
        names = ('data', 'selectors')
        values = list(args)
        for i in range(len(values), 2):
            if names[i] not in kwargs:
                raise TypeError("compress() missing required argument "
                                "'%s' (pos %d)" % (names[i], i + 1))
            values.append(kwargs[names[i]])
        self._data = iter(values[0])
        self._selectors = iter(values[1])

    def __next__(self):
        while True:
            value = next(self._data)
            if next(self._selectors):
                return value


class dropwhile(_Iterator):
    """Drop items from the iterable while predicate(item) is true, then
    return every element."""

    def __init__(self, *args, **kwargs):
        _exact_args('dropwhile', args, kwargs, 2)
        self._predicate = args[0]
        self._it = iter(args[1])
        self._dropping = True

    def __next__(self):
        while True:
            value = next(self._it)
            if not self._dropping:
                return value
            if not self._predicate(value):
                self._dropping = False
                return value


class takewhile(_Iterator):
    """Return successive entries from an iterable as long as the
    predicate evaluates to true for each entry."""

    def __init__(self, *args, **kwargs):
        _exact_args('takewhile', args, kwargs, 2)
        self._predicate = args[0]
        self._it = iter(args[1])
        self._done = False

    def __next__(self):
        if self._done:
            raise StopIteration
        value = next(self._it)
        if self._predicate(value):
            return value
        self._done = True
        raise StopIteration


class filterfalse(_Iterator):
    """Return those items of iterable for which function(item) is false;
    if function is None, those that are false."""

    def __init__(self, *args, **kwargs):
        _exact_args('filterfalse', args, kwargs, 2)
        self._predicate = args[0]
        self._it = iter(args[1])

    def __next__(self):
        predicate = self._predicate
        while True:
            value = next(self._it)
            if predicate is None:
                if not value:
                    return value
            elif not predicate(value):
                return value


class _grouper(_Iterator):
    def __init__(self, parent, key):
        self._parent = parent
        self._key = key

    def __next__(self):
        parent = self._parent
        # a group is only valid until its groupby moves on
        if parent._current_group is not self:
            raise StopIteration
        if parent._value is _NOTHING:
            parent._advance()
        if not self._key == parent._key:
            raise StopIteration
        value = parent._value
        parent._value = _NOTHING
        return value


_NOTHING = object()


class groupby(_Iterator):
    """make an iterator that returns consecutive keys and groups from the
    iterable"""

    def __init__(self, *args, **kwargs):
        if len(args) + len(kwargs) > 2:
            raise TypeError('groupby() takes at most 2 arguments (%d given)'
                            % (len(args) + len(kwargs)))
        if args:
            iterable = args[0]
        elif 'iterable' in kwargs:
            iterable = kwargs['iterable']
        else:
            raise TypeError("groupby() missing required argument "
                            "'iterable' (pos 1)")
        self._keyfunc = args[1] if len(args) > 1 else kwargs.get('key')
        self._it = iter(iterable)
        self._target = _NOTHING  # the key of the last group returned
        self._key = _NOTHING     # the key of the pending value
        self._value = _NOTHING   # the value read but not yet consumed
        self._current_group = None

    def _advance(self):
        value = next(self._it)
        key = value if self._keyfunc is None else self._keyfunc(value)
        self._value = value
        self._key = key

    def __next__(self):
        self._current_group = None
        while True:
            if self._value is _NOTHING:
                self._advance()
            if self._target is _NOTHING:
                break
            if not self._target == self._key:
                break
            self._value = _NOTHING
        self._target = self._key
        group = _grouper(self, self._target)
        self._current_group = group
        return (self._key, group)


class islice(_Iterator):
    """islice(iterable, stop) --> islice object
    islice(iterable, start, stop[, step]) --> islice object"""

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError('islice() takes no keyword arguments')
        if len(args) < 2:
            raise TypeError('islice expected at least 2 arguments, got %d'
                            % len(args))
        if len(args) > 4:
            raise TypeError('islice expected at most 4 arguments, got %d'
                            % len(args))
        start, step = 0, 1
        if len(args) == 2:
            stop = self._bound(args[1], 'Stop argument for islice() must '
                               'be None or an integer: 0 <= x <= '
                               'sys.maxsize.')
        else:
            start = self._bound(args[1], 'Indices for islice() must be '
                                'None or an integer: 0 <= x <= sys.maxsize.')
            stop = self._bound(args[2], 'Stop argument for islice() must '
                               'be None or an integer: 0 <= x <= '
                               'sys.maxsize.')
            if start is None:
                start = 0
            if len(args) == 4 and args[3] is not None:
                message = 'Step for islice() must be a positive integer or None.'
                step = self._bound(args[3], message)
                if step == 0:
                    raise ValueError(message)
        self._it = iter(args[0])
        self._next = start    # the index of the next item to return
        self._stop = stop     # None: no end
        self._step = step
        self._count = 0       # items consumed so far

    @staticmethod
    def _bound(value, message):
        if value is None:
            return None
        try:
            value = _as_index(value)
        except TypeError:
            raise ValueError(message) from None
        if value < 0 or value > _MAXSIZE:
            raise ValueError(message)
        return value

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        stop = self._stop
        try:
            while self._count < self._next:
                next(it)
                self._count += 1
            if stop is not None and self._count >= stop:
                raise StopIteration
            value = next(it)
        except StopIteration:
            self._it = None
            raise
        self._count += 1
        self._next += self._step
        if stop is not None and self._next > stop:
            self._next = stop
        return value


class starmap(_Iterator):
    """Return an iterator whose values are returned from the function
    evaluated with an argument tuple taken from the given sequence."""

    def __init__(self, *args, **kwargs):
        _exact_args('starmap', args, kwargs, 2)
        self._function = args[0]
        self._it = iter(args[1])

    def __next__(self):
        args = next(self._it)
        if type(args) is not tuple:
            args = tuple(args)
        return self._function(*args)


class _tee(_Iterator):
    """Iterator wrapped to make it copyable."""

    # the tees of one source share a singly linked list of cells
    # [value, next cell]; a cell whose next is None is not read yet

    def __init__(self, iterable):
        self._source = [iter(iterable)]
        self._cell = [None, None]

    def __next__(self):
        cell = self._cell
        if cell[1] is None:
            source = self._source
            if source[0] is None:
                raise StopIteration
            try:
                cell[0] = next(source[0])
            except StopIteration:
                source[0] = None
                raise
            cell[1] = [None, None]
        self._cell = cell[1]
        return cell[0]

    def __copy__(self):
        other = _tee.__new__(_tee)
        other._source = self._source
        other._cell = self._cell
        return other


def tee(*args, **kwargs):
    """Returns a tuple of n independent iterators."""
    if kwargs:
        raise TypeError('tee() takes no keyword arguments')
    if len(args) < 1:
        raise TypeError('tee expected at least 1 argument, got 0')
    if len(args) > 2:
        raise TypeError('tee expected at most 2 arguments, got %d'
                        % len(args))
    n = _as_index(args[1]) if len(args) > 1 else 2
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(args[0])
    if n == 0:
        return ()
    if hasattr(type(it), '__copy__'):
        first = it
    else:
        first = _tee(it)
    result = [first]
    for _ in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)


class zip_longest(_Iterator):
    """Return a zip_longest object whose .__next__() method returns a
    tuple, filling missing values with fillvalue."""

    def __init__(self, *iterables, **kwargs):
        fillvalue = None
        if kwargs:
            if len(kwargs) != 1 or 'fillvalue' not in kwargs:
                raise TypeError('zip_longest() got an unexpected keyword '
                                'argument')
            fillvalue = kwargs['fillvalue']
        self._its = [iter(it) for it in iterables]
        self._active = len(self._its)
        self._fillvalue = fillvalue

    def __next__(self):
        its = self._its
        if not its or self._active == 0:
            raise StopIteration
        values = []
        for i, it in enumerate(its):
            if it is None:
                values.append(self._fillvalue)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                its[i] = None
                self._active -= 1
                if self._active == 0:
                    raise
                values.append(self._fillvalue)
        return tuple(values)


class pairwise(_Iterator):
    """Return an iterator of overlapping pairs taken from the input
    iterator: s -> (s0, s1), (s1, s2), (s2, s3), ..."""

    def __init__(self, *args, **kwargs):
        _exact_args('pairwise', args, kwargs, 1)
        self._it = iter(args[0])
        self._previous = _NOTHING

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        try:
            if self._previous is _NOTHING:
                self._previous = next(it)
            value = next(it)
        except StopIteration:
            self._it = None
            raise
        pair = (self._previous, value)
        self._previous = value
        return pair


# Combinatoric iterators: the pools are read when the object is made

class _Generated(_Iterator):
    def __next__(self):
        return next(self._gen)


class product(_Generated):
    """Cartesian product of input iterables.  Equivalent to nested
    for-loops."""

    def __init__(self, *iterables, **kwargs):
        repeat = 1
        for name in kwargs:
            if name != 'repeat':
                raise TypeError("'%s' is an invalid keyword argument for "
                                "product()" % name)
            repeat = _as_index(kwargs[name])
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(pool) for pool in iterables] * repeat
        self._gen = self._run(pools)

    @staticmethod
    def _run(pools):
        for pool in pools:
            if not pool:
                return
        n = len(pools)
        indices = [0] * n
        yield tuple(pool[0] for pool in pools)
        while True:
            # odometer: advance the rightmost wheel that can turn
            i = n - 1
            while i >= 0 and indices[i] == len(pools[i]) - 1:
                indices[i] = 0
                i -= 1
            if i < 0:
                return
            indices[i] += 1
            yield tuple(pools[k][indices[k]] for k in range(n))


def _r_argument(args, kwargs, name, required):
    # (iterable, r) as the combinatoric tools take them
    names = ('iterable', 'r')
    if len(args) + len(kwargs) > 2:
        raise TypeError('%s() takes at most 2 arguments (%d given)'
                        % (name, len(args) + len(kwargs)))
    values = list(args)
    for i in range(len(values), 2):
        if names[i] in kwargs:
            values.append(kwargs[names[i]])
        elif i == 1 and not required:
            values.append(None)
        else:
            raise TypeError("%s() missing required argument '%s' (pos %d)"
                            % (name, names[i], i + 1))
    return values


class permutations(_Generated):
    """Return successive r-length permutations of elements in the
    iterable."""

    def __init__(self, *args, **kwargs):
        iterable, r = _r_argument(args, kwargs, 'permutations', False)
        pool = tuple(iterable)
        if r is None:
            r = len(pool)
        elif not isinstance(r, int):
            raise TypeError('Expected int as r')
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = self._run(pool, r)

    @staticmethod
    def _run(pool, r):
        n = len(pool)
        if r > n:
            return
        # indices[:r] is the permutation; cycles[i] counts how many more
        # choices position i has before it resets
        indices = list(range(n))
        cycles = list(range(n, n - r, -1))
        yield tuple(pool[i] for i in indices[:r])
        while n:
            i = r - 1
            while i >= 0:
                cycles[i] -= 1
                if cycles[i] == 0:
                    # rotate position i's tail back to the starting order
                    moved = indices[i]
                    del indices[i]
                    indices.append(moved)
                    cycles[i] = n - i
                    i -= 1
                else:
                    j = n - cycles[i]
                    indices[i], indices[j] = indices[j], indices[i]
                    yield tuple(pool[k] for k in indices[:r])
                    break
            else:
                return


class combinations(_Generated):
    """Return successive r-length combinations of elements in the
    iterable."""

    def __init__(self, *args, **kwargs):
        iterable, r = _r_argument(args, kwargs, 'combinations', True)
        r = _as_index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = self._run(tuple(iterable), r)

    @staticmethod
    def _run(pool, r):
        n = len(pool)
        if r > n:
            return
        indices = list(range(r))
        yield tuple(pool[i] for i in indices)
        while True:
            # the rightmost index that is not at its highest position
            i = r - 1
            while i >= 0 and indices[i] == i + n - r:
                i -= 1
            if i < 0:
                return
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
            yield tuple(pool[k] for k in indices)


class combinations_with_replacement(_Generated):
    """Return successive r-length combinations of elements in the
    iterable allowing individual elements to have successive repeats."""

    def __init__(self, *args, **kwargs):
        iterable, r = _r_argument(args, kwargs,
                                  'combinations_with_replacement', True)
        r = _as_index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = self._run(tuple(iterable), r)

    @staticmethod
    def _run(pool, r):
        n = len(pool)
        if not n and r:
            return
        indices = [0] * r
        yield tuple(pool[i] for i in indices)
        while True:
            i = r - 1
            while i >= 0 and indices[i] == n - 1:
                i -= 1
            if i < 0:
                return
            value = indices[i] + 1
            for j in range(i, r):
                indices[j] = value
            yield tuple(pool[k] for k in indices)
