/* iomodule.c -- the _io module: open() and the file types of
 * objects/fileobject.c, io.UnsupportedOperation, the SEEK_* constants.
 * lib/io.py adds StringIO and BytesIO, which are plain Python classes
 * over heap values (they do no I/O, so they stay transactional).
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/funcobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../vm/vm.h"
#include "modules.h"

/* class UnsupportedOperation(OSError, ValueError), module 'io' */
static pyval make_unsupported_operation(void)
{
    pyval *slots = (pyval *)pyrt_tl.shadowstack;
    for (int i = 0; i < 3; i++)
        PY_PUSHV(0);
    pyval r = 0;
    slots[0] = pystr_from_cstr("UnsupportedOperation");
    if (slots[0] == 0)
        goto done;
    slots[1] = pytuple_pack(2, pyval_from_obj((PyObj *)pyexc_OSError),
                            pyval_from_obj((PyObj *)pyexc_ValueError));
    if (slots[1] == 0)
        goto done;
    slots[2] = pydict_new();
    if (slots[2] == 0)
        goto done;
    pyval mod = pystr_from_cstr("io");
    if (mod == 0 || pydict_set_cstr(slots[2], "__module__", mod) < 0)
        goto done;
    r = pyobj_call(pyval_from_obj((PyObj *)pytype_type), slots, 3, NULL);
done:
    pyrt_tl.shadowstack -= 3;
    return r;
}

int pymod_io_init(pyval module, pyval *dictp)
{
    (void)module;
    /* io.open is builtins.open */
    pyval open_fn = pydict_get_cstr(pyvm_builtins, "open");
    if (open_fn == 0 || pymodule_add(dictp, "open", open_fn) < 0)
        return -1;
    static const struct {
        const char *name;
        PyType **type;
    } types[] = {
        {"TextIOWrapper", &pytype_textiowrapper},
        {"BufferedReader", &pytype_bufferedreader},
        {"BufferedWriter", &pytype_bufferedwriter},
        {"BufferedRandom", &pytype_bufferedrandom},
        {"FileIO", &pytype_fileio},
        {"_IOBase", &pytype_iobase},
        {"_RawIOBase", &pytype_rawiobase},
        {"_BufferedIOBase", &pytype_bufferediobase},
        {"_TextIOBase", &pytype_textiobase},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (pymodule_add(dictp, types[i].name,
                         pyval_from_obj((PyObj *)*types[i].type)) < 0)
            return -1;
    static const struct {
        const char *name;
        int value;
    } ints[] = {
        {"SEEK_SET", 0},
        {"SEEK_CUR", 1},
        {"SEEK_END", 2},
        {"DEFAULT_BUFFER_SIZE", 8192},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (pymodule_add(dictp, ints[i].name, pyval_from_int(ints[i].value)) <
            0)
            return -1;
    pyval unsupported = make_unsupported_operation();
    if (unsupported == 0 ||
        pymodule_add(dictp, "UnsupportedOperation", unsupported) < 0)
        return -1;
    return 0;
}
