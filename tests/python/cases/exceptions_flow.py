def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise KeyError("one")
    return 10 // (n - 2)
for n in range(4):
    try:
        print("result", risky(n))
    except ValueError as e:
        print("value error", e, repr(e))
    except (KeyError, ZeroDivisionError) as e:
        print("other", type(e).__name__ if False else repr(e))
    else:
        print("no error")
    finally:
        print("finally", n)
def nested():
    try:
        try:
            raise TypeError("inner")
        finally:
            print("inner finally")
    except TypeError:
        print("caught inner")
        raise RuntimeError("outer") from None
try:
    nested()
except RuntimeError as e:
    print("caught", e)
def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")
print(ret_in_finally())
def loop_break():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("f", i)
    return i
print(loop_break())
try:
    raise ValueError
except ValueError as e:
    print("bare class raised:", repr(e))
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("reraised", e)
e = None
try:
    {}["k"]
except KeyError as err:
    e = err
print(repr(e))
