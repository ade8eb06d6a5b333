# arithmetic of complex with int, float and complex in both orders

inf = float("inf")
nan = float("nan")
operands = [0, 3, -2, True, 2.5, -0.0, 1 + 2j, -1.5 + 0.5j, 0j, complex(0.0, -0.0)]
for a in operands:
    for b in operands:
        if not (isinstance(a, complex) or isinstance(b, complex)):
            continue
        row = [a + b, a - b, a * b]
        try:
            row.append(a / b)
        except ZeroDivisionError as e:
            row.append(f"{type(e).__name__}: {e}")
        print(repr(a), repr(b), row)

print(1j * 1j, 1j ** 2, (1 + 1j) ** 2, 2 * (1 + 1j), (1 + 1j) * 2, 1j * 2.5)
print((1 + 2j) / (3 - 4j), 1 / (1 + 1j), 3 / (1 + 0j), (4 + 2j) / 2)
print((1e300 + 1e300j) / (1e-300 + 1e-300j), complex(inf, 0) / 2)
print(complex(nan, 1) / complex(nan, 1), (1 + 1j) / complex(inf, 1))
print(complex(1e308, 1e308) * 2, (1e200 + 1e200j) * (1e200 + 1e200j))
print(-(0j), -(-0j), +(-0j), 0 - 0j, 0.0 * 1j, 1 - 1j, -1j * -1j)

# powers: small integral exponents by products, the rest in polar form
bases = [1j, 1 + 1j, -2 + 0.5j, 1.1 + 0.3j, 0.5 - 0.25j, 2 + 0j, -1 + 0j]
exps = [0, 1, 2, 3, -1, -3, 10, 100, 101, 150, -101, 0.5, -0.5, 2.0, 1j, 1 + 1j, 1.5 - 2j]
for a in bases:
    print(repr(a), [a ** e for e in exps])
print(2 ** 1j, 2.5 ** (1 + 1j), 0 ** 0j, 0j ** 0, 0j ** 2, 0j ** 0.5, 1 ** inf)
print((-8) ** 0.5, (-8.0) ** (1 / 3), (-1) ** 0.5, (-2.5) ** 1.5, pow(-4, 0.25))
print((1e200 + 1e200j) ** 2, complex(inf, 0) ** 0, 1j ** -2)

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

err(lambda: 1j / 0)
err(lambda: 1 / 0j)
err(lambda: 1.0 / 0j)
err(lambda: 1j / 0j)
err(lambda: 1j / complex(0.0, -0.0))
err(lambda: 0j ** -1)
err(lambda: 0j ** 1j)
err(lambda: 0 ** -1j)
err(lambda: 0j ** -2.5)
err(lambda: (1e200 + 1e200j) ** 2.5)
err(lambda: complex(inf, 0) ** 2)
err(lambda: complex(1e300, 1) ** 3)
err(lambda: 10.0 ** 400j)
err(lambda: pow(1j, 2, 3))
err(lambda: pow(2, 1j, 3))
err(lambda: pow(1j, 2, None))
err(lambda: 1j + 10 ** 400)
err(lambda: 10 ** 400 * 1j)
err(lambda: 1j // 2)
err(lambda: 2 // 1j)
err(lambda: 1j % 2)
err(lambda: divmod(1j, 2))
err(lambda: 1j + "a")
err(lambda: "a" * 1j)
err(lambda: [1] * 1j)
err(lambda: 1j & 1)
err(lambda: ~1j)
err(lambda: 1j << 1)
err(lambda: round(1j))

x = 1 + 1j
x += 1
x *= 2j
x -= 0.5
x /= 2
x **= 2
print(x)
print(sum([1j, 2, 3.5, 1 - 1j]), sum([0.5j] * 4, 1j))
