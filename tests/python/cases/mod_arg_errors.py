# time, os, random: CPython's messages for wrong argument counts and keywords
import time, os, random
for f in [lambda: time.sleep(secs=1), lambda: time.gmtime(secs=1), lambda: time.time(x=1), lambda: time.strftime(format='%Y'),
          lambda: time.mktime(t=5), lambda: os.getcwd(x=1), lambda: os.strerror(code=2), lambda: os.listdir(path='/nonexistent_dir_x'),
          lambda: os.mkdir(path='/nonexistent_dir_x/y', mode=0o700), lambda: random.getrandbits(k=3), lambda: random.random(1),
          lambda: random.seed(1, 2, 3), lambda: os.umask('x'), lambda: os.putenv('A'), lambda: os.unsetenv(),
          lambda: os.stat('/', follow_symlinks=False).st_mode > 0, lambda: os.stat('/', dir_fd=None).st_size >= 0,
          lambda: os.lstat('/', follow_symlinks=True), lambda: time.localtime(None).tm_year > 2000, lambda: time.gmtime(-1e20)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
for f in [lambda: time.asctime(t=1), lambda: time.ctime(secs=1), lambda: time.localtime(secs=1), lambda: time.mktime(),
          lambda: time.mktime(1, 2), lambda: os.strerror(), lambda: os.strerror(1, 2), lambda: os.umask(), lambda: os.umask(mask=2),
          lambda: os.putenv(), lambda: os.putenv('a', 'b', 'c'), lambda: os.putenv(key='a', value='b'), lambda: os.unsetenv('a', 'b'),
          lambda: os.unsetenv(key='a'), lambda: random.getrandbits(), lambda: random.getrandbits(1, 2), lambda: time.sleep(1, 2),
          lambda: time.strftime(), lambda: os._exit(), lambda: os._exit('x'), lambda: time.tzset(1),
          lambda: random.Random().getstate(1), lambda: random.setstate()]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
