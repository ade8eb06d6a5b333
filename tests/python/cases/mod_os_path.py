# os.path: the string functions on many edge cases ('', '/', '//', 'a/../..',
# trailing slashes), joins, relpath, expanduser/expandvars, errors
import os.path
import posixpath
print(os.path is posixpath, os.sep, os.name, os.curdir, os.pardir, repr(os.linesep), os.pathsep)
paths = ['', '/', '//', '///', 'a', 'a/', 'a//', '/a', '//a', '///a', 'a/b', 'a/b/', 'a//b', 'a/./b', 'a/../b',
         'a/..', 'a/../..', '../a', '../../a/b', '/..', '/../a', '//..', '.', './', './a', 'a/.', '.a', 'a.b', 'a.b.c',
         '/a/b.txt', 'a/.b', 'a/..b', 'a/b.', '..', '...', '.../a', 'a/b/c/../../d', '/a/./b/../../c/', 'x.tar.gz', '/.bashrc',
         'dir.d/file', 'dir.d/', '~', '~/x', 'a/b/..', 'foo/bar/../../../baz']
for p in paths:
    print(repr(p), os.path.split(p), os.path.splitext(p), repr(os.path.basename(p)), repr(os.path.dirname(p)),
          repr(os.path.normpath(p)), os.path.isabs(p))
joins = [('a', 'b'), ('a/', 'b'), ('a', '/b'), ('', 'b'), ('a', ''), ('', ''), ('/', 'a', 'b'), ('a', 'b/', 'c'),
         ('a', '', 'b'), ('/a', '/b', 'c'), ('a',), ('a//', '//b')]
for j in joins:
    print(j, repr(os.path.join(*j)))
print(os.path.commonprefix(['/usr/lib', '/usr/local/lib', '/usr/lib2']), repr(os.path.commonprefix([])),
      os.path.commonprefix([['a', 'b'], ['a', 'c']]), repr(os.path.commonprefix(['abc', 'xyz'])))
print(os.path.commonpath(['/usr/lib', '/usr/local/lib']), os.path.commonpath(['a/b', 'a/c/d']), os.path.commonpath(['/a']))
for start, p in [('/a/b', '/a/b/c'), ('/a/b/c', '/a'), ('/a/b', '/x/y'), ('/', '/a'), ('/a', '/a'), ('/a/b/', '/a/b/c/d/')]:
    print(start, p, os.path.relpath(p, start))
os.environ['PYSTM_TEST_HOME'] = '/home/tester'
print(os.path.expandvars('$PYSTM_TEST_HOME/x ${PYSTM_TEST_HOME}y $NOPE_NOT_SET ${NOPE} $ $1 ${a $PYSTM_TEST_HOME'))
home = os.environ.get('HOME')
os.environ['HOME'] = '/home/tester/'
print(os.path.expanduser('~'), os.path.expanduser('~/a'), os.path.expanduser('a~'), os.path.expanduser('~root/x'),
      os.path.expanduser('~no_such_user_xyz/a'))
os.environ['HOME'] = '/'
print(os.path.expanduser('~'), os.path.expanduser('~/a'))
for bad in [lambda: os.path.join('a', 5), lambda: os.path.join(5, 'a'), lambda: os.path.relpath(''), lambda: os.path.commonpath([]),
            lambda: os.path.commonpath(['/a', 'b']), lambda: os.path.split(3), lambda: os.path.basename(None),
            lambda: os.path.isabs(1.5), lambda: os.path.normpath(7)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
class P:
    def __fspath__(self):
        return 'some/where.txt'
print(os.path.splitext(P()), os.path.join(P(), 'x'), os.fspath(P()), os.path.basename(P()))
