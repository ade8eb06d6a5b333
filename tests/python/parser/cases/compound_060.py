for i in range(10):

    # comment
    pass


