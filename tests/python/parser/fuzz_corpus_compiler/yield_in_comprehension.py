def f():
 return [(yield) for x in y], {(yield): 1 for x in y}
[x for x in (yield)]
[lambda: (yield) for x in y]
