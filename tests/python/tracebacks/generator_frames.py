def numbers():
    yield 1
    yield from inner()


def inner():
    yield 2
    raise IndexError("in inner")


total = sum(n * 2 for n in numbers())
