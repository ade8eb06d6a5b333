# Classes derived from property, classmethod and staticmethod: own
# __get__ and __init__, extra attributes, getter/setter/deleter making
# the subclass, __isabstractmethod__, __set_name__'s name in errors.
class cached(property):
    def __get__(self, obj, typ=None):
        if obj is None: return self
        v = self.fget(obj)
        obj.__dict__[self.fget.__name__] = v
        return v
class A:
    calls = 0
    @cached
    def x(self):
        A.calls += 1
        return 42
a = A()
print(a.x, a.x, A.calls, type(A.__dict__['x']).__name__, isinstance(A.__dict__['x'], property))
class myprop(property):
    def __init__(self, fget=None, fset=None, fdel=None, doc=None, tag="t"):
        super().__init__(fget, fset, fdel, doc)
        self.tag = tag
class B:
    @myprop
    def y(self): "ydoc"; return self._y
    @y.setter
    def y(self, v): self._y = v
b = B(); b.y = 5
print(b.y, type(B.__dict__['y']).__name__, B.__dict__['y'].tag, B.y.__doc__)
p = myprop(lambda s: 1, tag="zz")
print(type(p.getter(lambda s: 2)).__name__, type(p.deleter(None)).__name__)
class cm(classmethod):
    pass
class sm(staticmethod):
    extra = 1
class C:
    @cm
    def f(cls): return cls.__name__
    @sm
    def g(x): return x * 2
print(C.f(), C().f(), C.g(3), type(C.__dict__['f']).__name__, C.__dict__['g'].extra)
class loud(classmethod):
    def __get__(self, obj, typ=None):
        print("get", obj is None)
        return super().__get__(obj, typ)
class D:
    @loud
    def h(cls): return 1
print(D.h())
import abc
class E(abc.ABC):
    @abc.abstractmethod
    def m(self): pass
    @property
    @abc.abstractmethod
    def p(self): pass
print(E.m.__isabstractmethod__, E.__dict__['p'].__isabstractmethod__, property(lambda s: 0).__isabstractmethod__)
print(staticmethod(E.m).__isabstractmethod__, classmethod(E.m).__isabstractmethod__)
print(sorted(E.__abstractmethods__))
try:
    E()
except TypeError as e:
    print(e)
pr = property(lambda s: 1)
print(pr.fget is not None, pr.fset, pr.fdel, pr.__get__(None, A) is pr)
class F:
    @staticmethod
    def s(): return 1
print(F.__dict__['s'].__func__ is F.s, F.__dict__['s'](), F.__dict__['s'].__wrapped__ is F.s)
class G:
    @classmethod
    def c(cls): return cls
print(G.__dict__['c'].__func__.__name__, G.__dict__['c'].__get__(None, G)() is G)
class P2(property):
    def getter(self, f):
        print("custom getter")
        return super().getter(f)
q = P2(None).getter(lambda s: 3)
print(type(q).__name__)
class H:
    @P2
    def z(self): return 1
print(H().z, repr(type(H.z)))

class Named:
    x = property()
    y = property(lambda s: 1)
for fn in [lambda: Named().x, lambda: setattr(Named(), "y", 2), lambda: delattr(Named(), "y"),
           lambda: property(lambda s: 1).__set__(Named(), 1), lambda: property().__get__(Named())]:
    try:
        fn()
    except AttributeError as e:
        print(e)
def g(s): "gdoc"
p = property(g)
def h(s): "hdoc"
print(p.__doc__, p.setter(len).__doc__, p.getter(h).__doc__, property(g, doc="X").getter(h).__doc__)
class Q(property):
    "qdoc"
print(Q(h).__doc__, Q(None).__doc__, Q(g).__dict__, Q(g, None, None, "given").__doc__)
class Counted(property):
    made = 0
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        Counted.made += 1
        self.history = [str(i) * 3 for i in range(20)]
class R:
    @Counted
    def v(self): return self._v
    @v.setter
    def v(self, x): self._v = [x] * 2
    @v.deleter
    def v(self): del self._v
r = R(); r.v = 3
print(r.v, Counted.made, R.v.history[-1], type(R.v).__name__)
del r.v
print(hasattr(r, "_v"))
for fn in [lambda: property(1, 2, 3, 4, 5), lambda: property(fgot=1), lambda: staticmethod(), lambda: classmethod(1, 2),
           lambda: staticmethod(f=1), lambda: Named.__dict__["y"].__set_name__(Named)]:
    try:
        fn()
    except TypeError as e:
        print(e)
print(staticmethod(len)("abc"), C.__dict__["g"](4))
print(property.__get__(p, None, Named) is p, property.fget.__get__(p) is g)
