def check(v):
    assert v is not None and v > 10, "too small"


check(3)
