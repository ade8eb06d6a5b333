@d
def f(): pass