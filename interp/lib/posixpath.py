"""posixpath -- os.path for POSIX: path names as strings ('/' separated),
and the questions about them that need the file system (exists, isdir,
getsize, realpath...).  The results are CPython's, edge cases included:
'' , '/', '//' (kept: POSIX lets two leading slashes mean something),
'a/../..', trailing slashes.  str paths and os.PathLike objects.
"""

import os
import stat

__all__ = ["normcase", "isabs", "join", "splitdrive", "split", "splitext",
           "basename", "dirname", "commonprefix", "getsize", "getmtime",
           "getatime", "getctime", "islink", "exists", "lexists", "isdir",
           "isfile", "ismount", "expanduser", "expandvars", "normpath",
           "abspath", "samefile", "sameopenfile", "samestat", "curdir",
           "pardir", "sep", "pathsep", "defpath", "altsep", "extsep",
           "devnull", "realpath", "supports_unicode_filenames", "relpath",
           "commonpath"]

curdir = '.'
pardir = '..'
extsep = '.'
sep = '/'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'
supports_unicode_filenames = False


def _check_arg_types(funcname, *args):
    for s in args:
        if not isinstance(s, str):
            raise TypeError("%s() argument must be str, bytes, or "
                            "os.PathLike object, not '%s'"
                            % (funcname, type(s).__name__)) from None


def _fspath(p):
    return p if isinstance(p, str) else os.fspath(p)


# ------------------------------------------------------------ pure strings

def normcase(s):
    return _fspath(s)


def isabs(s):
    return _fspath(s).startswith(sep)


def join(a, *p):
    """a and each of p joined by '/'; an absolute part restarts the path"""
    a = _fspath(a)
    result = a
    try:
        for b in p:
            b = _fspath(b)
            if b.startswith(sep):
                result = b
            elif not result or result.endswith(sep):
                result += b
            else:
                result += sep + b
    except (TypeError, AttributeError):
        _check_arg_types('join', a, *p)
        raise
    return result


def split(p):
    """(head, tail): tail after the last '/', head without trailing
    slashes unless it is all slashes"""
    p = _fspath(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    """(root, ext): ext from the last dot of the last component, unless
    that component is all leading dots"""
    p = _fspath(p)
    sep_index = p.rfind(sep)
    dot_index = p.rfind(extsep)
    if dot_index > sep_index:
        name_index = sep_index + 1
        while name_index < dot_index:
            if p[name_index] != extsep:
                return p[:dot_index], p[dot_index:]
            name_index += 1
    return p, p[:0]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def basename(p):
    p = _fspath(p)
    return p[p.rfind(sep) + 1:]


def dirname(p):
    p = _fspath(p)
    head = p[:p.rfind(sep) + 1]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def normpath(path):
    """'.' and 'x/..' removed, repeated slashes merged; two leading
    slashes stay two, three or more become one"""
    path = _fspath(path)
    if not path:
        return curdir
    initial_slashes = 1 if path.startswith(sep) else 0
    if (initial_slashes and path.startswith(sep * 2)
            and not path.startswith(sep * 3)):
        initial_slashes = 2
    parts = []
    for part in path.split(sep):
        if part in ('', curdir):
            continue
        if (part != pardir or (not initial_slashes and not parts)
                or (parts and parts[-1] == pardir)):
            parts.append(part)
        elif parts:
            parts.pop()
    path = sep.join(parts)
    if initial_slashes:
        path = sep * initial_slashes + path
    return path or curdir


def commonprefix(m):
    """the longest common leading part, item by item (not path-aware)"""
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    """the longest common sub-path of paths, component by component"""
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    paths = tuple(map(_fspath, paths))
    try:
        split_paths = [p.split(sep) for p in paths]
        try:
            isabs_set = set(p[:1] == sep for p in paths)
        except TypeError:
            raise ValueError("Can't mix absolute and relative paths") from None
        if len(isabs_set) != 1:
            raise ValueError("Can't mix absolute and relative paths")
        split_paths = [[c for c in s if c and c != curdir]
                       for s in split_paths]
        s1 = min(split_paths)
        s2 = max(split_paths)
        common = s1
        for i, c in enumerate(s1):
            if c != s2[i]:
                common = s1[:i]
                break
        prefix = sep if isabs_set.pop() else sep[:0]
        return prefix + sep.join(common)
    except (TypeError, AttributeError):
        _check_arg_types('commonpath', *paths)
        raise


# ------------------------------------------------------------ the file system

def exists(path):
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def lexists(path):
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def _mode_is(path, test, follow=True):
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except (OSError, ValueError):
        return False
    return test(st.st_mode)


def isfile(path):
    return _mode_is(path, stat.S_ISREG)


def isdir(s):
    return _mode_is(s, stat.S_ISDIR)


def islink(path):
    return _mode_is(path, stat.S_ISLNK, follow=False)


def getsize(filename):
    return os.stat(filename).st_size


def getmtime(filename):
    return os.stat(filename).st_mtime


def getatime(filename):
    return os.stat(filename).st_atime


def getctime(filename):
    return os.stat(filename).st_ctime


def samestat(s1, s2):
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    return samestat(os.stat(f1), os.stat(f2))


def sameopenfile(fp1, fp2):
    return samestat(os.stat(fp1), os.stat(fp2))


def ismount(path):
    """is path a mount point: a directory on another device than its
    parent, or the same directory as its parent ('/')"""
    try:
        s1 = os.lstat(path)
    except (OSError, ValueError):
        return False
    if stat.S_ISLNK(s1.st_mode):
        return False
    path = _fspath(path)
    parent = realpath(join(path, pardir))
    try:
        s2 = os.lstat(parent)
    except (OSError, ValueError):
        return False
    return s1.st_dev != s2.st_dev or s1.st_ino == s2.st_ino


def expanduser(path):
    """'~' and '~user' at the start replaced by the home directory"""
    path = _fspath(path)
    if not path.startswith('~'):
        return path
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        if 'HOME' in os.environ:
            userhome = os.environ['HOME']
        else:
            userhome = os.posix._home_directory(None)
            if userhome is None:
                return path
    else:
        userhome = os.posix._home_directory(path[1:i])
        if userhome is None:
            return path
    userhome = userhome.rstrip(sep)
    return (userhome + path[i:]) or sep


def _is_name_char(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z') or \
        ('0' <= c <= '9')


def expandvars(path):
    """$name and ${name} replaced by the environment's value, when set"""
    path = _fspath(path)
    if '$' not in path:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        if i + 1 < n and path[i + 1] == '{':
            end = path.find('}', i + 2)
            if end < 0:
                out.append(c)
                i += 1
                continue
            name = path[i + 2:end]
            after = end + 1
        else:
            j = i + 1
            while j < n and _is_name_char(path[j]):
                j += 1
            name = path[i + 1:j]
            after = j
            if not name:
                out.append(c)
                i += 1
                continue
        if name in os.environ:
            out.append(os.environ[name])
        else:
            out.append(path[i:after])
        i = after
    return ''.join(out)


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        path = join(os.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    """the canonical path: symbolic links resolved, '.' and '..' removed"""
    filename = _fspath(filename)
    path, ok = _joinrealpath(filename[:0], filename, strict, {})
    return abspath(path)


def _joinrealpath(path, rest, strict, seen):
    # seen: link -> its resolution, None while being resolved (a loop)
    if isabs(rest):
        rest = rest[1:]
        path = sep
    while rest:
        name, _, rest = rest.partition(sep)
        if not name or name == curdir:
            continue
        if name == pardir:
            if path:
                path, name = split(path)
                if name == pardir:
                    path = join(path, pardir, pardir)
            else:
                path = pardir
            continue
        newpath = join(path, name)
        try:
            st = os.lstat(newpath)
        except OSError:
            if strict:
                raise
            is_link = False
        else:
            is_link = stat.S_ISLNK(st.st_mode)
        if not is_link:
            path = newpath
            continue
        if newpath in seen:
            path = seen[newpath]
            if path is not None:
                continue
            if strict:
                os.stat(newpath)
            else:
                return join(newpath, rest), False
        seen[newpath] = None
        path, ok = _joinrealpath(path, os.readlink(newpath), strict, seen)
        if not ok:
            return join(path, rest), False
        seen[newpath] = path
    return path, True


def relpath(path, start=None):
    """path relative to start (the current directory by default)"""
    if not path:
        raise ValueError("no path specified")
    path = _fspath(path)
    if start is None:
        start = curdir
    else:
        start = _fspath(start)
    try:
        start_list = [x for x in abspath(start).split(sep) if x]
        path_list = [x for x in abspath(path).split(sep) if x]
        i = len(commonprefix([start_list, path_list]))
        rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
        if not rel_list:
            return curdir
        return join(*rel_list)
    except (TypeError, AttributeError):
        _check_arg_types('relpath', path, start)
        raise
