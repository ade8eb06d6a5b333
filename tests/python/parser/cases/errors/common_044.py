def f(
    a,
    b