if x:
  a
elif y:
  b
elif z:
  c