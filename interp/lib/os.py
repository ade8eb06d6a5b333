"""os -- the operating system: files, directories, the environment.

The calls are the C module posix's (interp/modules/posixmodule.c); this
half adds what CPython's os.py adds on top: os.path (posixpath),
environ as a mapping that writes through to the process environment,
getenv, makedirs/removedirs, walk, scandir, fspath and stat_result.
"""

import sys
import posix
from posix import (getcwd, chdir, listdir, mkdir, rmdir, remove, unlink,
                   rename, replace, symlink, readlink, access, getpid,
                   getppid, getuid, geteuid, getgid, getegid, cpu_count,
                   strerror, umask, putenv, unsetenv, _exit, chmod, mknod,
                   truncate, link, utime, system, isatty, kill, F_OK, R_OK,
                   W_OK, X_OK, SEEK_SET, SEEK_CUR, SEEK_END)
import stat as st

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
error = OSError

import posixpath as path
sys.modules['os.path'] = path


def fspath(p):
    """the str (or bytes) path of p: p itself, or p.__fspath__()"""
    if isinstance(p, str):
        return p
    kind = type(p)
    method = getattr(kind, '__fspath__', None)
    if method is None:
        raise TypeError('expected str, bytes or os.PathLike object, not '
                        + kind.__name__)
    result = method(p)
    if isinstance(result, str):
        return result
    raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                    % (kind.__name__, type(result).__name__))


class PathLike:
    """The base of classes whose instances stand for a file system path."""

    def __fspath__(self):
        raise NotImplementedError


# ------------------------------------------------------------ stat_result

_STAT_FIELDS = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid',
                'st_gid', 'st_size')


class stat_result:
    """The result of os.stat(): ten fields by index (the times in whole
    seconds), more by name (st_mtime a float, st_mtime_ns...)."""

    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3

    def __init__(self, fields):
        fields = tuple(fields)
        object.__setattr__(self, '_items', fields[:10])
        object.__setattr__(self, '_extra', fields[10:])

    def __setattr__(self, name, value):
        raise AttributeError('readonly attribute')

    st_mode = property(lambda self: self._items[0])
    st_ino = property(lambda self: self._items[1])
    st_dev = property(lambda self: self._items[2])
    st_nlink = property(lambda self: self._items[3])
    st_uid = property(lambda self: self._items[4])
    st_gid = property(lambda self: self._items[5])
    st_size = property(lambda self: self._items[6])
    st_atime = property(lambda self: self._extra[0])
    st_mtime = property(lambda self: self._extra[1])
    st_ctime = property(lambda self: self._extra[2])
    st_atime_ns = property(lambda self: self._extra[3])
    st_mtime_ns = property(lambda self: self._extra[4])
    st_ctime_ns = property(lambda self: self._extra[5])
    st_blksize = property(lambda self: self._extra[6])
    st_blocks = property(lambda self: self._extra[7])
    st_rdev = property(lambda self: self._extra[8])

    def __repr__(self):
        parts = ['%s=%r' % (field, value)
                 for field, value in zip(_STAT_FIELDS, self._items)]
        for field, value in zip(('st_atime', 'st_mtime', 'st_ctime'),
                                self._items[7:]):
            parts.append('%s=%r' % (field, value))
        return 'os.stat_result(' + ', '.join(parts) + ')'

    def __len__(self):
        return 10

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        if isinstance(other, stat_result):
            return self._items == other._items
        return self._items == other

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._items)


def stat(*args, **kwargs):
    """stat(path, *, dir_fd=None, follow_symlinks=True): a stat_result"""
    return stat_result(posix.stat(*args, **kwargs))


def lstat(*args, **kwargs):
    """lstat(path, *, dir_fd=None): a stat_result about a link itself"""
    return stat_result(posix.lstat(*args, **kwargs))


class uname_result:
    """os.uname(): the system's names, by index or by name"""

    _fields = ('sysname', 'nodename', 'release', 'version', 'machine')

    def __init__(self, fields):
        object.__setattr__(self, '_items', tuple(fields))

    def __setattr__(self, name, value):
        raise AttributeError('readonly attribute')

    sysname = property(lambda self: self._items[0])
    nodename = property(lambda self: self._items[1])
    release = property(lambda self: self._items[2])
    version = property(lambda self: self._items[3])
    machine = property(lambda self: self._items[4])

    def __repr__(self):
        return 'posix.uname_result(' + ', '.join(
            '%s=%r' % pair for pair in zip(self._fields, self._items)) + ')'

    def __len__(self):
        return 5

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self):
        return iter(self._items)

    def __eq__(self, other):
        if isinstance(other, uname_result):
            return self._items == other._items
        return self._items == other


def uname():
    return uname_result(posix.uname())


# ------------------------------------------------------------ environ

class _Environ:
    """os.environ: a mapping of str whose changes reach the process
    environment (putenv/unsetenv) and so child processes."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise TypeError('str expected, not %s' % type(key).__name__)
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError('str expected, not %s' % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError('str expected, not %s' % type(value).__name__)
        putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if not isinstance(key, str):
            raise TypeError('str expected, not %s' % type(key).__name__)
        unsetenv(key)
        try:
            del self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __repr__(self):
        items = ', '.join('%r: %r' % (k, v) for k, v in self._data.items())
        return 'environ({' + items + '})'

    def __eq__(self, other):
        if isinstance(other, _Environ):
            return self._data == other._data
        return self._data == other

    def __or__(self, other):
        new = dict(self._data)
        new.update(other)
        return new

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def copy(self):
        return dict(self._data)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    _MISSING = object()

    def pop(self, key, default=_MISSING):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default is _Environ._MISSING:
            raise KeyError(key)
        return default

    def update(self, other=(), **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key in kwds:
            self[key] = kwds[key]

    def clear(self):
        for key in list(self._data):
            del self[key]


environ = _Environ(posix.environ)


def getenv(key, default=None):
    """the environment variable key, or default"""
    return environ.get(key, default)


# ------------------------------------------------------------ directories

def makedirs(name, mode=0o777, exist_ok=False):
    """mkdir -p: the parents first; an existing leaf is an error unless
    exist_ok"""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass    # made meanwhile by someone else
        if tail == curdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    """rmdir the leaf, then each parent until one is not empty"""
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    """rename, making the new parents and removing the old empty ones"""
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)
    head, tail = path.split(old)
    if head and tail:
        try:
            removedirs(head)
        except OSError:
            pass


class DirEntry:
    """One entry of scandir(): its name, its path, and its type."""

    def __init__(self, directory, name):
        self.name = name
        self.path = path.join(directory, name)
        self._lstat = None
        self._stat = None

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)

    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks or not self.is_symlink():
            if self._lstat is None:
                self._lstat = lstat(self.path)
            return self._lstat
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat

    def inode(self):
        return self.stat(follow_symlinks=False).st_ino

    def is_symlink(self):
        if self._lstat is None:
            try:
                self._lstat = lstat(self.path)
            except FileNotFoundError:
                return False
        return st.S_ISLNK(self._lstat.st_mode)

    def _is_kind(self, test, follow_symlinks):
        try:
            return test(self.stat(follow_symlinks=follow_symlinks).st_mode)
        except FileNotFoundError:
            return False

    def is_dir(self, *, follow_symlinks=True):
        return self._is_kind(st.S_ISDIR, follow_symlinks)

    def is_file(self, *, follow_symlinks=True):
        return self._is_kind(st.S_ISREG, follow_symlinks)


class _ScandirIterator:
    def __init__(self, directory):
        self._directory = directory
        self._names = iter(listdir(directory))

    def __iter__(self):
        return self

    def __next__(self):
        return DirEntry(self._directory, next(self._names))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def close(self):
        self._names = iter(())


def scandir(path='.'):
    """the entries of a directory, as DirEntry objects"""
    if path is None:
        path = '.'
    return _ScandirIterator(fspath(path) if not isinstance(path, str)
                            else path)


def walk(top, topdown=True, onerror=None, followlinks=False):
    """(dirpath, dirnames, filenames) for top and each directory below"""
    top = fspath(top)
    try:
        entries = list(scandir(top))
    except OSError as error:
        if onerror is not None:
            onerror(error)
        return
    dirs = []
    nondirs = []
    walk_into = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            dirs.append(entry.name)
        else:
            nondirs.append(entry.name)
        if not topdown and is_dir:
            if followlinks:
                walk_into.append(entry.path)
            else:
                try:
                    is_symlink = entry.is_symlink()
                except OSError:
                    is_symlink = False
                if not is_symlink:
                    walk_into.append(entry.path)
    if topdown:
        yield top, dirs, nondirs
        for dirname in dirs:
            new_path = path.join(top, dirname)
            if followlinks or not path.islink(new_path):
                yield from walk(new_path, topdown, onerror, followlinks)
    else:
        for new_path in walk_into:
            yield from walk(new_path, topdown, onerror, followlinks)
        yield top, dirs, nondirs


# `from os import *`: the public names, not the modules used here
__all__ = [_name for _name in globals()
           if not _name.startswith('_') and _name not in ('sys', 'posix', 'st')]
