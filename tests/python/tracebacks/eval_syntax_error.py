source = "1 +\n None"
print(eval(source))
