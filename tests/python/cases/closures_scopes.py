def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
print(add5(1), make_adder(10)(1))
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter()
print(c(), c(), c(10))
total = 0
def bump():
    global total
    total += 1
bump(); bump()
print(total)
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
fs = [lambda i=i: i * 2 for i in range(4)]
print([f() for f in fs])
fs2 = [lambda: i for i in range(3)]
print([f() for f in fs2])
def shadow():
    y = 1
    def inner():
        y = 2
        return y
    return inner(), y
print(shadow())
x = 1
def read_global():
    return x + 1
print(read_global())
def unbound():
    print(z)
    z = 1
try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
