# text processing: word counts, sorting by frequency, string methods
text = """The quick brown fox jumps over the lazy dog. The dog barks;
the fox runs away. A quick brown dog? No -- a lazy fox!"""
words = [w.strip(".,;?!-").lower() for w in text.split()]
words = [w for w in words if w]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word:<8}{'*' * n} {n}")
print(len(words), len(counts), sorted(set(w[0] for w in words)))
lines = text.splitlines()
print([len(l) for l in lines], [l.title() for l in lines][0])
print(" ".join(reversed(lines[0].split())))
caps = "".join(c.upper() if i % 2 else c for i, c in enumerate("alternating"))
print(caps, "lazy" in text, text.count("the"), text.lower().count("the"))
table = [("apple", 3, 1.5), ("banana", 12, 0.25), ("cherry", 100, 10.0)]
for name, qty, price in table:
    print("%-10s|%5d|%8.2f|%s" % (name, qty, price, "{:.1%}".format(price / 10)))
print("{:*^20}".format(" report "), "{0:b} {0:o} {0:x} {0:,}".format(1234567))
