if x
  pass