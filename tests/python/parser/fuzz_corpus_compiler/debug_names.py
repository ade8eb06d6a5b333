def f(a, /, __debug__=2): pass
x.__debug__: int
class C(__debug__=1): pass
