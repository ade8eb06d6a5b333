if x:
    a
elif y:
    b
else:
    c