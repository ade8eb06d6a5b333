@decorator
x = 1