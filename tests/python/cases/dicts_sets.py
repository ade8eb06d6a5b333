d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
del d["b"]
d["b"] = 22
print(d, "a" in d, "q" in d)
print(d.pop("a"), d.setdefault("x", 9), d)
for k, v in d.items():
    print(k, v)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
s = {3, 1, 2}
s.add(10)
s.discard(1)
print(s, len(s), 3 in s, {1, 2} | {2, 3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3})
print({"x", "y", "z", "w"}, set("hello"), frozenset([1, 2]))
words = ["apple", "bob", "apple", "cat", "bob", "apple"]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items()) if False else counts)
print({i: i * i for i in range(5)}, {c for c in "mississippi"})
print(dict.fromkeys("ab", 0), {**d, "new": 1})
