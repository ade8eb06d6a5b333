f or input in iterator:
    pass
