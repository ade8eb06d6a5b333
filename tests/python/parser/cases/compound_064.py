if 1:
  # c
    # d
  pass