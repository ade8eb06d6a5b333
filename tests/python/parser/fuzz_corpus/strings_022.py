'a\
b'