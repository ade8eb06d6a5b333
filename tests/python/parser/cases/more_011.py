a = 'abc\
def'