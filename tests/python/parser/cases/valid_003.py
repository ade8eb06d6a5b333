async def f():
    x = f"{await g()}"