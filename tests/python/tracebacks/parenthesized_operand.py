class V:
    def __add__(self, other):
        raise TypeError("no add")


v = V()
w = (v) + v
