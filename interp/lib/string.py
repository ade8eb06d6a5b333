"""string: character classes, capwords and Template (pystm, pure Python).

Template scans its text by hand (pystm has no `re` yet), trying at each
delimiter what CPython's pattern tries, in the same order: the delimiter
doubled (an escape), an identifier, an identifier in braces, and
otherwise an invalid placeholder.  A subclass may change `delimiter`;
`idpattern`, `braceidpattern`, `flags` and `pattern` are not honoured."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Template']

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s into words with s.split(sep), capitalize each word, and
    join them with sep (one space if sep is None)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_ID_START = frozenset('_' + ascii_letters)
_ID_CHARS = frozenset('_' + ascii_letters + digits)

# what a delimiter starts
_ESCAPED, _NAMED, _BRACED, _INVALID = 'escaped', 'named', 'braced', 'invalid'


class _Placeholder:
    # one match: kind, the text matched, the identifier, where it starts
    def __init__(self, kind, text, name, start):
        self.kind = kind
        self.text = text
        self.name = name
        self.start = start


_sentinel_dict = {}


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _identifier_end(self, text, start):
        # the end of the identifier starting at start, or start if none
        if start >= len(text) or text[start] not in _ID_START:
            return start
        end = start + 1
        while end < len(text) and text[end] in _ID_CHARS:
            end += 1
        return end

    def _scan(self):
        """The template as literal strings and _Placeholders."""
        text = self.template
        delim = self.delimiter
        size = len(delim)
        pos = 0
        while True:
            found = text.find(delim, pos)
            if found < 0 or not delim:
                if pos < len(text):
                    yield text[pos:]
                return
            if found > pos:
                yield text[pos:found]
            after = found + size
            if text.startswith(delim, after):
                yield _Placeholder(_ESCAPED, delim + delim, None, after)
                pos = after + size
                continue
            end = self._identifier_end(text, after)
            if end > after:
                yield _Placeholder(_NAMED, text[found:end], text[after:end],
                                   after)
                pos = end
                continue
            if text.startswith('{', after):
                end = self._identifier_end(text, after + 1)
                if end > after + 1 and text.startswith('}', end):
                    yield _Placeholder(_BRACED, text[found:end + 1],
                                       text[after + 1:end], after)
                    pos = end + 1
                    continue
            # an invalid placeholder matches the delimiter alone
            yield _Placeholder(_INVALID, delim, None, after)
            pos = after

    def _invalid(self, start):
        lines = self.template[:start].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = start - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d'
                         % (lineno, colno))

    @staticmethod
    def _lookup(mapping, kws):
        if mapping is _sentinel_dict:
            mapping = kws
            kws = None

        def lookup(key):
            # keyword arguments win over the mapping
            if kws and key in kws:
                return kws[key]
            return mapping[key]
        return lookup

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        lookup = self._lookup(mapping, kws)
        parts = []
        for piece in self._scan():
            if type(piece) is str:
                parts.append(piece)
            elif piece.kind == _ESCAPED:
                parts.append(self.delimiter)
            elif piece.kind == _INVALID:
                self._invalid(piece.start)
            else:
                parts.append(str(lookup(piece.name)))
        return ''.join(parts)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        lookup = self._lookup(mapping, kws)
        parts = []
        for piece in self._scan():
            if type(piece) is str:
                parts.append(piece)
            elif piece.kind == _ESCAPED:
                parts.append(self.delimiter)
            elif piece.kind == _INVALID:
                parts.append(piece.text)
            else:
                try:
                    parts.append(str(lookup(piece.name)))
                except KeyError:
                    parts.append(piece.text)
        return ''.join(parts)

    def is_valid(self):
        for piece in self._scan():
            if type(piece) is not str and piece.kind == _INVALID:
                return False
        return True

    def get_identifiers(self):
        ids = []
        for piece in self._scan():
            if type(piece) is str or piece.name is None:
                continue
            if piece.name not in ids:
                ids.append(piece.name)
        return ids
