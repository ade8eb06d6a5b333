if x:
  \
    pass
  y
