# floats: repr, arithmetic, comparisons with ints, hashing
xs = [0.0, -0.0, 0.1, 1.5, -2.5, 1e16, 1e-5, 123456789.123, 1e300, 2.0**70]
for x in xs:
    print(repr(x), x + 1, x * 3, -x, abs(x), x == int(0) if False else x > 1)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(1.0 == 1, 2.0**70 == 2**70, 2.0**70 + 1 == 2**70 + 1, 1e300 < 10**301)
print(float("inf") > 10**400, -float("inf") < -10**400)
print(hash(1.5), hash(2.0), hash(-0.5), hash(1e100))
print(0.1 + 0.2, 1 / 3 * 3, 2 / 3)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
