# bytearray's mutation: item and slice assignment, del, the mutating
# methods, += and *=


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


b = bytearray(b'abc')
b.append(100)
b.append(True)
print(b)
b.extend(b'xy')
b.extend([1, 2])
b.extend(bytearray(b'!'))
b.extend(range(65, 68))
b.extend(x for x in (48, 49))
print(b, len(b))
b.insert(0, 90)
b.insert(-1, 89)
b.insert(100, 88)
b.insert(-100, 87)
print(b)
print(b.pop(), b.pop(0), b.pop(-2), b)
b.remove(100)
b.remove(1)
print(b)
c = b.copy()
c[0] = 33
print(b, c, b == c, b is c)
b.reverse()
print(b)
print(b.clear(), b, len(b))
b.append(7)
print(b)

# item and slice assignment
def assign(k, v):
    c = bytearray(b'abcdef')
    try:
        c[k] = v
        print(c)
    except Exception as e:
        print(type(e).__name__, e)


assign(0, 65)
assign(-1, 0)
assign(slice(1, 3), b'XYZ')
assign(slice(1, 3), bytearray(b''))
assign(slice(1, 3), [1, 2, 3])
assign(slice(1, 1), b'QQ')
assign(slice(4, 2), b'--')
assign(slice(None), b'new')
assign(slice(10, 20), b'end')
assign(slice(None, None, 2), b'xyz')
assign(slice(None, None, -1), b'123456')
assign(slice(1, 5, 3), (9, 8))
assign(slice(None, None, 2), b'xy')
assign(slice(None, None, 2), b'wxyz')
assign(slice(1, 3), 5)
assign(slice(1, 3), 'ab')
assign(slice(1, 3), [300])
assign(slice(1, 3), ['a'])
assign(slice(1, 3), None)
assign(0, 256)
assign(0, -1)
assign(0, 'a')
assign(0, b'a')
assign(10, 1)
assign(-7, 1)
assign('a', 1)
assign(1.5, 1)


def delete(k):
    c = bytearray(b'abcdef')
    try:
        del c[k]
        print(c)
    except Exception as e:
        print(type(e).__name__, e)


delete(0)
delete(-1)
delete(slice(1, 3))
delete(slice(None, None, 2))
delete(slice(None, None, -2))
delete(slice(4, 1))
delete(slice(None))
delete(10)
delete('x')

# in place operators keep the object
c = bytearray(b'ab')
alias = c
c += b'cd'
c += bytearray(b'e')
print(c, alias is c)
c *= 2
print(c, alias is c)
c *= 0
print(c, alias is c)
d = bytearray(b'x')
try:
    d += 'y'
except TypeError as e:
    print(type(e).__name__, e)
try:
    d *= 'y'
except TypeError as e:
    print(type(e).__name__, e)
e = b'im'
e += b'mutable'
print(e)

# iteration sees changes
c = bytearray(b'ab')
out = []
for x in c:
    out.append(x)
    if len(c) < 4:
        c.append(120)
print(out, c)

# errors of the methods
b = bytearray(b'abc')
show(lambda: b.append(256))
show(lambda: b.append(-1))
show(lambda: b.append('a'))
show(lambda: b.append(b'a'))
show(lambda: b.append())
show(lambda: b.extend(1))
show(lambda: b.extend('ab'))
show(lambda: b.extend([1, 'a']))
show(lambda: b.extend([300]))
show(lambda: b.insert(1))
show(lambda: b.insert('a', 1))
show(lambda: b.insert(0, 999))
show(lambda: b.pop(10))
show(lambda: bytearray().pop())
show(lambda: b.pop('a'))
show(lambda: b.pop(1, 2))
show(lambda: b.remove(200))
show(lambda: b.remove(b'a'))
show(lambda: b.copy(1))
show(lambda: b.clear(1))
show(lambda: b.reverse(1))
print(b)

# the array itself as the operand
c = bytearray()
c += c
print(c)
c = bytearray(b'x')
c.extend(c)
print(c)
c[:1] = c
print(c)
c[::2] = c[:2]
print(c)
try:
    c += c
except BufferError as e:
    print(type(e).__name__, e, c)
