# == and != of complex with numbers; ordering is a TypeError

print((1 + 2j) == (1 + 2j), (1 + 2j) != (1 + 2j), (1 + 2j) == (1 - 2j))
print((1 + 0j) == 1, 1 == (1 + 0j), (1.5 + 0j) == 1.5, 1.5 == (1.5 + 0j))
print((1 + 1j) == 1, (1 + 0j) != 1, (1 + 1j) != 1, (1 + 0j) == True)
print((1 + 0j) == "a", "a" != 1j, 1j == None, 1j in [1, 2, 1j], 0j == 0, 0j == -0.0)
print(complex(2 ** 53 + 1, 0) == 2 ** 53 + 1, complex(2 ** 53, 0) == 2 ** 53,
      complex(2 ** 53, 0) == 2 ** 53 + 1, complex(1e300, 0) == 10 ** 300,
      complex(float("inf"), 0) == 10 ** 400, 10 ** 400 == complex(1, 0))
nan = complex(float("nan"), 0)
print(nan == nan, nan != nan, nan == float("nan"), [nan] == [nan])
print((1 + 2j).__eq__(1 + 2j), (1 + 2j).__ne__(1), (1j).__eq__("x"), (1j).__lt__(2j))

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

err(lambda: 1j < 2j)
err(lambda: 1j <= 2)
err(lambda: 2.5 > 1j)
err(lambda: 1j >= 1j)
err(lambda: sorted([1j, 2j]))
err(lambda: max(1j, 2j))
err(lambda: int(1j))
err(lambda: float(1j))
err(lambda: int(1 + 0j))
err(lambda: [1, 2][int(1j)])
err(lambda: range(1j))
err(lambda: hex(1j))
