for x, y in z:
    pass
else:
    w