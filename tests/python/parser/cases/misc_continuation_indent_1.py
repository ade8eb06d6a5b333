if x:
    \
    pass
