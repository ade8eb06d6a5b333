# os: creating files without open() (mknod, truncate), their size, times
# (utime), modes (chmod), hard links, uname, isatty, system, kill
import os
import stat

base = os.getcwd()
tmp = '/tmp/pystm_mod_os2_%d' % os.getpid()
os.mkdir(tmp)
os.chdir(tmp)
os.mknod('f')
print(os.path.isfile('f'), os.path.getsize('f'), stat.S_ISREG(os.stat('f').st_mode))
os.truncate('f', 1234)
print(os.path.getsize('f'), os.stat('f').st_size)
os.utime('f', (1000000000, 1200000000))
s = os.stat('f')
print(s.st_atime, s.st_mtime, s[stat.ST_MTIME], s.st_mtime_ns, os.path.getmtime('f'), os.path.getatime('f'))
os.utime('f', ns=(5 * 10**9 + 123, 7 * 10**9 + 999999999))
s = os.stat('f')
print(s.st_atime_ns, s.st_mtime_ns, s[7], s[8])
os.utime('f', (1.5, 2.25))
print(os.stat('f').st_atime, os.stat('f').st_mtime)
os.utime('f')
print(os.stat('f').st_mtime > 1.7e9)
os.chmod('f', 0o640)
print(oct(stat.S_IMODE(os.stat('f').st_mode)), stat.filemode(os.stat('f').st_mode))
os.chmod('f', 0o755)
print(stat.filemode(os.stat('f').st_mode), os.access('f', os.X_OK))
os.link('f', 'g')
print(os.stat('f').st_nlink, os.path.samefile('f', 'g'), os.stat('g').st_size)
os.mknod('h', 0o600 | stat.S_IFREG)
print(sorted(os.listdir()), [os.path.getsize(n) for n in sorted(os.listdir())])
u = os.uname()
print(u.sysname, u[0] == u.sysname, len(u), u.machine == u[4], type(u).__name__)
print(os.isatty(-1), os.isatty(12345))
print(os.system('true'), os.system('exit 3') >> 8, os.system('test -f g') == 0)
os.kill(os.getpid(), 0)

def attempt(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: os.mknod('f'))
attempt(lambda: os.truncate('nope', 3))
attempt(lambda: os.truncate('f', -1))
attempt(lambda: os.utime('nope'))
attempt(lambda: os.utime('f', (1, 2), ns=(1, 2)))
attempt(lambda: os.utime('f', (1,)))
attempt(lambda: os.utime('f', ns=5))
attempt(lambda: os.chmod('nope', 0o600))
attempt(lambda: os.link('nope', 'x'))
attempt(lambda: os.link('f', 'g'))
attempt(lambda: os.kill(2**22 + 12345, 0))
attempt(lambda: os.system(5))

os.chdir(base)
for name in os.listdir(tmp):
    os.remove(os.path.join(tmp, name))
os.rmdir(tmp)
print(os.path.exists(tmp))
