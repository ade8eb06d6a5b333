s = "hello world"
l = list(range(10))
t = tuple(range(10))
for seq in (s, l, t):
    print(seq[2:5], seq[:3], seq[7:], seq[::2], seq[::-1], seq[-3:], seq[:-3], seq[1:8:3], seq[8:1:-2], seq[100:], seq[-100:2])
l[2:4] = ["a", "b", "c"]
print(l)
del l[::2]
print(l)
l[::2] = [0] * len(l[::2])
print(l)
print(slice(1, 2), slice(None, 5, -1), slice(3).stop)
try:
    l[::0]
except ValueError as e:
    print("ValueError:", e)
try:
    l[0:2:1] = 5
except TypeError as e:
    print("TypeError:", e)
