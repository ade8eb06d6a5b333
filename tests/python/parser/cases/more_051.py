async def f():
    async with a as b, c as d:
        pass
    await asyncio.sleep(1)
    return [await x for x in y]