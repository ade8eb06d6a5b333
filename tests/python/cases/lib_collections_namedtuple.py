# collections.namedtuple: fields, defaults, rename, methods, errors
from collections import namedtuple
import copy


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


Point = namedtuple('Point', ['x', 'y'])
p = Point(11, y=22)
print(p, p[0] + p[1], p.x + p.y, len(p), list(p), tuple(p))
x, y = p
print(x, y, p == (11, 22), p == Point(11, 22), isinstance(p, tuple), hash(p) == hash((11, 22)))
print(Point._fields, Point._field_defaults, Point.__name__, Point.__doc__, type(p).__name__)
print(p._asdict(), p._replace(x=100), Point._make([1, 2]), p._make(range(2)))
print(p[:1], p + (1,), p * 2, p.count(11), p.index(22), sorted([Point(2, 1), Point(1, 2)]))
print(Point.x, Point.y.__doc__, Point.__new__.__doc__, Point._make.__doc__)
print(repr(Point(x='a', y=[1])), Point(*'ab'), Point(**{'x': 1, 'y': 2}))
print(copy.copy(p), copy.deepcopy(Point([1], [2])), p.__getnewargs__())
print(Point.__module__, Point.__match_args__, type(Point).__name__)

P3 = namedtuple('P3', 'a b c')
print(P3(1, 2, 3), namedtuple('P', 'a, b  , c')(1, 2, 3), namedtuple('Single', 'only')(5))
print(namedtuple('Empty', '')(), namedtuple('Empty', [])._fields)
D = namedtuple('D', ['a', 'b', 'c'], defaults=[2, 3])
print(D(1), D(1, 5), D(a=0, c=9), D._field_defaults, D.__new__.__defaults__)
R = namedtuple('R', 'x def _a x 1y', rename=True)
print(R._fields, R(1, 2, 3, 4, 5))


class Vector(namedtuple('Vector', 'x y')):
    __slots__ = ()

    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)


v = Vector(3, 4)
print(v, v.norm2, v + Vector(1, 1), Vector._fields, v._replace(y=0))

Employee = namedtuple('Employee', 'name age title')
rows = [('ann', 31, 'dev'), ('bob', 45, 'ops')]
staff = [Employee._make(r) for r in rows]
print(staff, max(staff, key=lambda e: e.age).name)
print({e.name: e.age for e in staff}, [e._asdict() for e in staff][0])

attempt('missing arg', lambda: Point(1))
attempt('too many', lambda: Point(1, 2, 3))
attempt('bad kw', lambda: Point(1, z=2))
attempt('make short', lambda: Point._make([1]))
attempt('replace bad', lambda: Point(1, 2)._replace(z=1))
attempt('duplicate', lambda: namedtuple('P', 'x x'))
attempt('underscore', lambda: namedtuple('P', 'x _y'))
attempt('keyword', lambda: namedtuple('P', 'x def'))
attempt('not identifier', lambda: namedtuple('P', 'x 1y'))
attempt('bad typename', lambda: namedtuple('1P', 'x'))
attempt('too many defaults', lambda: namedtuple('P', ['a', 'b'], defaults=[1, 2, 3]))
attempt('set field', lambda: setattr(Point(1, 2), 'x', 3))
attempt('new attr', lambda: setattr(Point(1, 2), 'z', 3))
attempt('index', lambda: Point(1, 2)[2])

# the tuple behaviour namedtuples inherit
t = (1, 'a', 1, [2], 1)
print(t.count(1), t.count([2]), t.count(9), t.index('a'), t.index(1, 1), t.index(1, -2))
print(t * 2, 2 * t, t * 0, t * -1, () * 5, (t * 1) is t, (3,) * True)
print(Point(1, 2) * 2, 3 * Point(0, 1), type(Point(1, 2) * 1).__name__, type(tuple(p)).__name__)
attempt('index missing', lambda: t.index(7))
attempt('index range', lambda: t.index(1, 3, 4))
attempt('count no arg', lambda: t.count())
attempt('index no arg', lambda: t.index())
attempt('mul str', lambda: t * 'a')
attempt('mul float', lambda: 2.0 * t)
