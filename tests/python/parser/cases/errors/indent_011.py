if x:
    pass
        y