xs = [5, 3, 8, 1, 9, 2]
xs.append(7)
xs.insert(0, 10)
print(xs, len(xs), xs[0], xs[-1])
xs.sort()
print(xs)
xs.sort(reverse=True)
print(xs)
xs.remove(8)
print(xs.pop(), xs.pop(0), xs)
print(xs.index(3), xs.count(5), 3 in xs, 42 in xs)
ys = xs.copy()
ys.reverse()
print(ys, xs + ys, [0] * 3, xs == sorted(xs, reverse=True) if False else xs)
words = ["banana", "Apple", "cherry", "apple"]
words.sort(key=str.lower)
print(words)
pairs = [(2, "b"), (1, "a"), (2, "a"), (1, "b")]
pairs.sort(key=lambda p: p[0])
print(pairs)
nested = [[1, 2], [3, [4, 5]]]
print(nested, nested[1][1][0])
a = [1, 2, 3]
a += [4]
a *= 2
print(a)
b = [1, 2, 3]
b[1] = 20
del b[0]
print(b, [1, 2] < [1, 3], [1, 2] == [1, 2], [] == [])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].index(5)
except ValueError as e:
    print("ValueError:", e)
