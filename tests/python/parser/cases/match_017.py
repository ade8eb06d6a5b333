match = 1
match.x = 2
match[0] = 1
match(x)
case = 3