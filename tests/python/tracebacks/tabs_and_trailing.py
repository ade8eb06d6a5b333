def f(a, b):
	return a - b   


f("x", 1)
