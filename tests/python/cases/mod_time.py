# time: struct_time, gmtime/localtime, strftime/asctime/mktime, clocks and
# sleep (only deterministic facts printed), and CPython's errors
import time
t = time.gmtime(0)
print(t)
print(t.tm_year, t[0], t[-1], t[1:3], len(t), list(t), tuple(t), t.tm_zone, t.tm_gmtoff)
print(time.gmtime(1700000000.9), time.gmtime(-1), time.gmtime(86400 * 365 * 30 + 12345))
print(t == (1970, 1, 1, 0, 0, 0, 3, 1, 0), t == time.gmtime(0.5), t != time.gmtime(1))
print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %w %%', (2024, 2, 29, 13, 5, 9, 3, 60, 0)))
print(time.strftime('%Y %j', time.gmtime(10**9)), repr(time.strftime('', t)))
print(time.asctime(t), time.asctime((2024, 12, 5, 1, 2, 3, 3, 340, 0)), time.asctime(time.gmtime(10**9)))
print(time.strftime('%y %d %e', (1999, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.gmtime(2**31), time.gmtime(-2**31))
print(time.mktime(time.localtime(1234567890)), type(time.time()).__name__, type(time.time_ns()).__name__)
a = time.monotonic(); b = time.monotonic(); print(b >= a)
a = time.perf_counter_ns(); b = time.perf_counter_ns(); print(b >= a)
a = time.monotonic(); time.sleep(0.01); print(time.monotonic() - a >= 0.01)
time.sleep(0)
print(time.process_time() >= 0, time.thread_time() >= 0, time.time() > 1.7e9)
print(isinstance(time.timezone, int), isinstance(time.tzname, tuple), time.daylight in (0, 1))
print(time.ctime(0) == time.asctime(time.localtime(0)))
print(time.struct_time((2000, 1, 2, 3, 4, 5, 6, 7, 0)), time.struct_time(range(11)).tm_gmtoff)
def set_year():
    t.tm_year = 5
print(time.strftime('%Z %z', time.gmtime(0)), time.strftime('%Z', time.localtime(0)) == time.tzname[time.localtime(0).tm_isdst])
print(time.localtime(0).tm_zone == time.strftime('%Z', time.localtime(0)), time.strftime('%H', time.localtime(3600 * 5)) == '%02d' % time.localtime(3600 * 5).tm_hour)
for bad in [lambda: time.gmtime('x'), lambda: time.gmtime(float('nan')), lambda: time.gmtime(1e30), lambda: time.gmtime(2**70),
            lambda: time.sleep(-1), lambda: time.sleep('1'), lambda: time.sleep(float('nan')),
            lambda: time.strftime('%Y', (1, 2)), lambda: time.strftime('%Y', [1]*9), lambda: time.strftime(5),
            lambda: time.strftime('%Y', (2000, 13, 1, 0, 0, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2000, 1, 32, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime('%Y', (2000, 1, 1, 24, 0, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2000, 1, 1, 0, 60, 0, 0, 1, 0)),
            lambda: time.strftime('%Y', (2000, 1, 1, 0, 0, 62, 0, 1, 0)), lambda: time.strftime('%Y', (2000, 1, 1, 0, 0, 0, -2, 1, 0)),
            lambda: time.strftime('%Y', (2000, 1, 1, 0, 0, 0, 0, 367, 0)), lambda: time.strftime('%Y', (2000.0, 1, 1, 0, 0, 0, 0, 1, 0)),
            lambda: time.strftime('a\0b', t), lambda: time.asctime((2000, 1, 0, 0, 0, 0, 0, 1, 0)), lambda: time.asctime(5),
            lambda: time.struct_time((1, 2)), lambda: time.struct_time(range(12)), set_year,
            lambda: time.mktime((1, 2, 3)), lambda: time.gmtime(1, 2), lambda: time.ctime(1,2), lambda: time.asctime(1,2), lambda: time.strftime("",1,2), lambda: time.localtime(1,2), lambda: time.asctime((1,2)), lambda: time.asctime((2000, 0, 0, 0, 0, 0, 0, 0, 0)), lambda: time.mktime(5), lambda: time.sleep(), lambda: time.time(1), lambda: time.strftime("%Y %m %d %j", (2000, 0, 0, 0, 0, 0, 0, 0, 0)), lambda: time.asctime((2000, 1, 1, 0, 0, 0, 0, 1, 5))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
# %Z and %z of a plain tuple (no zone: tzname[isdst] and +0000) and of a
# struct_time (its own zone and offset)
print(repr(time.strftime('%Z %z', (2000, 1, 1, 0, 0, 0, 0, 1, 0))), repr(time.strftime('%Z %z', (2000, 7, 1, 0, 0, 0, 0, 1, 1))),
      repr(time.strftime('%Z %z', (2000, 7, 1, 0, 0, 0, 0, 1, -1))), repr(time.strftime('%Z %z', time.gmtime(0))),
      time.strftime('%Z|%z', time.localtime(10**9)) == time.strftime('%Z|%z', time.localtime(10**9)))
# struct_time rebuilt from __reduce__'s (sequence, dict)
f, a = time.gmtime(5).__reduce__()
u = f(*a)
print(u == time.gmtime(5), u.tm_zone, u.tm_gmtoff, time.struct_time(range(9)).tm_zone, u[5], u[-4:])
