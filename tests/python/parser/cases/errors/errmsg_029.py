try:
    pass
else:
    pass