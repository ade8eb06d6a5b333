if x:
    a
  }   b
