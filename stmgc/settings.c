/* settings.c -- the STMGC_* environment variables both builds read, with
 * a clear fatal error for a malformed value. */
#include "shared.h"

size_t stm_env_size(const char *name, size_t dflt, size_t min, size_t max)
{
    const char *s = getenv(name);
    if (s == NULL || *s == 0)
        return dflt;
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end == 'k' || *end == 'K')
        v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
        v <<= 20, end++;
    else if (*end == 'g' || *end == 'G')
        v <<= 30, end++;
    if (*end != 0 || v < min || v > max)
        stm_fatal("invalid value for %s: '%s' (expected %zu..%zu bytes, "
                  "optionally with a K, M or G suffix)",
                  name, s, min, max);
    return (size_t)v;
}

bool stm_poison_nursery;

bool stm_env_flag(const char *name)
{
    const char *s = getenv(name);
    return s != NULL && *s != 0 && *s != '0';
}

/* A major collection runs when the heap exceeds max(minimum, growth x the
   live size after the previous one). */
void stm_major_gc_settings(size_t *minimum, double *growth)
{
    *minimum =
        stm_env_size("STMGC_MAJOR_MIN", 64UL << 20, 1UL << 20, 1UL << 40);
    const char *s = getenv("STMGC_MAJOR_GROWTH");
    double g = 2.0;
    if (s != NULL && *s) {
        char *end;
        g = strtod(s, &end);
        if (*end != 0 || g < 1.1 || g > 100)
            stm_fatal("invalid value for STMGC_MAJOR_GROWTH: '%s' (expected "
                      "a number from 1.1 to 100)",
                      s);
    }
    *growth = g;
}
