def f(*args: *Ts, **kw: int) -> x:
    d[f(1), 2:3:4, *a]: int
    d[1]: f = 2
    x = [y for x in [w for w in (z := v)]]
