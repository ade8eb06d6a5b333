"""string: character classes, capwords and Template (pystm, pure Python).

Template scans its text by hand (pystm has no `re` yet), trying at each
delimiter what CPython's pattern tries, in the same order: the delimiter
doubled (an escape), an identifier, an identifier in braces, and
otherwise an invalid placeholder.  A subclass may change `delimiter`;
`idpattern`, `braceidpattern`, `flags` and `pattern` are not honoured."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Formatter', 'Template']

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


# Formatter

def _parse_format(text):
    """(literal_text, field_name, format_spec, conversion) for each piece
    of a str.format template, as CPython's formatter_parser."""
    literal = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '{' or c == '}':
            if i + 1 < n and text[i + 1] == c:
                # a doubled brace ends the literal text with one brace
                literal.append(c)
                yield ''.join(literal), None, None, None
                literal = []
                i += 2
                continue
            if c == '}':
                raise ValueError("Single '}' encountered in format string")
            if i + 1 >= n:
                raise ValueError("Single '{' encountered in format string")
            end = _field_end(text, i + 1)
            name, spec, conversion = _split_field(text[i + 1:end])
            yield ''.join(literal), name, spec, conversion
            literal = []
            i = end + 1
            continue
        literal.append(c)
        i += 1
    if literal:
        yield ''.join(literal), None, None, None


def _field_end(text, start):
    # the index of the '}' closing the field opened before start:
    # brackets of the name hide braces, the spec may nest fields
    depth = 1
    in_brackets = False
    in_name = True
    i = start
    while i < len(text):
        c = text[i]
        if in_name and c == '[':
            in_brackets = True
        elif in_brackets:
            if c == ']':
                in_brackets = False
        elif in_name and c in ':!':
            in_name = False
            if c == '!':
                i += 1  # the conversion character, whatever it is
        elif c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("expected '}' before end of string")


def _split_field(field):
    # 'name!c:spec' -> (name, spec, conversion)
    i = 0
    in_brackets = False
    while i < len(field):
        c = field[i]
        if c == '[':
            in_brackets = True
        elif c == ']':
            in_brackets = False
        elif not in_brackets and c in ':!':
            break
        i += 1
    name = field[:i]
    conversion = None
    if i < len(field) and field[i] == '!':
        if i + 1 >= len(field):
            raise ValueError('end of string while looking for conversion '
                             'specifier')
        conversion = field[i + 1]
        i += 2
        if i < len(field) and field[i] != ':':
            raise ValueError("expected ':' after conversion specifier")
    spec = field[i + 1:] if i < len(field) else ''
    return name, spec, conversion


def _field_name_split(name):
    """The first part of a field name (an int if all digits) and the
    (is_attribute, key) accesses that follow it."""
    i = 0
    while i < len(name) and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < len(name):
        if name[i] == '.':
            j = i + 1
            while j < len(name) and name[j] not in '.[':
                j += 1
            if j == i + 1:
                raise ValueError('Empty attribute in format string')
            rest.append((True, name[i + 1:j]))
            i = j
        else:
            j = name.find(']', i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            if j == i + 1:
                raise ValueError('Empty attribute in format string')
            key = name[i + 1:j]
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
            if i < len(name) and name[i] not in '.[':
                raise ValueError("Only '.' or '[' may follow ']' in format "
                                 "field specifier")
    return first, rest


class Formatter:
    """str.format's machinery, one overridable step per method."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args,
                 recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in \
                self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            # automatic numbering ({}) and manual ({0}) do not mix
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError('Unknown conversion specifier %s' % (conversion,))

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first
