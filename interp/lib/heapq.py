"""heapq: binary min-heaps kept in plain lists (pystm, pure Python).

The heap invariant is heap[k] <= heap[2*k+1] and heap[k] <= heap[2*k+2].
Programs print heaps, so every operation moves items exactly as CPython's
does: sifting towards the leaves always descends to a leaf along the
smaller children and then bubbles the new item back up (fewer
comparisons on average), and heapify sifts each parent from the last
one to the root.  Only `<` is ever used to compare items."""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(heap, function, numbered):
    if not isinstance(heap, list):
        raise TypeError('%s() argument %smust be list, not %s'
                        % (function, '1 ' if numbered else '',
                           type(heap).__name__))


def _bubble_up(heap, startpos, pos):
    # move heap[pos] towards the root while it is smaller than its parent
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _sink(heap, pos):
    # take heap[pos] out, move the smaller child up until a leaf is
    # reached, put the item there and bubble it back up
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _bubble_up(heap, startpos, pos)


def heappush(heap, item, /):
    """Push item onto heap, maintaining the heap invariant."""
    _check_list(heap, 'heappush', True)
    heap.append(item)
    _bubble_up(heap, 0, len(heap) - 1)


def heappop(heap, /):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    _check_list(heap, 'heappop', False)
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sink(heap, 0)
        return smallest
    return last


def heapreplace(heap, item, /):
    """Pop and return the current smallest value, and add the new item."""
    _check_list(heap, 'heapreplace', True)
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sink(heap, 0)
    return smallest


def heappushpop(heap, item, /):
    """Fast version of a heappush followed by a heappop."""
    _check_list(heap, 'heappushpop', True)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sink(heap, 0)
    return item


def heapify(heap, /):
    """Transform list into a heap, in-place, in O(len(heap)) time."""
    _check_list(heap, 'heapify', False)
    for pos in range(len(heap) // 2 - 1, -1, -1):
        _sink(heap, pos)


# Max-heaps, for nsmallest (its heap holds the n smallest so far, the
# largest of them on top)

def _bubble_up_max(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _sink_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[rightpos] < heap[childpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _bubble_up_max(heap, startpos, pos)


def _heapify_max(heap):
    for pos in range(len(heap) // 2 - 1, -1, -1):
        _sink_max(heap, pos)


def _heapreplace_max(heap, item):
    smallest = heap[0]
    heap[0] = item
    _sink_max(heap, 0)
    return smallest


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted output, lazily.

    Equal items come out in the order of their iterables."""
    # entries are [sort key, iterable number, value, next function]: the
    # number breaks ties (stability) and keeps values from being compared
    if reverse:
        push_down = _sink_max
        build = _heapify_max
        pop = _pop_max
    else:
        push_down = _sink
        build = heapify
        pop = heappop
    entries = []
    for order, iterable in enumerate(map(iter, iterables)):
        next_value = iterable.__next__
        try:
            value = next_value()
        except StopIteration:
            continue
        sort_key = value if key is None else key(value)
        entries.append([sort_key, order * (-1 if reverse else 1), value,
                        next_value])
    build(entries)
    while len(entries) > 1:
        try:
            while True:
                entry = entries[0]
                yield entry[2]
                value = entry[3]()
                entry[0] = value if key is None else key(value)
                entry[2] = value
                push_down(entries, 0)
        except StopIteration:
            pop(entries)
    if entries:
        entry = entries[0]
        yield entry[2]
        yield from _rest(entry[3])


def _rest(next_value):
    while True:
        try:
            value = next_value()
        except StopIteration:
            return
        yield value


def _pop_max(heap):
    last = heap.pop()
    if heap:
        largest = heap[0]
        heap[0] = last
        _sink_max(heap, 0)
        return largest
    return last


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]"""
    if n == 1:
        it = iter(iterable)
        missing = object()
        if key is None:
            result = min(it, default=missing)
        else:
            result = min(it, default=missing, key=key)
        return [] if result is missing else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]
    it = iter(iterable)
    # decorate with the arrival number so equal items keep their order
    if key is None:
        heap = [(elem, i) for i, elem in zip(range(n), it)]
        if not heap:
            return heap
        _heapify_max(heap)
        top = heap[0][0]
        order = n
        for elem in it:
            if elem < top:
                _heapreplace_max(heap, (elem, order))
                top = heap[0][0]
                order += 1
        heap.sort()
        return [elem for elem, order in heap]
    heap = [(key(elem), i, elem) for i, elem in zip(range(n), it)]
    if not heap:
        return heap
    _heapify_max(heap)
    top = heap[0][0]
    order = n
    for elem in it:
        k = key(elem)
        if k < top:
            _heapreplace_max(heap, (k, order, elem))
            top = heap[0][0]
            order += 1
    heap.sort()
    return [elem for k, order, elem in heap]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]"""
    if n == 1:
        it = iter(iterable)
        missing = object()
        if key is None:
            result = max(it, default=missing)
        else:
            result = max(it, default=missing, key=key)
        return [] if result is missing else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]
    it = iter(iterable)
    # a min-heap of the n largest so far; negative arrival numbers make
    # earlier items win ties
    if key is None:
        heap = [(elem, i) for i, elem in zip(range(0, -n, -1), it)]
        if not heap:
            return heap
        heapify(heap)
        top = heap[0][0]
        order = -n
        for elem in it:
            if top < elem:
                heapreplace(heap, (elem, order))
                top = heap[0][0]
                order -= 1
        heap.sort(reverse=True)
        return [elem for elem, order in heap]
    heap = [(key(elem), i, elem) for i, elem in zip(range(0, -n, -1), it)]
    if not heap:
        return heap
    heapify(heap)
    top = heap[0][0]
    order = -n
    for elem in it:
        k = key(elem)
        if top < k:
            heapreplace(heap, (k, order, elem))
            top = heap[0][0]
            order -= 1
    heap.sort(reverse=True)
    return [elem for k, order, elem in heap]


# the primitives in C when available (same moves, much faster)
try:
    from _heapq import heappush, heappop, heapify, heapreplace, heappushpop
except ImportError:
    pass
