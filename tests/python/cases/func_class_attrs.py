# __doc__ of classes (None without a docstring, not the base's), the
# attributes of functions, code objects and cells, functions as
# descriptors (__get__), and C functions' __name__/__qualname__.
def t(expr):
    try:
        r = eval(expr)
        print(expr, "->", repr(r))
    except Exception as e:
        print(expr, "!!", type(e).__name__, e)
class A: pass
class B:
    "doc of B"
    def m(self): "mdoc"; return 1
class C(B): pass
def f(a, b=2, *, c=3) -> int:
    "fdoc"
    return a
def g(): pass
def outer():
    x = 1
    def inner(): return x
    return inner
inner = outer()
for e in ["A.__doc__", "B.__doc__", "C.__doc__", "A().__doc__", "B().__doc__", "f.__doc__", "g.__doc__", "B.m.__doc__", "B().m.__doc__",
          "f.__qualname__", "inner.__qualname__", "B.m.__qualname__", "f.__module__", "f.__defaults__", "g.__defaults__", "f.__kwdefaults__", "g.__kwdefaults__",
          "f.__annotations__", "g.__annotations__", "f.__code__.co_name", "f.__code__.co_argcount", "f.__code__.co_varnames", "f.__globals__ is globals()",
          "f.__closure__", "type(inner.__closure__[0]).__name__", "inner.__closure__[0].cell_contents", "f.__dict__", "f.__name__",
          "f.__get__(B(), B)() is not None", "type(f.__get__(B(), B)).__name__", "f.__get__(None, B) is f", "f.__get__(3)()", "B.m.__get__(B())()",
          "len.__name__", "[].append.__qualname__", "[1].append.__self__", "(lambda: 0).__doc__", "(lambda: 0).__name__", "(lambda: 0).__qualname__", "f.__code__.co_filename == __file__",
          "f.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, '__dict__') else True", "B.m.__module__", "type(B.__dict__['m']).__name__",
          "B().m.__func__ is B.m", "B().m.__self__.__class__.__name__", "f.__call__(1)", "hasattr(f, '__get__')", "callable(f.__get__)",
          "'__doc__' in A.__dict__", "A.__dict__['__doc__']", "'__doc__' in B.__dict__",
          "f.__code__.co_kwonlyargcount", "f.__code__.co_posonlyargcount", "f.__code__.co_flags & 0x20", "A.__module__", "A.__qualname__"]:
    t(e)
f.attr = 5
print(f.attr, f.__dict__)
f.__doc__ = "new"; print(f.__doc__)
f.__defaults__ = (10,); print(f(1), f.__defaults__)
f.__kwdefaults__ = {'c': 9}; print(f.__kwdefaults__)
f.__qualname__ = "q"; f.__name__ = "nn"; print(f.__qualname__, f.__name__, repr(f)[:15])
def h(x, y=f.__defaults__): pass
f.__annotations__ = {}; print(f.__annotations__)
del f.attr
print(f.__dict__)
print(vars(f))
try:
    f.__get__()
except TypeError as e:
    print(e)
class D:
    __doc__ = "explicit"
print(D.__doc__)
class E:
    """doc"""
    x = 1
print(E.__doc__, E.__dict__['__doc__'])
print(B.m.__get__(None, B) is B.m)
print(f.__get__(None, None) if False else 0)

class Base:
    "base doc"
class Derived(Base):
    pass
class Derived2(Base):
    "own"
print(Base.__doc__, Derived.__doc__, Derived2.__doc__, Derived().__doc__)
class E2(Exception): pass
print(E2.__doc__, E2("x").__doc__)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
cell = c.__closure__[0]
print(cell.cell_contents, c.__code__.co_freevars, counter.__code__.co_cellvars)
cell.cell_contents = 10
print(c())
def gen(): yield 1
print(bool(gen.__code__.co_flags & 0x20), bool(f.__code__.co_flags & 0x20))
def va(*a, **k): pass
print(va.__code__.co_flags & 0xc, va.__code__.co_argcount, va.__code__.co_varnames)
print(c.__code__.co_qualname, c.__code__.co_name)
# bound methods made through __get__, with arguments that allocate
class K:
    def __init__(self, v): self.v = v
def show(self, *extra): return [self.v] + [str(e) * 2 for e in extra]
ms = [show.__get__(K(i), K) for i in range(5)]
print([m(i, [i]) for i, m in enumerate(ms)])
sm = staticmethod(show); cm = classmethod(lambda cls, x: (cls.__name__, x))
print(sm.__get__(None, K) is show, cm.__get__(None, K)(1), cm.__get__(K(0))(2))
try:
    show.__get__(None, None)
except TypeError as e:
    print(e)
