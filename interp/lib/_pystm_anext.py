"""The awaitable that anext(iterator, default) returns (the builtin is in
C, interp/modules/builtins_async.c).

As CPython 3.11's, it asks the wrapped awaitable for its iterator again
on every step (a generator-based coroutine is its own iterator), and
turns StopAsyncIteration into StopIteration(default)."""


class anext_awaitable:
    __slots__ = ("_wrapped", "_default")
    __module__ = "builtins"

    def __init__(self, awaitable, default):
        self._wrapped = awaitable
        self._default = default

    def _getiter(self):
        wrapped = self._wrapped
        get = getattr(type(wrapped), "__await__", None)
        if get is None:
            raise TypeError("object %s can't be used in 'await' expression"
                            % type(wrapped).__name__)
        it = get(wrapped)
        if not hasattr(type(it), "__next__"):
            raise TypeError("__await__() returned non-iterator of type '%s'"
                            % type(it).__name__)
        return it

    def _step(self, method, *args):
        it = self._getiter()
        try:
            if method is None:
                return next(it)
            return getattr(it, method)(*args)
        except StopAsyncIteration:
            raise StopIteration(self._default) from None

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self._step(None)

    def send(self, value):
        return self._step("send", value)

    def throw(self, *args):
        return self._step("throw", *args)

    def close(self):
        return self._step("close")
