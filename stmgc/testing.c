/* testing.c -- introspection for the test suite (built with STM_TESTS).
 *
 * _stm_test_switch() makes one OS thread act as several: all the state of
 * a transaction hangs off its segment, and the segment is found through
 * %gs, so switching %gs switches transactions. */
#include "core.h"
#include "gcpage.h"

#ifdef STM_TESTS

void _stm_test_switch(stm_thread_local_t *tl)
{
    int num = tl->associated_segment_num;
    stm_test_active_tl = tl;
    set_gs_to_segment(num > 0 ? num : 0);
}

bool _stm_in_transaction(stm_thread_local_t *tl)
{
    int num = tl->associated_segment_num;
    return num > 0 && get_segment(num)->state != TS_NONE;
}

bool _stm_was_read(object_t *obj)
{
    return *read_marker_in(STM_SEGMENT->segment_base, (uintptr_t)obj) ==
           STM_SEGMENT->transaction_read_version;
}

bool _stm_was_written(object_t *obj)
{
    struct object_s *h = (struct object_s *)_stm_real_address(obj);
    return !(h->stm_flags & GCFLAG_WRITE_BARRIER);
}

bool _stm_in_nursery(object_t *obj)
{
    return in_nursery((uintptr_t)obj);
}

char *_stm_get_segment_base(long index)
{
    return get_segment(index)->base;
}

long _stm_count_modified_old_objects(void)
{
    return (long)current_segment()->modified_old.count;
}

object_t *_stm_enum_modified_old_objects(long index)
{
    return (object_t *)current_segment()->modified_old.items[index];
}

long _stm_count_young_outside_nursery(void)
{
    return (long)current_segment()->young_outside.count;
}

bool _stm_is_private_page(long segment_num, uintptr_t pagenum)
{
    uintptr_t page = pagenum * PAGE_SIZE;
    if (!in_old_area(page))
        return false;
    return (atomic_load(cow_mask_of_page(page)) >> (segment_num - 1)) & 1;
}

long _stm_count_private_pages(long segment_num)
{
    return count_private_pages((int)segment_num);
}

long _stm_count_log_entries(void)
{
    return log_count_entries();
}

uint64_t _stm_total_allocated(void)
{
    return gcpage_bytes_in_use();
}

bool _stm_is_live_old_object(object_t *obj)
{
    return in_old_area((uintptr_t)obj) && gcpage_is_allocated((uintptr_t)obj);
}

/* The invariant pages.c relies on: a segment's view of an old page is a
   private copy only if the segment's bit is set in that page's mask
   (otherwise new objects published there would never reach the view).
   Reads /proc/self/pagemap: bit 61 of an entry is clear for an anonymous
   page, i.e. a copy-on-write copy.  Call it while nothing else runs.
   Returns the number of offending pages (0 if pagemap is unreadable). */
long _stm_count_unmarked_private_pages(void)
{
    FILE *f = fopen("/proc/self/pagemap", "rb");
    if (f == NULL)
        return 0;
    uintptr_t end = gcpage_high_water();
    long bad = 0;
    for (int num = 1; num <= NB_SEGMENTS; num++) {
        uint64_t bit = 1ULL << (num - 1);
        char *base = get_segment(num)->base;
        for (uintptr_t page = OLD_START; page < end; page += PAGE_SIZE) {
            uint64_t entry;
            uintptr_t vpage = (uintptr_t)(base + page) / PAGE_SIZE;
            if (fseek(f, (long)(vpage * sizeof(entry)), SEEK_SET) != 0 ||
                fread(&entry, sizeof(entry), 1, f) != 1)
                break;
            bool present = (entry >> 63) & 1,
                 file_or_shared = (entry >> 61) & 1;
            if (present && !file_or_shared &&
                !(atomic_load(cow_mask_of_page(page)) & bit)) {
                if (bad < 5)
                    fprintf(stderr,
                            "segment %d: page %#lx is a private copy but "
                            "its mask bit is clear\n",
                            num, (unsigned long)page);
                bad++;
            }
        }
    }
    fclose(f);
    return bad;
}

#endif
