class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Managed("a") as m:
    print("inside", m.name)
with Managed("outer"), Managed("inner") as i:
    print("both", i.name)
with Managed("quiet", suppress=True):
    raise ValueError("swallowed")
print("after quiet")
try:
    with Managed("loud"):
        raise KeyError("escapes")
except KeyError as e:
    print("caught", repr(e))
def early():
    with Managed("ret"):
        return "returned"
print(early())
for k in range(3):
    with Managed(f"loop{k}"):
        if k == 1:
            continue
        if k == 2:
            break
        print("body", k)
try:
    with 42:
        pass
except TypeError as e:
    print("TypeError:", e)
