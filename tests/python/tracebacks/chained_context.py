def f():
    try:
        return 1 / 0
    except ZeroDivisionError:
        x = None
        return x.attr


f()
