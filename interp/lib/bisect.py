"""bisect: binary search in sorted sequences (pystm, pure Python).

Only `<` compares items, as in CPython.  hi=None (or -1, CPython's
internal default) means len(a)."""

__all__ = ['bisect', 'bisect_left', 'bisect_right', 'insort', 'insort_left',
           'insort_right']


def _bounds(a, lo, hi):
    if type(lo) is not int:
        lo = _as_index(lo)
    if lo < 0:
        raise ValueError('lo must be non-negative')
    if hi is None:
        hi = len(a)
    else:
        if type(hi) is not int:
            hi = _as_index(hi)
        if hi == -1:
            hi = len(a)
    return lo, hi


def _as_index(value):
    # hex() applies __index__ and reports CPython's TypeError
    return int(hex(value), 16)


def bisect_right(a, x, lo=0, hi=None, *, key=None):
    """Return the index after the last item of a[lo:hi] that is <= x."""
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < a[mid]:
                hi = mid
            else:
                lo = mid + 1
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if x < key(a[mid]):
                hi = mid
            else:
                lo = mid + 1
    return lo


def bisect_left(a, x, lo=0, hi=None, *, key=None):
    """Return the index of the first item of a[lo:hi] that is >= x."""
    lo, hi = _bounds(a, lo, hi)
    if key is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if a[mid] < x:
                lo = mid + 1
            else:
                hi = mid
    else:
        while lo < hi:
            mid = (lo + hi) // 2
            if key(a[mid]) < x:
                lo = mid + 1
            else:
                hi = mid
    return lo


def insort_right(a, x, lo=0, hi=None, *, key=None):
    """Insert x in a, kept sorted, after any items equal to x."""
    if key is None:
        lo = bisect_right(a, x, lo, hi)
    else:
        lo = bisect_right(a, key(x), lo, hi, key=key)
    a.insert(lo, x)


def insort_left(a, x, lo=0, hi=None, *, key=None):
    """Insert x in a, kept sorted, before any items equal to x."""
    if key is None:
        lo = bisect_left(a, x, lo, hi)
    else:
        lo = bisect_left(a, key(x), lo, hi, key=key)
    a.insert(lo, x)


bisect = bisect_right
insort = insort_right
