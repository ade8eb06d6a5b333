@d
x = 1