/* lineedit.h -- reading the lines typed at the interactive prompt: with
 * libedit (line editing, history of the session) when the build found
 * it, else plain stdio. */
#ifndef PYSTM_LINEEDIT_H
#define PYSTM_LINEEDIT_H

#include <stdbool.h>

/* the next line typed after 'prompt', with its '\n', malloc'ed (the
   caller frees it); NULL at the end of input, or when ^C interrupted
   the typing (then *interrupted is set) */
char *pyline_read(const char *prompt, bool *interrupted);

#endif
