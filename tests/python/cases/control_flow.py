for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i, end=" ")
print()
n = 0
while True:
    n += 1
    if n >= 5:
        break
print(n)
for x in []:
    print("never")
else:
    print("for-else")
i = 0
while i < 3:
    i += 1
else:
    print("while-else", i)
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = "hello"
*init, last = [1, 2, 3]
p, (q, r) = 1, (2, 3)
print(first, rest, init, last, p, q, r)
print(1 if a > b else 2, [x for x in range(3)] or "empty", [] or "empty")
print(1 < 2 < 3, 1 < 3 < 2, 2 == 2 != 3, 0 or None or "last", 1 and 2 and 3)
x = 10
x //= 3; x **= 2; x -= 1; x %= 5; x <<= 2; x |= 1; x ^= 3; x &= 6
print(x)
if (m := len("walrus")) > 3:
    print("walrus", m)
print([y for x in range(3) for y in range(x)], [(x, y) for x in "ab" for y in (1, 2) if y > 1])
print(sum(i * i for i in range(10)) if False else sum([i * i for i in range(10)]))
