counts = {}
try:
    assert len(counts) == 1, "empty"
except AssertionError:
    pass
counts["a"] += 1
