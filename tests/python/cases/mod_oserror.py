# OSError: the errno subclass chosen by OSError(errno, ...), the errno,
# strerror, filename, filename2 attributes, str() and repr()
print(OSError(2, 'x', 'f').args, type(OSError(2,'x')))
e = OSError(2, 'No such file or directory', 'nope')
print(str(e), e.errno, e.strerror, e.filename, e.filename2, type(e).__name__)
print(OSError(2, 'x', None).args, OSError(1,2,3,4,5,6).args, str(OSError(1,2,3,4,5)), OSError(1,2,3,4,5).args)
print(repr(e), e)
print(OSError('boom'), repr(OSError('boom')), OSError('boom').errno, OSError().errno, str(OSError()))
for n in [1, 2, 4, 11, 13, 17, 20, 21, 32, 104, 110, 111, 3, 10, 22, 999]:
    x = OSError(n, 'm')
    print(n, type(x).__name__, isinstance(x, OSError), x)
print(FileNotFoundError(2, 'a', 'b'), FileNotFoundError('z'), type(FileNotFoundError(13, 'q')).__name__)
print(str(OSError(2, 'x', 'a', None, 'b')), OSError(2, 'x', 'a', None, 'b').filename2)
e = OSError(5, 'io'); e.filename = 'later'; print(e)
class MyErr(OSError):
    pass
m = MyErr(2, 'mine', 'f')
print(type(m).__name__, m, m.errno, m.args)
try:
    raise FileNotFoundError(2, 'No such file or directory', 'gone')
except OSError as ex:
    print('caught', ex, ex.filename)
print(IOError is OSError, EnvironmentError is OSError)
raise PermissionError(13, 'Permission denied', '/root/x')
