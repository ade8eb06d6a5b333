def f():

x