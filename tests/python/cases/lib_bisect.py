# bisect: searches and insertions with lo/hi/key
import bisect


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


a = [1, 2, 2, 2, 3, 5, 8, 8, 13]
for x in [0, 1, 2, 3, 4, 8, 13, 14]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x),
          bisect.bisect(a, x))
print(bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))
print(bisect.bisect_left(a, 8, lo=1, hi=5), bisect.bisect_right(a, 8, hi=None))
print(bisect.bisect_left(a, 2, hi=-1), bisect.bisect_left(a, 2, 0, -5))
print(bisect.bisect_left([], 3), bisect.bisect_right([], 3))


def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])

records = [('ann', 3), ('bob', 5), ('cy', 5), ('dee', 9)]
print(bisect.bisect_left(records, 5, key=lambda r: r[1]))
print(bisect.bisect_right(records, 5, key=lambda r: r[1]))
l = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(l, x)
print(l)
bisect.insort_left(l, 4)
bisect.insort_right(l, 4.0)
print(l)
bisect.insort_left(l, 0, 0, 0)
print(l)
recs = []
for r in [('x', 3), ('y', 1), ('z', 3), ('w', 2)]:
    bisect.insort(recs, r, key=lambda r: r[1])
print(recs)
recs2 = []
for r in [('x', 3), ('y', 1), ('z', 3), ('w', 2)]:
    bisect.insort_left(recs2, r, key=lambda r: r[1])
print(recs2)
s = 'acegi'
print(bisect.bisect(s, 'd'), bisect.bisect_left(range(0, 100, 5), 42))

attempt('lo -1', lambda: bisect.bisect([1], 1, -1))
attempt('hi big', lambda: bisect.bisect([1], 1, 0, 5))
attempt('int seq', lambda: bisect.bisect(1, 1))
attempt('lo str', lambda: bisect.bisect([1], 1, 'a'))
attempt('lo None', lambda: bisect.bisect_left([1, 2], 2, lo=None))
attempt('insort lo', lambda: bisect.insort([1], 1, -1))
attempt('mixed', lambda: bisect.bisect_left([1, 2, 3], 'a'))
attempt('key int', lambda: bisect.bisect_left([1, 2, 3], 2, key=1))
attempt('kwargs', lambda: bisect.bisect_left(x=2, a=[1, 2, 3]))
