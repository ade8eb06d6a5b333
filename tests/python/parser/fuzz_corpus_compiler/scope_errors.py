def f():
 x = 1
 def g():
  def h():
   nonlocal y
  (a, *b, *c) = x
  from m import *
