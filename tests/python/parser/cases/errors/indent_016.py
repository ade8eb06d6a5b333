def f():
    """doc"""
  x