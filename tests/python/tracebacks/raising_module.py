# imported by import_raises.py (and raises when run itself)
def helper(x):
    return x["k"] + 1


VALUE = helper({"k": 1})
BROKEN = helper({})
