# sys._getframe(), frame and code attributes, traceback attributes
import sys


def f(a, b=2):
    c = a + b
    fr = sys._getframe()
    print(fr.f_code.co_name, sys._getframe().f_lineno, fr.f_code.co_firstlineno)
    print(fr.f_code.co_filename == __file__, fr.f_globals is globals())
    print(sorted(k for k in fr.f_locals), fr.f_locals["c"])
    up = sys._getframe(1)
    print(up.f_code.co_name, up.f_lineno, up.f_back.f_code.co_name)
    print(fr.f_back is up, sys._getframe(0) is fr)
    return fr


def g():
    return f(1)


fr = g()
print(fr.f_lineno, fr.f_code.co_argcount, fr.f_code.co_varnames)
m = sys._getframe()
print(m.f_code.co_name, m.f_back, m.f_locals is globals())
for depth in (10, 100):
    try:
        sys._getframe(depth)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    sys._getframe("1")
except TypeError as e:
    print(type(e).__name__, e)


# a frame entered from C has the calling frame as f_back
seen = []


def key(x):
    caller = sys._getframe(1)
    seen.append((caller.f_code.co_name, caller.f_lineno))
    return x


def h():
    return sorted([2, 1], key=key)


print(h(), seen)


# a generator's frame: f_back is the frame resuming it
def gen():
    yield sys._getframe().f_back.f_code.co_name
    yield sys._getframe().f_back.f_code.co_name


it = gen()
print(next(it))


def user():
    return next(it)


print(user())


def bad():
    return 1 / 0


def mid():
    return bad()


try:
    mid()
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb is not None:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno, type(tb.tb_next).__name__)
        if tb.tb_frame.f_code.co_name != "<module>":
            print("  frame line", tb.tb_frame.f_lineno)
        tb = tb.tb_next


def deco(fn):
    return fn


@deco
def decorated():
    pass


class K:
    @deco
    def meth(self):
        return sys._getframe().f_code.co_qualname


print(decorated.__code__.co_firstlineno, K.meth.__code__.co_firstlineno)
print(K().meth(), K.meth.__code__.co_name)
print(type(sys._getframe()).__name__, type(f.__code__).__name__)
print(f.__code__.co_varnames, f.__code__.co_argcount, f.__code__.co_qualname)
print(f.__code__.co_kwonlyargcount, f.__code__.co_posonlyargcount)
lines = [p[0] for p in f.__code__.co_positions() if p[0] is not None]
print(6 in lines, 5 in lines or 6 in lines, max(lines))


def locals_of_caller():
    return sys._getframe(1).f_locals


def with_cells():
    x = 10
    y = "why"

    def inner():
        return x

    snap = locals_of_caller()
    return sorted(snap), snap["x"], inner()


print(with_cells())
