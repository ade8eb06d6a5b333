"""time -- clocks, sleeping, and broken-down times.

The clocks, sleep() and the calls into the C library live in the C
module _time (interp/modules/timemodule.c); this half adds struct_time
and the argument handling around it.  struct_time is a class of its own
here, not a tuple subclass (pystm cannot subclass tuple yet): it indexes,
slices, iterates, compares and prints like CPython's.
"""

import _time

time = _time.time
time_ns = _time.time_ns
monotonic = _time.monotonic
monotonic_ns = _time.monotonic_ns
perf_counter = _time.perf_counter
perf_counter_ns = _time.perf_counter_ns
process_time = _time.process_time
process_time_ns = _time.process_time_ns
thread_time = _time.thread_time
thread_time_ns = _time.thread_time_ns
sleep = _time.sleep
clock_gettime = _time.clock_gettime
clock_gettime_ns = _time.clock_gettime_ns
clock_getres = _time.clock_getres
CLOCK_REALTIME = _time.CLOCK_REALTIME
CLOCK_MONOTONIC = _time.CLOCK_MONOTONIC
CLOCK_PROCESS_CPUTIME_ID = _time.CLOCK_PROCESS_CPUTIME_ID
CLOCK_THREAD_CPUTIME_ID = _time.CLOCK_THREAD_CPUTIME_ID
CLOCK_MONOTONIC_RAW = _time.CLOCK_MONOTONIC_RAW
CLOCK_BOOTTIME = _time.CLOCK_BOOTTIME
CLOCK_TAI = _time.CLOCK_TAI
timezone = _time.timezone
altzone = _time.altzone
daylight = _time.daylight
tzname = _time.tzname

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')


class struct_time:
    """The time value as returned by gmtime(), localtime(), and strptime()"""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __init__(self, sequence, dict=None):
        items = tuple(sequence)
        if len(items) < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence '
                            '(%d-sequence given)' % len(items))
        if len(items) > 11:
            raise TypeError('time.struct_time() takes an at most 11-sequence '
                            '(%d-sequence given)' % len(items))
        extra = items[9:] + (None, None)
        if dict and len(items) == 9:
            extra = (dict.get('tm_zone'), dict.get('tm_gmtoff'))
        object.__setattr__(self, '_items', items[:9])
        object.__setattr__(self, 'tm_zone', extra[0])
        object.__setattr__(self, 'tm_gmtoff', extra[1])

    def __setattr__(self, name, value):
        raise AttributeError('readonly attribute')

    tm_year = property(lambda self: self._items[0])
    tm_mon = property(lambda self: self._items[1])
    tm_mday = property(lambda self: self._items[2])
    tm_hour = property(lambda self: self._items[3])
    tm_min = property(lambda self: self._items[4])
    tm_sec = property(lambda self: self._items[5])
    tm_wday = property(lambda self: self._items[6])
    tm_yday = property(lambda self: self._items[7])
    tm_isdst = property(lambda self: self._items[8])

    def __repr__(self):
        fields = ', '.join('%s=%r' % (name, value)
                           for name, value in zip(_FIELDS, self._items))
        return 'time.struct_time(' + fields + ')'

    def __len__(self):
        return 9

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, value):
        return value in self._items

    def __hash__(self):
        return hash(self._items)

    def _other(self, other):
        if isinstance(other, struct_time):
            return other._items
        return other

    def __eq__(self, other):
        return self._items == self._other(other)

    def __ne__(self, other):
        return self._items != self._other(other)

    def __lt__(self, other):
        return self._items < self._other(other)

    def __le__(self, other):
        return self._items <= self._other(other)

    def __gt__(self, other):
        return self._items > self._other(other)

    def __ge__(self, other):
        return self._items >= self._other(other)

    def __add__(self, other):
        return self._items + self._other(other)

    def __reduce__(self):
        return (struct_time, (self._items, {'tm_zone': self.tm_zone,
                                            'tm_gmtoff': self.tm_gmtoff}))

    def count(self, value):
        return self._items.count(value)

    def index(self, value, *args):
        return self._items.index(value, *args)


def _fields_of(name, t):
    """a struct_time or 9-tuple argument: the 9 fields, zone, gmtoff"""
    if isinstance(t, struct_time):
        return t._items, t.tm_zone, t.tm_gmtoff
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError('%s(): illegal time tuple argument' % name)
    return t, None, None


def _no_keywords(name, kwargs):
    if kwargs:
        raise TypeError('%s() takes no keyword arguments' % name)


def _check_seconds(name, secs, kwargs):
    _no_keywords(name, kwargs)
    if len(secs) > 1:
        raise TypeError('%s() takes at most 1 argument (%d given)'
                        % (name, len(secs)))


def gmtime(*secs, **kwargs):
    _check_seconds('gmtime', secs, kwargs)
    return struct_time(_time.gmtime(*secs))


def localtime(*secs, **kwargs):
    _check_seconds('localtime', secs, kwargs)
    return struct_time(_time.localtime(*secs))


def mktime(*t, **kwargs):
    _no_keywords('time.mktime', kwargs)
    if len(t) != 1:
        raise TypeError('time.mktime() takes exactly one argument (%d given)'
                        % len(t))
    fields, zone, gmtoff = _fields_of('mktime', t[0])
    return _time.mktime(fields)


def strftime(*args, **kwargs):
    _no_keywords('strftime', kwargs)
    if not args:
        raise TypeError('strftime() takes at least 1 argument (0 given)')
    format, t = args[0], args[1:]
    if len(t) > 1:
        raise TypeError('strftime() takes at most 2 arguments (%d given)'
                        % (len(t) + 1))
    if not isinstance(format, str):
        raise TypeError('strftime() argument 1 must be str, not %s'
                        % type(format).__name__)
    if t:
        fields, zone, gmtoff = _fields_of('strftime', t[0])
    else:
        now = localtime()
        fields, zone, gmtoff = now._items, now.tm_zone, now.tm_gmtoff
    return _time.strftime(format, fields, zone, gmtoff)


_DAY_NAMES = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTH_NAMES = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug',
                'Sep', 'Oct', 'Nov', 'Dec')


def asctime(*t, **kwargs):
    _no_keywords('asctime', kwargs)
    if len(t) > 1:
        raise TypeError('asctime expected at most 1 argument, got %d'
                        % len(t))
    fields = _fields_of('asctime', t[0])[0] if t else localtime()._items
    fields = _time.checktm(fields)
    year, mon, mday, hour, minute, sec, wday = fields[:7]
    return '%s %s%3d %.2d:%.2d:%.2d %d' % (
        _DAY_NAMES[wday % 7], _MONTH_NAMES[mon - 1], mday, hour, minute,
        sec, year)


def ctime(*secs, **kwargs):
    _check_seconds('ctime', secs, kwargs)
    return asctime(localtime(*secs))


tzset = _time.tzset


class _ClockInfo:
    """what get_clock_info() returns (CPython's is a SimpleNamespace)"""

    def __init__(self, implementation, monotonic, adjustable, resolution):
        self.implementation = implementation
        self.monotonic = monotonic
        self.adjustable = adjustable
        self.resolution = resolution

    def __repr__(self):
        return ('namespace(implementation=%r, monotonic=%r, adjustable=%r, '
                'resolution=%r)' % (self.implementation, self.monotonic,
                                    self.adjustable, self.resolution))


_CLOCKS = {
    'time': ('CLOCK_REALTIME', False, True),
    'monotonic': ('CLOCK_MONOTONIC', True, False),
    'perf_counter': ('CLOCK_MONOTONIC', True, False),
    'process_time': ('CLOCK_PROCESS_CPUTIME_ID', True, False),
    'thread_time': ('CLOCK_THREAD_CPUTIME_ID', True, False),
}


def get_clock_info(name):
    if not isinstance(name, str):
        raise TypeError('get_clock_info() argument 1 must be str, not %s'
                        % type(name).__name__)
    if name not in _CLOCKS:
        raise ValueError('unknown clock')
    clock, monotonic, adjustable = _CLOCKS[name]
    return _ClockInfo('clock_gettime(%s)' % clock, monotonic, adjustable,
                      clock_getres(globals()[clock]))
