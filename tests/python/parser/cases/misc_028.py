if x:
    pass
  # dedented comment
y = 1