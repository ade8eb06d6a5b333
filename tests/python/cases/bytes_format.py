# bytes % args (PEP 461)


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


class B:
    def __bytes__(self):
        return b'<B>'


print(b'%d %s %r %x %5.2f %c %b %%' % (42, b'hi', 'r', 255, 3.14159, 65,
                                       bytearray(b'ba')))
print(b'%-5s|%5s|%.1s|%-6b|' % (b'ab', b'cd', b'ef', b'gh'))
print(b'%a %r %a' % ('\xe9', b'x', [1, 'y']))
print(b'%i %u %o %X %e %g %G %E %F' % (1, 2, 8, 255, 1.5, 2.5, 1e20, 3.0, 4.0))
print(b'%#x %#o %+d % d %05d %-5d| %x' % (255, 8, 5, 5, -42, 7, -255))
print(b'%.3f %d %d %x %.0f %10.4e' % (2, True, 2.7, True, 0.5, 12345.678))
print(b'%s %s' % (B(), b''), b'%b' % B())
print(b'%5c|%-3c|%c' % (65, b'B', bytearray(b'C')))
print(b'%*d|%-*d|%.*f' % (5, 3, 4, 2, 2, 3.14159), b'%*s|' % (-4, b'x'))
print(b'%(a)s and %(b)d' % {b'a': b'x', b'b': 5}, b'%(a)s' % {b'a': b'q'})
print(b'no args' % (), b'no args' % {}, b'%s' % [1] if False else b'', b'x' % [])
print(b'%s' % (b'tuple',), b'%s' % bytearray(b'q'), b'%%%s%%' % b'm')
print(bytearray(b'%s-%d') % (b'ba', 1), type(bytearray(b'') % ()).__name__)
print(b'%r' % [b'1'], b'%r' % 'str', b'%a' % '\U0001f600')
print(b'%c' % 0, b'%c' % 255, b'%3.1s' % b'abc')

show(lambda: b'%d' % 'a')
show(lambda: b'%s' % 'a')
show(lambda: b'%s' % 1)
show(lambda: b'%b' % [1])
show(lambda: b'%x' % 1.5)
show(lambda: b'%c' % 256)
show(lambda: b'%c' % -1)
show(lambda: b'%c' % b'ab')
show(lambda: b'%c' % 'a')
show(lambda: b'%d %d' % (1,))
show(lambda: b'%d' % (1, 2))
show(lambda: b'%y' % 1)
show(lambda: b'a%yb' % 1)
show(lambda: b'%' % ())
show(lambda: b'%5' % 1)
show(lambda: b'%(a' % {b'a': 1})
show(lambda: b'%(a)s' % {'a': b'x'})
show(lambda: b'%(a)s' % (1,))
show(lambda: b'%*d' % ('a', 1))
show(lambda: b'abc' % 5)
show(lambda: b'abc' % b'x')
show(lambda: b'%s %s' % b'ab')
show(lambda: 'str %s' % b'b')
show(lambda: b'%s' % B)
show(lambda: b'%5%' % ())
show(lambda: b'%-%' % ())
show(lambda: b'%f' % b'x')
show(lambda: b'%e' % None)
show(lambda: b'%g' % 2**2000)
show(lambda: b'%u' % 'a')
show(lambda: b'%i' % 'a')
show(lambda: b'%u %i' % (3, -4))
show(lambda: b'%5.1f|%-8.3e|%+g' % (float('nan'), float('-inf'), 1e-7))
