cases = [
    lambda: 1 + "a",
    lambda: "a" * "b",
    lambda: [] < 1,
    lambda: None(),
    lambda: 1[0],
    lambda: len(1),
    lambda: iter(5),
    lambda: -"x",
    lambda: {}[[]],
    lambda: hash([]),
    lambda: (1).foo,
    lambda: "abc".nope(),
    lambda: int.bar,
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(repr(e))
