d = {"a": [1, 2, {"b": None}]}
print(d["a"][2]["b"]["c"])
