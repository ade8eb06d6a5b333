# Instance attributes kept in shared maps: every way in and out of them
import copy


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


a, b = P(1, 2), P(3, 4)
b.z = 5
print(a.x, a.y, b.x, b.y, b.z, a.norm(), b.norm(), vars(a), vars(b))

# the same names in another order: a different map, the same answers
c = P.__new__(P)
c.y = 10
c.x = 20
print(c.x, c.y, c.__dict__, list(c.__dict__))

# many attributes: past the inline ones into the overflow array, then
# past the map limit into a dict
class Many:
    pass


objs = []
for n in (1, 3, 4, 5, 9, 17, 47, 48, 49, 60):
    o = Many()
    for i in range(n):
        setattr(o, "a%d" % i, i * i)
    objs.append(o)
for o in objs:
    d = vars(o)
    print(len(d), sum(d.values()), getattr(o, "a%d" % (len(d) - 1)))
# instances made after the class learnt its size
late = Many()
for i in range(70):
    setattr(late, "a%d" % i, -i)
print(sum(getattr(late, "a%d" % i) for i in range(70)), len(late.__dict__))

# overwriting, deleting, re-adding
o = Many()
o.p = 1
o.q = 2
o.r = 3
o.q = 20
print(o.p, o.q, o.r)
del o.q
print(hasattr(o, "q"), vars(o))
o.q = 200
print(list(vars(o).items()))
try:
    del o.missing
except AttributeError as e:
    print("AttributeError", e)
e = Many()
try:
    del e.nothing
except AttributeError as err:
    print("AttributeError", err)

# __dict__ is live: changes either way are seen
p = P(5, 6)
d = p.__dict__
d["x"] = 50
p.y = 60
d["w"] = 7
print(p.x, p.y, p.w, d, d is p.__dict__)
p.__dict__ = {"x": 1, "y": 1}
print(p.norm(), vars(p), d)

# non-interned and str-subclass names
class Name(str):
    pass


q = Many()
setattr(q, "".join(["lo", "ng"]), 1)
print(q.long, getattr(q, "l" + "ong"), vars(q))
setattr(q, Name("sub"), 2)
print(q.sub, sorted(vars(q)))
q.__dict__[3] = "three"
print(q.__dict__[3], len(vars(q)))

# instance attributes hide methods and class attributes, data
# descriptors win over them
class C:
    kind = "class"

    def method(self):
        return "method"

    @property
    def prop(self):
        return "property"


i = C()
print(i.kind, i.method(), i.prop)
i.kind = "instance"
i.method = lambda: "instance function"
i.__dict__["prop"] = "shadowed?"
print(i.kind, i.method(), i.prop, C.kind)

# __class__ assignment keeps the attributes
class D(P):
    def norm(self):
        return -P.norm(self)


r = P(2, 3)
r.__class__ = D
print(type(r).__name__, r.x, r.y, r.norm())

# copies, dir, equality of the dicts
s = copy.copy(b)
print(vars(s) == vars(b), s is not b, s.z)
print([n for n in dir(a) if not n.startswith("__")])

# slots and a dict together
class S:
    __slots__ = ("u", "__dict__")


t = S()
t.u = 1
t.v = 2
print(t.u, t.v, vars(t))


class OnlySlots:
    __slots__ = ("u",)


t = OnlySlots()
t.u = 3
try:
    t.v = 4
except AttributeError as err:
    print("AttributeError", err)
print(t.u, hasattr(t, "__dict__"))

# a thousand instances sharing a few maps
pts = [P(i, -i) for i in range(1000)]
for k, pt in enumerate(pts):
    if k % 3 == 0:
        pt.tag = k
print(sum(pt.norm() for pt in pts), sum(getattr(pt, "tag", 0) for pt in pts))

# what the VM remembers about attribute access follows class changes
class K:
    pass


def touch(objs):
    out = []
    for o in objs:
        o.v = len(out)
        out.append(o.v)
    return out


ks = [K() for _ in range(5)]
print(touch(ks), touch(ks))
K.v = property(lambda self: "from property", lambda self, value: None)
print(touch(ks), [k.v for k in ks][:2])
del K.v
print(touch(ks))


def logging_setattr(self, name, value):
    object.__setattr__(self, name, ("logged", value))


K.__setattr__ = logging_setattr
print(touch(ks)[:2], ks[0].v)
del K.__setattr__
print(touch(ks)[:2], ks[0].v)


class Sub(K):
    pass


s = Sub()
print(touch([s, s]), s.v)
K.v = property(lambda self: "base property")
print(s.v)
try:
    s.v = 1
except AttributeError as err:
    print("AttributeError")
