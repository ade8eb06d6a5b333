"""functools: tools for functions and callable objects (pystm, pure
Python): reduce, partial, lru_cache/cache, wraps/update_wrapper,
cmp_to_key, total_ordering, singledispatch, cached_property."""

__all__ = ['update_wrapper', 'wraps', 'WRAPPER_ASSIGNMENTS',
           'WRAPPER_UPDATES', 'total_ordering', 'cache', 'cmp_to_key',
           'lru_cache', 'reduce', 'partial', 'partialmethod',
           'singledispatch', 'singledispatchmethod', 'cached_property']

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS,
                   updated=WRAPPER_UPDATES):
    """Update a wrapper function to look like the wrapped function."""
    for name in assigned:
        try:
            value = getattr(wrapped, name)
        except AttributeError:
            continue
        setattr(wrapper, name, value)
    for name in updated:
        getattr(wrapper, name).update(getattr(wrapped, name, {}))
    # set last: a __wrapped__ copied from wrapped's __dict__ is replaced
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator factory to apply update_wrapper() to a wrapper
    function."""
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned,
                   updated=updated)


# reduce

_initial_missing = object()


def reduce(*args, **kwargs):
    """reduce(function, iterable[, initial]) -> value

    Apply a function of two arguments cumulatively to the items of a
    sequence or iterable, from left to right, so as to reduce the
    iterable to a single value."""
    if kwargs:
        raise TypeError('reduce() takes no keyword arguments')
    if len(args) < 2:
        raise TypeError('reduce expected at least 2 arguments, got %d'
                        % len(args))
    if len(args) > 3:
        raise TypeError('reduce expected at most 3 arguments, got %d'
                        % len(args))
    function = args[0]
    try:
        it = iter(args[1])
    except TypeError:
        raise TypeError('reduce() arg 2 must support iteration') from None
    if len(args) == 3:
        value = args[2]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial '
                            'value') from None
    for element in it:
        value = function(value, element)
    return value


# partial

class _readonly:
    # a partial's func, args and keywords: read, never written
    def __init__(self, slot_name):
        self._slot_name = slot_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return getattr(instance, self._slot_name)

    def __set__(self, instance, value):
        raise AttributeError('readonly attribute')

    def __delete__(self, instance):
        raise AttributeError('readonly attribute')


class partial:
    """New function with partial application of the given arguments and
    keywords."""

    __slots__ = ('_func', '_args', '_keywords', '__dict__')

    __class_getitem__ = classmethod(type(list[int]))

    def __new__(cls, *args, **keywords):
        if not args:
            raise TypeError("type 'partial' takes at least one argument")
        func = args[0]
        args = args[1:]
        if not callable(func):
            raise TypeError('the first argument must be callable')
        # partial(partial(f, a), b) is partial(f, a, b), unless the inner
        # one has its own __call__ or attributes of its own
        if (isinstance(func, partial)
                and type(func).__call__ is partial.__call__
                and not func.__dict__):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = object.__new__(cls)
        self._func = func
        self._args = args
        self._keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(arg) for arg in self.args)
        parts.extend('%s=%r' % (key, value)
                     for key, value in self.keywords.items())
        name = type(self).__qualname__
        if type(self) is partial:
            name = 'functools.partial'
        return '%s(%s)' % (name, ', '.join(parts))


partial.func = _readonly('_func')
partial.args = _readonly('_args')
partial.keywords = _readonly('_keywords')


class partialmethod:
    """Method descriptor with partial application of the given arguments
    and keywords."""

    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not hasattr(func, '__get__'):
            raise TypeError('%r is not callable or a descriptor' % (func,))
        if isinstance(func, partialmethod):
            self.func = func.func
            self.args = func.args + args
            self.keywords = {**func.keywords, **keywords}
        else:
            self.func = func
            self.args = args
            self.keywords = keywords

    def __get__(self, obj, cls=None):
        get = getattr(self.func, '__get__', None)
        if get is not None:
            bound = get(obj, cls)
            if bound is not self.func:
                return partial(bound, *self.args, **self.keywords)
        return partial(self.func, obj, *self.args, **self.keywords)


# cmp_to_key

def cmp_to_key(mycmp):
    """Convert a cmp= function into a key= function."""
    class K(object):
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, _other_obj(other)) < 0

        def __gt__(self, other):
            return mycmp(self.obj, _other_obj(other)) > 0

        def __eq__(self, other):
            return mycmp(self.obj, _other_obj(other)) == 0

        def __le__(self, other):
            return mycmp(self.obj, _other_obj(other)) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, _other_obj(other)) >= 0

        __hash__ = None

    def _other_obj(other):
        if not isinstance(other, K):
            raise TypeError('other argument must be K instance')
        return other.obj

    return K


# total_ordering: each missing comparison from the defined one (root)
# and ==; NotImplemented from the root passes through

def _gt_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _le_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _ge_from_lt(self, other):
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _ge_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _lt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _gt_from_le(self, other):
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _lt_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _ge_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _le_from_gt(self, other):
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _le_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _gt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _lt_from_ge(self, other):
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result


_convert = {
    '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt),
               ('__ge__', _ge_from_lt)],
    '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le),
               ('__gt__', _gt_from_le)],
    '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt),
               ('__le__', _le_from_gt)],
    '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge),
               ('__lt__', _lt_from_ge)],
}


def total_ordering(cls):
    """Class decorator that fills in missing ordering methods"""
    roots = set()
    for op in _convert:
        if getattr(cls, op, None) is not getattr(object, op, None):
            roots.add(op)
    if not roots:
        raise ValueError('must define at least one ordering operation: '
                         '< > <= >=')
    root = max(roots)  # prefer __lt__ to __le__ to __gt__ to __ge__
    for name, function in _convert[root]:
        if name not in roots:
            function.__name__ = name
            setattr(cls, name, function)
    return cls


# lru_cache

class _CacheInfoFallback:
    # used only if collections.namedtuple cannot be built
    _fields = ('hits', 'misses', 'maxsize', 'currsize')

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def _values(self):
        return (self.hits, self.misses, self.maxsize, self.currsize)

    def __iter__(self):
        return iter(self._values())

    def __getitem__(self, index):
        return self._values()[index]

    def __len__(self):
        return 4

    def __eq__(self, other):
        return self._values() == tuple(other)

    def __repr__(self):
        return ('CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)'
                % self._values())


try:
    from collections import namedtuple as _namedtuple
    _CacheInfo = _namedtuple('CacheInfo',
                             ['hits', 'misses', 'maxsize', 'currsize'],
                             module='functools')
except (ImportError, TypeError):
    _CacheInfo = _CacheInfoFallback
    _CacheInfo.__name__ = 'CacheInfo'
    _CacheInfo.__qualname__ = 'CacheInfo'

_kwd_mark = (object(),)


def _make_key(args, kwds, typed):
    """A hashable key for the arguments: equal arguments, equal keys."""
    key = args
    if kwds:
        key += _kwd_mark
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


class _BoundCacheWrapper:
    # what obj.method gives for a cached method: calls with obj first,
    # and shows the cache's attributes (cache_info, __wrapped__...)
    def __init__(self, wrapper, obj):
        self.__func__ = wrapper
        self.__self__ = obj

    def __call__(self, *args, **kwargs):
        return self.__func__(self.__self__, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.__func__, name)

    def __eq__(self, other):
        if not isinstance(other, _BoundCacheWrapper):
            return NotImplemented
        return self.__func__ == other.__func__ and \
            self.__self__ is other.__self__

    def __hash__(self):
        return hash((self.__func__, id(self.__self__)))

    def __repr__(self):
        return '<bound method %s of %r>' % (
            getattr(self.__func__, '__qualname__', '?'), self.__self__)


class _lru_cache_wrapper:
    # the cache dict's order is the recency order: a hit moves its key
    # to the end, the first key is the least recently used
    def __init__(self, user_function, maxsize, typed):
        self.__wrapped__ = user_function
        self._function = user_function
        self._maxsize = maxsize
        self._typed = typed
        self._cache = {}
        self._hits = 0
        self._misses = 0

    def __call__(self, *args, **kwds):
        maxsize = self._maxsize
        if maxsize == 0:
            self._misses += 1
            return self._function(*args, **kwds)
        key = _make_key(args, kwds, self._typed)
        cache = self._cache
        if key in cache:
            result = cache[key]
            self._hits += 1
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        self._misses += 1
        result = self._function(*args, **kwds)
        if key in cache:
            # a recursive call already cached it
            return result
        if maxsize is not None and len(cache) >= maxsize:
            del cache[next(iter(cache))]
        cache[key] = result
        return result

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return _BoundCacheWrapper(self, obj)

    def cache_info(self):
        """Report cache statistics"""
        return _CacheInfo(self._hits, self._misses, self._maxsize,
                          len(self._cache))

    def cache_clear(self):
        """Clear the cache and cache statistics"""
        self._cache.clear()
        self._hits = 0
        self._misses = 0

    def cache_parameters(self):
        return {'maxsize': self._maxsize, 'typed': self._typed}


def lru_cache(maxsize=128, typed=False):
    """Least-recently-used cache decorator.

    If *maxsize* is set to None, the LRU features are disabled and the
    cache can grow without bound.  If *typed* is True, arguments of
    different types will be cached separately."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # used as @lru_cache without arguments
        user_function, maxsize = maxsize, 128
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        return update_wrapper(wrapper, user_function)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a '
                        'callable, or None')

    def decorating_function(user_function):
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        return update_wrapper(wrapper, user_function)

    return decorating_function


def cache(user_function, /):
    'Simple lightweight unbounded cache.  Sometimes called "memoize".'
    return lru_cache(maxsize=None)(user_function)


# singledispatch

def _mro(cls):
    try:
        return cls.__mro__
    except AttributeError:
        # pystm's built-in types have no __mro__ yet: single inheritance
        chain = []
        while cls is not None:
            chain.append(cls)
            cls = cls.__base__
        return chain


def singledispatch(func):
    """Single-dispatch generic function decorator: the implementation
    is chosen by the type of the first argument, along its MRO."""
    registry = {}
    dispatch_cache = {}

    def dispatch(cls):
        try:
            return dispatch_cache[cls]
        except KeyError:
            pass
        impl = None
        for base in _mro(cls):
            if base in registry:
                impl = registry[base]
                break
        if impl is None:
            impl = registry[object]
        dispatch_cache[cls] = impl
        return impl

    def register(cls, func=None):
        if isinstance(cls, type):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError('Invalid first argument to `register()`. '
                                '%r is not a class.' % (cls,))
            annotations = getattr(cls, '__annotations__', {})
            if not annotations:
                raise TypeError(
                    'Invalid first argument to `register()`: %r. Use either '
                    '`@register(some_class)` or plain `@register` on an '
                    'annotated function.' % (cls,))
            func = cls
            argname, cls = next(iter(annotations.items()))
            if not isinstance(cls, type):
                raise TypeError('Invalid annotation for %r. %r is not a '
                                'class.' % (argname, cls))
        registry[cls] = func
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError('%s requires at least 1 positional argument'
                            % funcname)
        return dispatch(type(args[0]))(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper


def _bind(method, obj, cls):
    # method.__get__(obj, cls); pystm's functions have no __get__
    # attribute yet, so they are bound by hand
    get = getattr(method, '__get__', None)
    if get is not None:
        return get(obj, cls)
    if obj is None:
        return method
    return partial(method, obj)


class singledispatchmethod:
    """Single-dispatch generic method descriptor: dispatches on the type
    of the first argument after self (or cls)."""

    def __init__(self, func):
        if (not callable(func) and not hasattr(func, '__get__')
                and not isinstance(func, (classmethod, staticmethod))):
            raise TypeError('%r is not callable or a descriptor' % (func,))
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            return _bind(method, obj, cls)(*args, **kwargs)

        _method.__isabstractmethod__ = self.__isabstractmethod__
        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, '__isabstractmethod__', False)


# cached_property

_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance, then kept in the
    instance's __dict__."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError('Cannot assign the same cached_property to two '
                            'different names (%r and %r).'
                            % (self.attrname, name))

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        name = self.attrname
        if name is None:
            name = self.func.__name__
        cache = instance.__dict__
        value = cache.get(name, _NOT_FOUND)
        if value is _NOT_FOUND:
            value = self.func(instance)
            cache[name] = value
        return value
