'abc
def'