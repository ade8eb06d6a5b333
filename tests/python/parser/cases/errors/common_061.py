for x in range(10):
    break
else
    pass
