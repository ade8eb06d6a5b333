def deco(f):
    return f


class M:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        raise KeyError("exit")


@deco
def f():
    for i in range(3):
        with M():
            if i == 0:
                break


f()
