@d.e(1)
@g
def f(): pass