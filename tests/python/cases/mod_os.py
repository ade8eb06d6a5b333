# os: files and directories in a temporary directory (made and removed
# here; only relative names are printed), stat, environ, errors
import os
import stat

base = os.getcwd()
tmp = '/tmp/pystm_mod_os_%d' % os.getpid()
os.mkdir(tmp)
os.chdir(tmp)
print(os.getcwd() == tmp, os.listdir(), os.listdir('.'), os.path.exists('.'))
os.mkdir('d1')
os.makedirs('d2/sub/leaf')
os.makedirs('d2/sub/leaf', exist_ok=True)
os.makedirs('d3/x/', exist_ok=True)
print(sorted(os.listdir()), sorted(os.listdir(tmp)), os.listdir('d2'), os.listdir('d2/sub'))
print(os.path.isdir('d1'), os.path.isfile('d1'), os.path.exists('d2/sub/leaf'), os.path.exists('nope'),
      os.path.isdir('nope'), os.path.islink('d1'), os.path.lexists('d1'))
s = os.stat('d1')
print(stat.S_ISDIR(s.st_mode), stat.S_ISREG(s.st_mode), s.st_mode == s[0], len(s), s.st_size == s[6],
      type(s.st_mtime).__name__, type(s[8]).__name__, type(s.st_mtime_ns).__name__, s.st_mtime_ns // 10**9 == s[8])
print(int(s.st_mtime) == s[stat.ST_MTIME], s.st_nlink >= 2, os.lstat('d1') == s, os.stat(tmp + '/d1') == s)
os.rename('d1', 'd1renamed')
print(sorted(os.listdir()))
os.replace('d1renamed', 'd1')
os.rmdir('d1')
print(sorted(os.listdir()), os.path.getsize('d2') == os.stat('d2').st_size)
os.symlink('d2', 'link2')
print(os.path.islink('link2'), os.path.isdir('link2'), os.readlink('link2'), stat.S_ISLNK(os.lstat('link2').st_mode),
      os.path.realpath('link2') == os.path.join(tmp, 'd2'), os.path.realpath('link2/sub/../sub') == tmp + '/d2/sub')
os.symlink('loop_b', 'loop_a')
os.symlink('loop_a', 'loop_b')
print(os.path.realpath('loop_a') == tmp + '/loop_a', os.path.exists('loop_a'), os.path.lexists('loop_a'))
print(os.path.abspath('x/../y') == tmp + '/y', os.path.relpath(tmp + '/d2/sub'), os.path.relpath('/'.join([tmp, 'd2']), tmp + '/d3/x'))
print(os.path.samefile('d2', 'link2'), os.path.ismount('/'), os.path.ismount('d2'))
for top, dirs, files in os.walk('.'):
    dirs.sort()
    print(top, dirs, sorted(files))
print([(t, sorted(d), sorted(f)) for t, d, f in sorted(os.walk('d2', topdown=False))])
print(sorted(e.name for e in os.scandir()), sorted((e.name, e.is_dir(), e.is_symlink(), e.is_file()) for e in os.scandir('.') if not e.name.startswith('loop')))
with os.scandir('d2') as it:
    for entry in it:
        print(entry, entry.name, entry.path, entry.is_dir(), os.fspath(entry))

def attempt(f):
    try:
        r = f()
        print('ok', r)
    except OSError as e:
        print(type(e).__name__, e, e.errno, e.strerror, repr(e.filename), repr(e.filename2), e.args)
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: os.mkdir('d2'))
attempt(lambda: os.rmdir('nope'))
attempt(lambda: os.rmdir('d2'))
attempt(lambda: os.remove('nope'))
attempt(lambda: os.unlink('d2'))
attempt(lambda: os.listdir('nope'))
attempt(lambda: os.stat('nope'))
attempt(lambda: os.lstat('nope/x'))
attempt(lambda: os.chdir('nope'))
attempt(lambda: os.rename('nope', 'other'))
attempt(lambda: os.replace('nope', 'd2/other'))
attempt(lambda: os.makedirs('d2'))
attempt(lambda: os.makedirs('d2/sub'))
attempt(lambda: os.mkdir('nope/x/y'))
attempt(lambda: os.readlink('d2'))
attempt(lambda: os.symlink('d2', 'link2'))
attempt(lambda: os.path.getsize('nope'))
attempt(lambda: os.path.realpath('loop_a', strict=True))
attempt(lambda: os.mkdir(5))
attempt(lambda: os.stat(None))
attempt(lambda: os.remove(3.5))
attempt(lambda: os.chdir(None))
attempt(lambda: os.mkdir('a\0b'))
attempt(lambda: os.mkdir('x', mode='a'))
attempt(lambda: os.mkdir('a', path='b'))
attempt(lambda: os.mkdir(path='x', foo=1))
attempt(lambda: os.mkdir('a', 1, 2))
attempt(lambda: os.stat('a', 2))
attempt(lambda: os.stat())
attempt(lambda: os.rename('a'))
attempt(lambda: os.rename('a', 'b', 'c'))
attempt(lambda: os.listdir('a', 'b'))
attempt(lambda: os.getcwd(1))
attempt(lambda: os.getpid(2))
attempt(lambda: os.access('x'))
attempt(lambda: os.fspath(5))
attempt(lambda: os.strerror('x'))
print(os.access('d2', os.F_OK), os.access('nope', os.F_OK), os.access('d2', os.R_OK | os.W_OK))
print(os.strerror(2), os.strerror(13), type(os.getpid()).__name__, os.cpu_count() >= 1, type(os.getuid()).__name__)

class Where:
    def __fspath__(self):
        return 'd2/sub'
print(os.path.isdir(Where()), os.listdir(Where()), os.stat(Where()) == os.stat('d2/sub'))
attempt(lambda: os.rmdir(Where()))

# environ
os.environ['PYSTM_MOD_OS'] = 'value 1'
print(os.environ['PYSTM_MOD_OS'], os.getenv('PYSTM_MOD_OS'), os.getenv('PYSTM_NOT_SET_X'), os.getenv('PYSTM_NOT_SET_X', 'dflt'),
      'PYSTM_MOD_OS' in os.environ, os.environ.get('PYSTM_NOT_SET_X', 3))
del os.environ['PYSTM_MOD_OS']
print('PYSTM_MOD_OS' in os.environ, os.environ.setdefault('PYSTM_MOD_OS2', 'v2'), os.environ.pop('PYSTM_MOD_OS2'),
      'PYSTM_MOD_OS2' in os.environ, isinstance(os.environ.copy(), dict), len(os.environ) == len(list(os.environ)))
attempt(lambda: os.environ['PYSTM_NOT_SET_X'])
attempt(lambda: os.environ.__setitem__('A', 5))
attempt(lambda: os.putenv('a=b', 'c'))
attempt(lambda: os.putenv('', 'c'))

# clean up: the temporary directory and everything in it
os.chdir(base)
for top, dirs, files in os.walk(tmp, topdown=False):
    for name in files:
        os.remove(os.path.join(top, name))
    for name in dirs:
        full = os.path.join(top, name)
        if os.path.islink(full):
            os.remove(full)
        else:
            os.rmdir(full)
os.rmdir(tmp)
print(os.path.exists(tmp), os.getcwd() == base)
