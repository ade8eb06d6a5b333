"""copy: shallow and deep copies of Python objects (pystm, pure Python).

copy(x) and deepcopy(x) use, in order: a table for the built-in types,
the class's __copy__/__deepcopy__, its __reduce_ex__/__reduce__, and
otherwise the default reduction of an instance (a new object of the
same class with the same, or deep-copied, __dict__; the items of list
and dict subclasses).  deepcopy's memo maps id(original) to its copy, so
shared and cyclic structures come out shared and cyclic."""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error  # the old name


try:
    _ATOMIC = frozenset([type(None), int, float, bool, str, tuple, frozenset,
                         type, range, slice, property, type(len),
                         type(Ellipsis), type(NotImplemented),
                         type(lambda: None), complex, bytes])
except NameError:  # pystm has no complex/bytes yet
    _ATOMIC = frozenset([type(None), int, float, bool, str, tuple, frozenset,
                         type, range, slice, property, type(len),
                         type(Ellipsis), type(NotImplemented),
                         type(lambda: None)])


try:
    _bytearray = bytearray
except NameError:  # before pystm had bytes
    _bytearray = None


def _class_defines(cls, name):
    # a method written in a class statement (pystm's built-in types have
    # no __reduce_ex__ and friends)
    for klass in _mro(cls):
        if name in klass.__dict__:
            return klass.__dict__[name] is not None
    return False


def _mro(cls):
    try:
        return cls.__mro__
    except AttributeError:
        chain = []
        while cls is not None:
            chain.append(cls)
            cls = cls.__base__
        return chain


def _is_class_statement_type(cls):
    # classes made by a class statement carry __module__ in their dict
    for klass in _mro(cls):
        if '__module__' in klass.__dict__:
            return True
    return False


def _reduce(x, cls):
    """The reduction tuple of x: (callable, args, state, listitems,
    dictitems)."""
    if _class_defines(cls, '__reduce_ex__'):
        return x.__reduce_ex__(4)
    if _class_defines(cls, '__reduce__'):
        return x.__reduce__()
    if cls is object:
        return (object, ())
    if cls is set or cls is frozenset:
        return (cls, (list(x),))
    if cls is _bytearray:
        return (cls, (bytes(x),))
    if not _is_class_statement_type(cls):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    if _class_defines(cls, '__getstate__'):
        state = x.__getstate__()
    else:
        state = _default_state(x, cls)
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    if isinstance(x, (set, frozenset, tuple)) and not isinstance(x, list):
        return (cls, (list(x),), state, listitems, dictitems)
    return (cls.__new__, (cls,), state, listitems, dictitems)


def _default_state(x, cls):
    # the instance dict, and the values of __slots__ as a second dict
    state = getattr(x, '__dict__', None) or None
    slots = {}
    for klass in _mro(cls):
        names = klass.__dict__.get('__slots__', ())
        if isinstance(names, str):
            names = (names,)
        for name in names:
            if name in ('__dict__', '__weakref__') or name in slots:
                continue
            if name.startswith('__') and not name.endswith('__'):
                # a private name is stored mangled
                name = '_%s%s' % (klass.__name__.lstrip('_'), name)
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return (state, slots)
    return state


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _ATOMIC:
        return x
    if cls is list or cls is dict or cls is set or cls is _bytearray:
        return x.copy()
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC and cls is not tuple and cls is not frozenset:
        y = x
    elif cls is list:
        y = _deepcopy_list(x, memo)
    elif cls is tuple:
        y = _deepcopy_tuple(x, memo)
    elif cls is dict:
        y = _deepcopy_dict(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls)
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    # a copy of itself needs no memo entry
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    for item in x:
        y.append(deepcopy(item, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(item, memo) for item in x]
    # the tuple may have been copied while copying its items (a cycle
    # through a mutable item)
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for original, copied in zip(x, y):
        if original is not copied:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _keep_alive(x, memo):
    """Keep a reference to x in the memo, so the id of an original
    cannot be reused while the memo exists."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None,
                 dictiter=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y
