print(list(enumerate("abc")), list(enumerate([10, 20], start=5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip(range(3), range(3), range(3))))
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2], [3, 4, 5])))
print(list(filter(None, [0, 1, "", "x", None, 2])), list(filter(lambda x: x % 2, range(7))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
print(sorted([3, 1, 2]), sorted("hello", reverse=True), sorted([-3, 1, -2], key=abs))
print(any([0, 0, 1]), any([]), all([1, 2]), all([1, 0]), all([]))
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2), pow(2, 10), pow(3, 200, 1000), pow(2, -1))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(5.0))
print(bin(10), oct(8), hex(255), hex(-255), bin(0), hex(2**70))
print(issubclass(bool, int), issubclass(int, (str, float)), (5).bit_length(), (255).bit_count(), (2.0).is_integer())
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)))
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
for i, (a, b) in enumerate(zip("xy", "zw")):
    print(i, a, b)
