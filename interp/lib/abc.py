"""abc: abstract base classes (pystm, pure Python).

ABCMeta records each class's abstract methods, refuses to instantiate a
class that still has some, and answers isinstance()/issubclass() for
its classes from, in order: the class's __subclasshook__, real
inheritance, the classes registered with register(), and the same
questions asked of its subclasses.  Answers are cached per class; a
registration anywhere clears every cache (a global token)."""

__all__ = ['ABC', 'ABCMeta', 'abstractmethod', 'abstractclassmethod',
           'abstractstaticmethod', 'abstractproperty', 'get_cache_token',
           'update_abstractmethods']


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    funcobj.__isabstractmethod__ = True
    return funcobj


# The deprecated decorators are functions here: pystm cannot subclass
# classmethod, staticmethod or property yet.

def abstractclassmethod(callable):
    """A decorator indicating abstract classmethods (deprecated)."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """A decorator indicating abstract staticmethods (deprecated)."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """A decorator indicating abstract properties (deprecated)."""
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


_cache_token = [0]  # bumped by every register()


def get_cache_token():
    """The current ABC cache token: it changes with each register()."""
    return _cache_token[0]


def _is_abstract(value):
    return getattr(value, '__isabstractmethod__', False) is True


def _abstracts_of(cls, namespace, bases):
    abstracts = set()
    for name, value in namespace.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in bases:
        for name in getattr(base, '__abstractmethods__', ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs)."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _abstracts_of(cls, namespace, bases)
        cls._abc_registry = []
        cls._abc_subclasses = []  # direct subclasses made by ABCMeta
        cls._abc_cache = set()
        cls._abc_negative_cache = set()
        cls._abc_token = _cache_token[0]
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(cls)
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError("Can't instantiate abstract class %s with "
                            "abstract method%s %s"
                            % (cls.__name__, 's' if len(names) > 1 else '',
                               ', '.join(names)))
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Register a virtual subclass of an ABC.  Returns the subclass,
        to allow usage as a class decorator."""
        if not isinstance(subclass, type):
            raise TypeError('Can only register classes')
        if issubclass(subclass, cls):
            return subclass  # already a subclass
        if issubclass(cls, subclass):
            raise RuntimeError('Refusing to create an inheritance cycle')
        cls._abc_registry.append(subclass)
        _cache_token[0] += 1
        return subclass

    def __instancecheck__(cls, instance):
        """Override for isinstance(instance, cls)."""
        subclass = type(instance)
        if subclass in cls._abc_cache:
            return True
        try:
            declared = instance.__class__
        except AttributeError:
            declared = subclass
        if declared is not subclass:
            return cls.__subclasscheck__(declared) or \
                cls.__subclasscheck__(subclass)
        return cls.__subclasscheck__(subclass)

    def __subclasscheck__(cls, subclass):
        """Override for issubclass(subclass, cls)."""
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        if subclass in cls._abc_cache:
            return True
        if cls._abc_token != _cache_token[0]:
            cls._abc_negative_cache = set()
            cls._abc_token = _cache_token[0]
        elif subclass in cls._abc_negative_cache:
            return False
        answer = cls._abc_answer(subclass)
        if answer:
            cls._abc_cache.add(subclass)
        else:
            cls._abc_negative_cache.add(subclass)
        return answer

    def _abc_answer(cls, subclass):
        hook = getattr(cls, '__subclasshook__', None)
        if hook is not None:
            ok = hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        if cls in subclass.__mro__:
            return True
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for sub in cls._abc_subclasses:
            if issubclass(subclass, sub):
                return True
        return False

    def _dump_registry(cls, file=None):
        print('Class: %s.%s' % (cls.__module__, cls.__qualname__), file=file)
        print('Inv. counter: %s' % get_cache_token(), file=file)

    def _abc_registry_clear(cls):
        cls._abc_registry = []
        _cache_token[0] += 1

    def _abc_caches_clear(cls):
        cls._abc_cache = set()
        cls._abc_negative_cache = set()


def update_abstractmethods(cls):
    """Recalculate the set of abstract methods of an abstract class."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using
    inheritance."""
    __slots__ = ()
