if x:
        a
        b
