# time: clock_gettime/clock_getres, the CLOCK_ constants, get_clock_info
import time
for n in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    print(time.get_clock_info(n))
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID,
      time.CLOCK_BOOTTIME, time.CLOCK_MONOTONIC_RAW, time.CLOCK_TAI)
print(time.clock_getres(time.CLOCK_REALTIME), type(time.clock_gettime(0)).__name__, type(time.clock_gettime_ns(0)).__name__)
a = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
b = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
print(b >= a, abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 5)
for f in [lambda: time.get_clock_info('x'), lambda: time.clock_gettime(99), lambda: time.clock_gettime('a'),
          lambda: time.clock_getres(99), lambda: time.get_clock_info(5)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
i = time.get_clock_info('time')
print(i.implementation, i.adjustable, i.monotonic, i.resolution)
