class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        ns['added'] = name.lower()
        cls = super().__new__(mcs, name, bases, ns)
        cls.kw = kw
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.inited = True
    def __call__(cls, *a, **k):
        obj = super().__call__(*a, **k)
        obj.via_meta = True
        return obj
    def hello(cls):
        return "hello " + cls.__name__
    @property
    def prop(cls):
        return 42

class A(metaclass=Meta, flag=1):
    def __init__(self, x=0): self.x = x
print(type(A), A.added, A.kw, A.inited, A.hello(), A.prop)
a = A(5)
print(a.x, a.via_meta, type(a).__name__, isinstance(A, Meta), isinstance(A, type))
class B(A): pass
print(type(B), B.added, B.kw)

class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class R1(metaclass=Registry): pass
class R2(R1): pass
print(Registry.classes)

class Base:
    subclasses = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.subclasses.append(cls.__name__)
class S1(Base, tag="one"): pass
class S2(S1): pass
print(Base.subclasses, S1.tag, S2.tag)

class G:
    def __class_getitem__(cls, item):
        return f"G[{item!r}]"
print(G[int], list[int], dict[str, int])
M2 = type("M2", (object,), {"v": 3, "f": lambda self: self.v * 2})
print(M2().f(), M2.__name__, type(M2))
X = Meta("X", (), {})
print(X.added, type(X).__name__)
class Sing(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]
class One(metaclass=Sing): pass
print(One() is One())
print(type.__name__, Meta.__mro__)
class WithRepr(type):
    def __repr__(cls): return "<WR " + cls.__name__ + ">"
class Q(metaclass=WithRepr): pass
print(Q, [Q])
try:
    class Bad(metaclass=5): pass
except TypeError as e: print(e)


class Named:
    def __set_name__(self, owner, name):
        self.name = owner.__name__ + "." + name

    def __get__(self, obj, objtype=None):
        return self.name


class UsesNamed:
    first = Named()
    second = Named()


print(UsesNamed.first, UsesNamed().second)


class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return {"prepared_by": mcs.__name__}


class WithPrep(metaclass=Ordered):
    x = 1


print(WithPrep.prepared_by, WithPrep.x)
try:

    class Plain(flag=1):
        pass

except TypeError as e:
    print(e)


class M1(type):
    pass


class M2(type):
    pass


class C1(metaclass=M1):
    pass


class C2(metaclass=M2):
    pass


try:

    class C3(C1, C2):
        pass

except TypeError as e:
    print(e)
print(type("T", (), {})().__class__.__name__, type(3), type(type))
for bad in [("a",), ("a", 1, {}), (1, (), {})]:
    try:
        type(*bad)
    except TypeError as e:
        print(e)
ga = list[int]
print(ga == list[int], ga.__origin__, ga.__args__, ga([1, 2]), tuple[int, ...])
