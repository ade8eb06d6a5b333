f(a,
  b)