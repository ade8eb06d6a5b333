"""io: open() and the file types come from the C module _io
(objects/fileobject.c); StringIO and BytesIO are written here.

StringIO and BytesIO do no I/O: they keep their text in heap values, so
they stay transactional (an aborted transaction undoes their writes).
"""

from _io import (open, TextIOWrapper, BufferedReader, BufferedWriter,
                 BufferedRandom, FileIO, UnsupportedOperation, SEEK_SET,
                 SEEK_CUR, SEEK_END, DEFAULT_BUFFER_SIZE)
from _io import (_IOBase as IOBase, _RawIOBase as RawIOBase,
                 _BufferedIOBase as BufferedIOBase,
                 _TextIOBase as TextIOBase)

__all__ = ['open', 'TextIOWrapper', 'BufferedReader', 'BufferedWriter',
           'BufferedRandom', 'FileIO', 'UnsupportedOperation', 'SEEK_SET',
           'SEEK_CUR', 'SEEK_END', 'DEFAULT_BUFFER_SIZE', 'StringIO',
           'BytesIO', 'IOBase', 'RawIOBase', 'BufferedIOBase', 'TextIOBase']


def _size_arg(size):
    if size is None:
        return -1
    if not isinstance(size, int):
        raise TypeError("argument should be integer or None, not '%s'"
                        % type(size).__name__)
    return size


def _bytes_like(b):
    if isinstance(b, (bytes, bytearray)):
        return b
    if isinstance(b, memoryview):
        return b.tobytes()
    raise TypeError("a bytes-like object is required, not '%s'"
                    % type(b).__name__)


class StringIO(TextIOBase):
    """Text in memory: a str built from the writes (appends are joined
    lazily, so writing a long text piece by piece stays linear)."""

    __module__ = '_io'

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s"
                            % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._value = ''
        self._pending = []
        self._length = 0
        self._pos = 0
        self._closed = False
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check(self, message="I/O operation on closed file"):
        if self._closed:
            raise ValueError(message)

    def _text(self):
        if self._pending:
            self._value += ''.join(self._pending)
            self._pending = []
        return self._value

    def getvalue(self):
        self._check()
        return self._text()

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'"
                            % type(s).__name__)
        n = len(s)
        nl = self._newline
        if nl is None:
            s = s.replace('\r\n', '\n').replace('\r', '\n')
        elif nl == '\r' or nl == '\r\n':
            s = s.replace('\n', nl)
        if not s:
            return n
        pos = self._pos
        if pos == self._length:
            self._pending.append(s)
            self._length += len(s)
        else:
            text = self._text()
            if pos > len(text):
                text += '\0' * (pos - len(text))
            self._value = text[:pos] + s + text[pos + len(s):]
            self._length = len(self._value)
        self._pos = pos + len(s)
        return n

    def writelines(self, lines):
        self._check()
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        size = _size_arg(size)
        text = self._text()
        pos = self._pos
        end = len(text) if size < 0 else min(len(text), pos + size)
        if pos >= end:
            self._pos = max(pos, end) if pos < len(text) else pos
            return ''
        self._pos = end
        return text[pos:end]

    def _line_end(self, text, pos):
        nl = self._newline
        if nl == '':
            i = pos
            n = len(text)
            while i < n:
                c = text[i]
                if c == '\n':
                    return i + 1
                if c == '\r':
                    if i + 1 < n and text[i + 1] == '\n':
                        return i + 2
                    return i + 1
                i += 1
            return n
        sep = '\n' if nl is None else nl
        i = text.find(sep, pos)
        return len(text) if i < 0 else i + len(sep)

    def readline(self, size=-1):
        self._check()
        size = _size_arg(size)
        text = self._text()
        pos = self._pos
        if pos >= len(text):
            return ''
        end = self._line_end(text, pos)
        if size >= 0 and end > pos + size:
            end = pos + size
        self._pos = end
        return text[pos:end]

    def readlines(self, hint=-1):
        hint = _size_arg(hint)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                return lines

    def __iter__(self):
        self._check("I/O operation on closed file.")
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        if whence not in (0, 1, 2):
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)"
                             % whence)
        if pos < 0 and whence == 0:
            raise ValueError("Negative seek position %d" % pos)
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 2:
            pos = self._length
        elif whence == 1:
            pos = self._pos
        self._pos = pos
        return pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        elif size < 0:
            raise ValueError("Negative size value %d" % size)
        text = self._text()
        if size < len(text):
            self._value = text[:size]
            self._length = size
        return size

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        self._check()
        return False

    @property
    def newlines(self):
        self._check()
        return None

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def flush(self):
        pass

    def isatty(self):
        self._check("I/O operation on closed file.")
        return False

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def __enter__(self):
        self._check("I/O operation on closed file.")
        return self

    def __exit__(self, *args):
        self.close()


class BytesIO(BufferedIOBase):
    """Bytes in memory, in a bytearray."""

    __module__ = '_io'

    def __init__(self, initial_bytes=None):
        self._buf = bytearray()
        if initial_bytes is not None:
            self._buf += _bytes_like(initial_bytes)
        self._pos = 0
        self._closed = False

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def getbuffer(self):
        self._check()
        return memoryview(self._buf)

    def write(self, b):
        self._check()
        b = _bytes_like(b)
        n = len(b)
        if n == 0:
            return 0
        pos = self._pos
        buf = self._buf
        if pos > len(buf):
            buf += bytes(pos - len(buf))
        buf[pos:pos + n] = b
        self._pos = pos + n
        return n

    def writelines(self, lines):
        self._check()
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        size = _size_arg(size)
        buf = self._buf
        pos = self._pos
        if pos >= len(buf):
            return b''
        end = len(buf) if size < 0 else min(len(buf), pos + size)
        self._pos = end
        return bytes(buf[pos:end])

    read1 = read

    def readline(self, size=-1):
        self._check()
        size = _size_arg(size)
        buf = self._buf
        pos = self._pos
        if pos >= len(buf):
            return b''
        i = buf.find(b'\n', pos)
        end = len(buf) if i < 0 else i + 1
        if size >= 0 and end > pos + size:
            end = pos + size
        self._pos = end
        return bytes(buf[pos:end])

    def readlines(self, hint=-1):
        hint = _size_arg(hint)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                return lines

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)"
                             % whence)
        self._pos = pos
        return pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        elif size < 0:
            raise ValueError("negative size value %d" % size)
        if size < len(self._buf):
            del self._buf[size:]
        return size

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def flush(self):
        self._check()

    def isatty(self):
        self._check()
        return False

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()
