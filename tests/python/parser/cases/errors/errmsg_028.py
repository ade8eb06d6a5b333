try:
    pass