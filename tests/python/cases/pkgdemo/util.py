from pkgdemo import loaded
loaded.append("util")

def double(x):
    return 2 * x

class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self):
        return "hello " + self.name

_private = 1
__all__ = ["double", "Greeter"]
