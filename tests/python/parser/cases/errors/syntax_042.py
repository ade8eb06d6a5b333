class C
  pass