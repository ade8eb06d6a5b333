/* genobject.h -- generators: a suspended frame and the protocol that
 * resumes it (next, send, throw, close). */
#ifndef PYSTM_GENOBJECT_H
#define PYSTM_GENOBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pygen_s PyGen;

enum pygen_state {
    PYGEN_CREATED,
    PYGEN_SUSPENDED,
    PYGEN_RUNNING,
    PYGEN_CLOSED
};

struct pygen_s {
    struct pyobj_s ob;
    pyval frame; /* 0 once closed */
    pyval name, qualname;
    int64_t state;
};

extern PyType *pytype_generator;

/* a generator running 'frame' (bound already) */
pyval pygen_new(pyval frame, pyval name, pyval qualname);
/* next(gen) / gen.send(value): the value yielded, or 0 with no
   exception when it returned None, or 0 with StopIteration(value) when
   it returned a value (*returned set), or 0 with its exception */
pyval pygen_send(pyval gen, pyval value, bool *returned);

void pygen_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pygen_setup_types(void);

#endif
