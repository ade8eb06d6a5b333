def g():
    x = yield 1
    return x["key"]


it = g()
next(it)
it.send({"other": 1})
