/* timemodule.c -- _time: the C half of the time module (the Python half,
 * with struct_time, is interp/lib/time.py).
 *
 * Clocks are clock_gettime's: time() the realtime clock, monotonic() and
 * perf_counter() the monotonic one (as CPython on Linux), process_time()
 * and thread_time() the CPU clocks.  Broken-down times cross into Python
 * as plain tuples in struct_time's order, with Monday as day 0 and
 * January 1st as day 1 of the year; time.py wraps them.  sleep() makes
 * the running transaction inevitable first: an abort must not replay a
 * sleep (nor, worse, let another thread's work be undone after it).
 */
#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/oserror.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "modules.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ clocks */

static pyval clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return pyfloat_from_double((double)ts.tv_sec + ts.tv_nsec * 1e-9);
}

static pyval clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return pyint_from_int64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCK_FUNCTIONS(NAME, CLOCK)                                           \
    static pyval time_##NAME(pyval self, const pyval *args, size_t nargs,      \
                             PyObj *kwnames)                                   \
    {                                                                          \
        if (pyarg_no_keywords("time." #NAME, kwnames) < 0 ||                   \
            pyarg_count("time." #NAME, nargs, 0, 0) < 0)                       \
            return 0;                                                          \
        return clock_seconds(CLOCK);                                           \
    }                                                                          \
    static pyval time_##NAME##_ns(pyval self, const pyval *args, size_t nargs, \
                                  PyObj *kwnames)                              \
    {                                                                          \
        if (pyarg_no_keywords("time." #NAME "_ns", kwnames) < 0 ||             \
            pyarg_count("time." #NAME "_ns", nargs, 0, 0) < 0)                 \
            return 0;                                                          \
        return clock_ns(CLOCK);                                                \
    }
CLOCK_FUNCTIONS(time, CLOCK_REALTIME)
CLOCK_FUNCTIONS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCTIONS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCTIONS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCTIONS(thread_time, CLOCK_THREAD_CPUTIME_ID)

/* a clock id argument (any int) */
static int clock_arg(const char *name, const pyval *args, size_t nargs,
                     PyObj *kwnames, clockid_t *out)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return -1;
    pyval v = pynum_index(args[0]);
    int64_t id;
    if (v == 0 || pyint_as_int64(v, &id) < 0)
        return -1;
    *out = (clockid_t)id;
    return 0;
}

static pyval time_clock_gettime(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    clockid_t clock;
    struct timespec ts;
    if (clock_arg("time.clock_gettime", args, nargs, kwnames, &clock) < 0)
        return 0;
    if (clock_gettime(clock, &ts) < 0)
        return pyerr_from_errno(errno, 0);
    return pyfloat_from_double((double)ts.tv_sec + ts.tv_nsec * 1e-9);
}

static pyval time_clock_gettime_ns(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    clockid_t clock;
    struct timespec ts;
    if (clock_arg("time.clock_gettime_ns", args, nargs, kwnames, &clock) < 0)
        return 0;
    if (clock_gettime(clock, &ts) < 0)
        return pyerr_from_errno(errno, 0);
    return pyint_from_int64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

static pyval time_clock_getres(pyval self, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    clockid_t clock;
    struct timespec ts;
    if (clock_arg("time.clock_getres", args, nargs, kwnames, &clock) < 0)
        return 0;
    if (clock_getres(clock, &ts) < 0)
        return pyerr_from_errno(errno, 0);
    return pyfloat_from_double((double)ts.tv_sec + ts.tv_nsec * 1e-9);
}

/* ------------------------------------------------------------ sleep */

/* seconds as a double: an int or a float, CPython's errors else */
static int seconds_arg(pyval v, double *out)
{
    if (pyfloat_check(v)) {
        *out = pyfloat_value(v);
        if (isnan(*out)) {
            pyerr_format(pyexc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        return 0;
    }
    if (!pyint_check(v)) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", v);
        return -1;
    }
    if (pyint_to_double(pyint_value(v), out) < 0) {
        pyerr_clear();
        pyerr_format(pyexc_OverflowError,
                     "timestamp too large to convert to C _PyTime_t");
        return -1;
    }
    return 0;
}

static pyval time_sleep(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("time.sleep", kwnames) < 0 ||
        pyarg_count("time.sleep", nargs, 1, 1) < 0)
        return 0;
    double secs;
    if (seconds_arg(args[0], &secs) < 0)
        return 0;
    if (secs < 0)
        return pyerr_format(pyexc_ValueError,
                            "sleep length must be non-negative");
    if (secs > 9.2e9)
        return pyerr_format(pyexc_OverflowError,
                            "timestamp too large to convert to C _PyTime_t");
    stm_become_inevitable(&pyrt_tl, "time.sleep");
    /* to an absolute deadline, so a signal does not stretch the sleep */
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    double whole = floor(secs);
    deadline.tv_sec += (time_t)whole;
    deadline.tv_nsec += (long)((secs - whole) * 1e9);
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) ==
           EINTR)
        ;
    return py_None;
}

/* ------------------------------------------------------------ broken-down */

/* a timestamp argument as time_t: None is now, floats round down */
static int timestamp_arg(const pyval *args, size_t nargs, time_t *out)
{
    if (nargs == 0 || args[0] == py_None) {
        *out = time(NULL);
        return 0;
    }
    pyval v = args[0];
    if (pyfloat_check(v)) {
        double d = pyfloat_value(v);
        if (isnan(d)) {
            pyerr_format(pyexc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        d = floor(d);
        if (!(d >= -9.2e18 && d <= 9.2e18)) {
            pyerr_format(pyexc_OverflowError,
                         "timestamp out of range for platform time_t");
            return -1;
        }
        *out = (time_t)d;
        return 0;
    }
    if (!pyint_check(v)) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", v);
        return -1;
    }
    int64_t i;
    if (pyint_as_int64(pyint_value(v), &i) < 0) {
        pyerr_clear();
        pyerr_format(pyexc_OverflowError,
                     "timestamp out of range for platform time_t");
        return -1;
    }
    *out = (time_t)i;
    return 0;
}

/* (year, mon, mday, hour, min, sec, wday, yday, isdst, zone, gmtoff) */
static pyval tuple_of_tm(const struct tm *tm)
{
    pyval zone = pystr_from_cstr(tm->tm_zone ? tm->tm_zone : "");
    if (zone == 0)
        return 0;
    PY_PUSHV(zone);
    pyval t = pytuple_new(11);
    PY_POPV(zone);
    if (t == 0)
        return 0;
    int64_t fields[9] = {(int64_t)tm->tm_year + 1900,
                         tm->tm_mon + 1,
                         tm->tm_mday,
                         tm->tm_hour,
                         tm->tm_min,
                         tm->tm_sec,
                         (tm->tm_wday + 6) % 7,
                         tm->tm_yday + 1,
                         tm->tm_isdst};
    for (int i = 0; i < 9; i++)
        pytuple_init_item(t, i, pyval_from_int(fields[i]));
    pytuple_init_item(t, 9, zone);
    pytuple_init_item(t, 10, pyval_from_int(tm->tm_gmtoff));
    return t;
}

static pyval broken_down(const pyval *args, size_t nargs, const char *name,
                         bool local)
{
    if (pyarg_count(name, nargs, 0, 1) < 0)
        return 0;
    time_t when;
    if (timestamp_arg(args, nargs, &when) < 0)
        return 0;
    struct tm tm;
    errno = 0;
    if ((local ? localtime_r(&when, &tm) : gmtime_r(&when, &tm)) == NULL) {
        if (errno == 0 || errno == EOVERFLOW)
            return pyerr_format(pyexc_OverflowError,
                                "timestamp out of range for platform time_t");
        return pyerr_format(pyexc_OSError, "%s", strerror(errno));
    }
    return tuple_of_tm(&tm);
}

static pyval time_gmtime(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return broken_down(args, nargs, "gmtime", false);
}

static pyval time_localtime(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return broken_down(args, nargs, "localtime", true);
}

/* a 9-tuple (time.py checked its size) into a struct tm, as CPython's
   gettmarg: month and day of year from 0, Sunday as day 0 */
static int tm_of_tuple(pyval t, struct tm *tm)
{
    int fields[9];
    for (int i = 0; i < 9; i++) {
        pyval v = pytuple_get(t, i);
        if (!pyint_check(v)) {
            pyerr_format(pyexc_TypeError,
                         "'%T' object cannot be interpreted as an integer", v);
            return -1;
        }
        int64_t x;
        if (pyint_as_int64(pyint_value(v), &x) < 0)
            return -1;
        if (x > INT32_MAX || x < INT32_MIN) {
            pyerr_format(pyexc_OverflowError, "signed integer is %s",
                         x > 0 ? "greater than maximum" : "less than minimum");
            return -1;
        }
        fields[i] = (int)x;
    }
    memset(tm, 0, sizeof(*tm));
    tm->tm_year = fields[0] - 1900;
    tm->tm_mon = fields[1] - 1;
    tm->tm_mday = fields[2];
    tm->tm_hour = fields[3];
    tm->tm_min = fields[4];
    tm->tm_sec = fields[5];
    tm->tm_wday = (fields[6] + 1) % 7;
    tm->tm_yday = fields[7] - 1;
    tm->tm_isdst = fields[8];
    return 0;
}

static pyval time_mktime(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_count("time.mktime", nargs, 1, 1) < 0)
        return 0;
    struct tm tm;
    if (tm_of_tuple(args[0], &tm) < 0)
        return 0;
    /* -1 is also a valid result: tm_wday tells an error apart */
    tm.tm_wday = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1 && tm.tm_wday == -1)
        return pyerr_format(pyexc_OverflowError,
                            "mktime argument out of range");
    return pyfloat_from_double((double)t);
}

/* CPython's range checks (after strftime's zero adjustments) */
static int check_tm(struct tm *tm, bool for_strftime)
{
    const char *what = NULL;
    if (for_strftime) {
        if (tm->tm_mon == -1)
            tm->tm_mon = 0;
        if (tm->tm_mday == 0)
            tm->tm_mday = 1;
        if (tm->tm_yday == -1)
            tm->tm_yday = 0;
        if (tm->tm_isdst < -1)
            tm->tm_isdst = -1;
        else if (tm->tm_isdst > 1)
            tm->tm_isdst = 1;
    }
    if (tm->tm_mon < 0 || tm->tm_mon > 11)
        what = "month out of range";
    else if (tm->tm_mday < 1 || tm->tm_mday > 31)
        what = "day of month out of range";
    else if (tm->tm_hour < 0 || tm->tm_hour > 23)
        what = "hour out of range";
    else if (tm->tm_min < 0 || tm->tm_min > 59)
        what = "minute out of range";
    else if (tm->tm_sec < 0 || tm->tm_sec > 61)
        what = "seconds out of range";
    else if (tm->tm_wday < 0)
        what = "day of week out of range";
    else if (tm->tm_yday < 0 || tm->tm_yday > 365)
        what = "day of year out of range";
    if (what == NULL)
        return 0;
    pyerr_format(pyexc_ValueError, "%s", what);
    return -1;
}

/* _strftime(format, tuple, zone, gmtoff): zone and gmtoff come from a
   struct_time (None for a plain tuple) */
static pyval time_strftime(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_count("strftime", nargs, 4, 4) < 0)
        return 0;
    pyval format = args[0];
    if (!pyval_is_obj(format) || pyval_obj(format)->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "strftime() argument 1 must be str, not %T",
                            format);
    struct tm tm;
    if (tm_of_tuple(args[1], &tm) < 0 || check_tm(&tm, true) < 0)
        return 0;
    /* a struct_time's zone and offset; a plain tuple has none (glibc
       then takes %Z from tzname[tm_isdst], and %z is +0000) */
    char zone[64] = "";
    if (pyval_is_obj(args[2]) && pyval_obj(args[2])->layout == PYL_STR) {
        snprintf(zone, sizeof(zone), "%s", pystr_utf8(args[2]));
        tm.tm_zone = zone;
    }
    if (pyint_check(args[3])) {
        int64_t off;
        if (pyint_as_int64(pyint_value(args[3]), &off) == 0)
            tm.tm_gmtoff = off;
        else
            pyerr_clear();
    }
    size_t fmtlen = (size_t)pystr_nbytes(format);
    if (memchr(pystr_utf8(format), 0, fmtlen) != NULL)
        return pyerr_format(pyexc_ValueError, "embedded null character");
    char *fmt = malloc(fmtlen + 1);
    if (fmt == NULL)
        return pyerr_no_memory();
    memcpy(fmt, pystr_utf8(format), fmtlen + 1);
    /* an empty result may be a buffer too small: grow up to 256 times
       the format's length, then accept it (as CPython does) */
    size_t cap = 1024;
    for (;;) {
        char *out = malloc(cap);
        if (out == NULL) {
            free(fmt);
            return pyerr_no_memory();
        }
        size_t n = strftime(out, cap, fmt, &tm);
        if (n > 0 || cap >= 256 * fmtlen) {
            pyval r = pystr_from_utf8(out, n);
            free(out);
            free(fmt);
            return r;
        }
        free(out);
        cap *= 2;
    }
}

/* asctime()'s checks: the fields after strftime's zero adjustments */
static pyval time_checktm(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_count("checktm", nargs, 1, 1) < 0)
        return 0;
    struct tm tm;
    if (tm_of_tuple(args[0], &tm) < 0 || check_tm(&tm, true) < 0)
        return 0;
    pyval t = pytuple_new(9);
    if (t == 0)
        return 0;
    int64_t fields[9] = {(int64_t)tm.tm_year + 1900,
                         tm.tm_mon + 1,
                         tm.tm_mday,
                         tm.tm_hour,
                         tm.tm_min,
                         tm.tm_sec,
                         (tm.tm_wday + 6) % 7,
                         tm.tm_yday + 1,
                         tm.tm_isdst};
    for (int i = 0; i < 9; i++)
        pytuple_init_item(t, i, pyval_from_int(fields[i]));
    return t;
}

static pyval time_tzset(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_count("time.tzset", nargs, 0, 0) < 0)
        return 0;
    tzset();
    return py_None;
}

static const struct pymethod_def time_functions[] = {
    {"time", time_time, 0, NULL},
    {"time_ns", time_time_ns, 0, NULL},
    {"monotonic", time_monotonic, 0, NULL},
    {"monotonic_ns", time_monotonic_ns, 0, NULL},
    {"perf_counter", time_perf_counter, 0, NULL},
    {"perf_counter_ns", time_perf_counter_ns, 0, NULL},
    {"process_time", time_process_time, 0, NULL},
    {"process_time_ns", time_process_time_ns, 0, NULL},
    {"thread_time", time_thread_time, 0, NULL},
    {"thread_time_ns", time_thread_time_ns, 0, NULL},
    {"sleep", time_sleep, 0, NULL},
    {"clock_gettime", time_clock_gettime, 0, NULL},
    {"clock_gettime_ns", time_clock_gettime_ns, 0, NULL},
    {"clock_getres", time_clock_getres, 0, NULL},
    {"gmtime", time_gmtime, 0, NULL},
    {"localtime", time_localtime, 0, NULL},
    {"mktime", time_mktime, 0, NULL},
    {"strftime", time_strftime, 0, NULL},
    {"checktm", time_checktm, 0, NULL},
    {"tzset", time_tzset, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* the zone of a local time: its UTC offset west, and its name */
static void zone_at(time_t t, long *west, char *name, size_t size)
{
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL) {
        *west = 0;
        snprintf(name, size, "UTC");
        return;
    }
    *west = -tm.tm_gmtoff;
    snprintf(name, size, "%s", tm.tm_zone ? tm.tm_zone : "");
}

/* timezone, altzone, daylight, tzname from January and July of this
   year, as CPython does (the zone in effect in winter is 'standard';
   south of the equator, that is July's) */
static int add_zone_info(pyval *dictp)
{
    tzset();
    const time_t year = 365 * 24 * 3600;
    time_t jan = time(NULL) / year * year;
    long jan_west, jul_west;
    char jan_name[64], jul_name[64];
    zone_at(jan, &jan_west, jan_name, sizeof(jan_name));
    zone_at(jan + year / 2, &jul_west, jul_name, sizeof(jul_name));
    bool southern = jan_west < jul_west;
    long standard = southern ? jul_west : jan_west;
    long summer = southern ? jan_west : jul_west;
    if (pymodule_add(dictp, "timezone", pyval_from_int(standard)) < 0 ||
        pymodule_add(dictp, "altzone", pyval_from_int(summer)) < 0 ||
        pymodule_add(dictp, "daylight", pyval_from_int(jan_west != jul_west)) <
            0)
        return -1;
    pyval first = pystr_from_cstr(southern ? jul_name : jan_name);
    if (first == 0)
        return -1;
    PY_PUSHV(first);
    pyval second = pystr_from_cstr(southern ? jan_name : jul_name);
    PY_POPV(first);
    if (second == 0)
        return -1;
    pyval names = pytuple_pack(2, first, second);
    if (names == 0 || pymodule_add(dictp, "tzname", names) < 0)
        return -1;
    return 0;
}

int pymod_time_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = time_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    struct {
        const char *name;
        int value;
    } clocks[] = {{"CLOCK_REALTIME", CLOCK_REALTIME},
                  {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
                  {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
                  {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
                  {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
                  {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
                  {"CLOCK_TAI", CLOCK_TAI}};
    for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        if (pymodule_add(dictp, clocks[i].name,
                         pyval_from_int(clocks[i].value)) < 0)
            return -1;
    }
    return add_zone_info(dictp);
}
