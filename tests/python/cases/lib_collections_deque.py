# collections.deque: ends, maxlen, rotation, indexing, errors
from collections import deque
import copy


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


d = deque('ghi')
print(d, len(d), type(d), deque)
d.append('j')
d.appendleft('f')
print(d, d.pop(), d.popleft(), d)
print(list(reversed(d)), 'h' in d, 'z' in d, d[0], d[-1], d[1])
d.extend('jkl')
d.extendleft('abc')
print(d)
d.rotate(1)
print(d)
d.rotate(-1)
print(d)
d.rotate(10)
print(d, d.maxlen)
d.rotate(0)
d.rotate(-23)
print(d)
d.clear()
print(d, bool(d), len(d), deque([], maxlen=3), deque(maxlen=0))

# maxlen: the far end falls off
m = deque(maxlen=3)
for i in range(6):
    m.append(i)
    print(m)
m.appendleft(-1)
print(m)
m.extendleft([10, 11])
print(m, m.maxlen)
m.extend(range(100, 105))
print(m)
z = deque([1, 2], maxlen=0)
z.append(3)
z.appendleft(4)
print(z, len(z))
print(deque(range(10), maxlen=4), deque(range(10), 4))


def tail(lines, n=3):
    return deque(lines, maxlen=n)


print(tail(['l%d' % i for i in range(10)]))

# indexing, assignment, deletion, insert, remove, count, index
d = deque(range(6))
d[2] = 'two'
del d[0]
print(d, d.index(3), d.index('two'), d.count(3), d.count('x'))
d.insert(0, 'start')
d.insert(100, 'end')
d.insert(-1, 'almost')
d.insert(-100, 'first')
print(d)
d.remove('two')
print(d, d.index(5, 2), d.index(4, -4, -1))
d.reverse()
print(d)
d2 = deque([1, 2, 1, 2, 1])
print(d2.count(1), d2.index(2, 2), d2[-5])

# comparisons, arithmetic
a, b = deque([1, 2, 3]), deque([1, 2, 4])
print(a == b, a != b, a < b, a <= b, a > b, a >= b, a == deque([1, 2, 3]), a == [1, 2, 3])
print(a + b, a * 2, 2 * a, a * 0, deque([1, 2], 3) * 2, deque([1, 2], 3) + deque([3, 4]))
c = deque([1])
c += [2, 3]
c *= 2
print(c)
c += c
print(c)
c.extend(c)
print(len(c))

# copies
d = deque([[1], [2]], maxlen=5)
s = copy.copy(d)
t = copy.deepcopy(d)
print(s, s is d, s[0] is d[0], t, t[0] is d[0], t.maxlen, d.copy())

# iteration while mutating
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
it = iter(deque([1, 2]))
print(next(it), list(it))
r = deque([1])
r.append(r)
print(r)


class Stack(deque):
    def push(self, x):
        self.append(x)


st = Stack([1, 2])
st.push(3)
print(st, st.pop(), isinstance(st, deque), Stack([1], 2), st.copy(), type(st.copy()).__name__)

attempt('pop empty', lambda: deque().pop())
attempt('popleft empty', lambda: deque().popleft())
attempt('index missing', lambda: deque([1]).index(5))
attempt('remove missing', lambda: deque([1]).remove(5))
attempt('index range', lambda: deque([1])[5])
attempt('negative index range', lambda: deque([1])[-2])
attempt('maxlen -1', lambda: deque([1], maxlen=-1))
attempt('maxlen str', lambda: deque([1], maxlen='a'))
attempt('plus list', lambda: deque([1]) + [2])
attempt('insert full', lambda: deque([1], maxlen=1).insert(0, 2))
attempt('int iterable', lambda: deque(1))
attempt('str index', lambda: deque([1, 2])['a'])
attempt('slice', lambda: deque([1, 2])[1:])
attempt('rotate str', lambda: deque([1, 2, 3]).rotate('a'))
attempt('set index range', lambda: deque([1]).__setitem__(3, 0))
attempt('del index range', lambda: deque().__delitem__(0))
