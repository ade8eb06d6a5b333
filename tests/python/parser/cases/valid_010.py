def f():
    x = yield
    y = yield from z
    await w