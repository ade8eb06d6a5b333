class C:
    __slots__ = ('x', 'y')
    def __init__(self): self.x = 1
c = C()
print(c.x, C.x, type(C.x).__name__)
for f in (lambda: c.y, lambda: setattr(c, 'z', 3), lambda: c.__dict__, lambda: vars(c), lambda: delattr(c, 'y')):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
del c.x
try: c.x
except AttributeError as e: print(e)
class D(C): pass
d = D(); d.z = 5; print(d.z, d.__dict__)
class E(C):
    __slots__ = 'w'
e = E(); e.w = 1; e.x = 2; print(e.w, e.x)
try:
    class F:
        __slots__ = ('a',)
        a = 1
except Exception as e: print(type(e).__name__, e)
class G:
    __slots__ = ['__dict__', 'q']
g = G(); g.q = 1; g.r = 2; print(g.q, g.__dict__)
print(C.__slots__)
