def f(a, b):
    return a + b * 2


def g(x):
    return f(x, None)


g(1)
