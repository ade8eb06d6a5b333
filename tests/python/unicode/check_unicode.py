#!/usr/bin/env python3
"""Compare pystm's Unicode database and UTF-8 codec with CPython 3.11.

    python3 check_unicode.py ./unicode_test

The expected values are computed here, now, from the running python3 --
str methods on one-character strings, unicodedata, bytes.decode /
str.encode -- never from pystm's generated tables.  Where CPython has no
public API for a property, it is observed through behaviour that depends
on it (cased: str.title(); case-ignorable: the final-sigma rule of
str.lower()); only the "simple" case mappings, which no str method
exposes, come from CPython's own C functions through ctypes.

Prints "N passed, N failed" and the first mismatches; exit status 1 on
any failure.
"""

import codecs
import ctypes
import random
import struct
import subprocess
import sys
import unicodedata

MAX_SHOWN = 20
HANDLERS_DECODE = ["strict", "ignore", "replace", "surrogateescape",
                   "surrogatepass", "backslashreplace", "xmlcharrefreplace"]
HANDLERS_ENCODE = HANDLERS_DECODE


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.shown = 0

    def ok(self, n=1):
        self.passed += n

    def fail(self, what):
        self.failed += 1
        if self.shown < MAX_SHOWN:
            print("MISMATCH", what)
            self.shown += 1


def simple_mapping(name):
    f = getattr(ctypes.pythonapi, name)
    f.restype = ctypes.c_uint32
    f.argtypes = [ctypes.c_uint32]
    return f


PROP_FIELDS = ["cp", "flags", "category", "decimal", "digit", "numeric",
               "lower", "upper", "title", "casefold", "simple_lower",
               "simple_upper", "simple_title"]
FLAG_NAMES = ["alpha", "decimal", "digit", "numeric", "alnum", "space",
              "printable", "upper", "lower", "titlecase", "cased",
              "case_ignorable", "id_start", "id_continue", "linebreak"]


def expected_props(cp, s_lower, s_upper, s_title):
    ch = chr(cp)
    cased = (ch + "a").title()[-1] == "a"  # title() lowers after cased
    if cased:
        # an ignorable between a space and a final sigma is skipped, so
        # the sigma has no cased letter before it
        ignorable = (" " + ch + "\u03a3").lower()[-1] == "\u03c3"
    else:
        ignorable = ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"
    flags = [ch.isalpha(), ch.isdecimal(), ch.isdigit(), ch.isnumeric(),
             ch.isalnum(), ch.isspace(), ch.isprintable(), ch.isupper(),
             ch.islower(), ch.istitle() and not ch.isupper(), cased,
             ignorable, ch.isidentifier(), ("a" + ch).isidentifier(),
             len(("a" + ch + "b").splitlines()) == 2]
    num = unicodedata.numeric(ch, None)
    if num is None:
        num_s = "-"
    else:
        num_s = "%x" % struct.unpack("<Q", struct.pack("<d", num))[0]

    def m(s):
        return ".".join("%x" % ord(c) for c in s)

    return "%x %s %s %d %d %s %s %s %s %s %x %x %x" % (
        cp, "".join("1" if f else "0" for f in flags),
        unicodedata.category(ch), unicodedata.decimal(ch, -1),
        unicodedata.digit(ch, -1), num_s, m(ch.lower()), m(ch.upper()),
        m(ch.title()), m(ch.casefold()), s_lower(cp), s_upper(cp),
        s_title(cp))


def check_props(driver, tally):
    s_lower = simple_mapping("_PyUnicode_ToLowercase")
    s_upper = simple_mapping("_PyUnicode_ToUppercase")
    s_title = simple_mapping("_PyUnicode_ToTitlecase")
    proc = subprocess.run([driver, "props"], stdout=subprocess.PIPE,
                          check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != 0x110000:
        tally.fail("props: %d lines, expected %d" % (len(got), 0x110000))
    nchecks = len(PROP_FIELDS) - 1 + len(FLAG_NAMES) - 1
    for cp in range(min(len(got), 0x110000)):
        want = expected_props(cp, s_lower, s_upper, s_title)
        if got[cp] == want:
            tally.ok(nchecks)
            continue
        g, w = got[cp].split(" "), want.split(" ")
        for i, name in enumerate(PROP_FIELDS[1:], 1):
            if name == "flags":
                for k, fname in enumerate(FLAG_NAMES):
                    if g[i][k:k + 1] == w[i][k]:
                        tally.ok()
                    else:
                        tally.fail("U+%04X %s: got %s, want %s"
                                   % (cp, fname, g[i][k:k + 1], w[i][k]))
            elif i < len(g) and g[i] == w[i]:
                tally.ok()
            else:
                tally.fail("U+%04X %s: got %s, want %s"
                           % (cp, name, g[i] if i < len(g) else "?", w[i]))


# ---- codec cases ----

INTERESTING = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0,
               0xC2, 0xDF, 0xE0, 0xED, 0xF0, 0xF4, 0xFF]


def byte_cases(rng):
    cases = [b""]
    cases += [bytes([b]) for b in range(256)]
    for b0 in range(0x80, 0x100):
        for b1 in INTERESTING:
            cases.append(bytes([b0, b1]))
    firsts3 = [0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
               0xF3, 0xF4, 0xF5, 0xC0, 0x80, 0xFF]
    for b0 in firsts3:
        for b1 in INTERESTING:
            for b2 in INTERESTING:
                cases.append(bytes([b0, b1, b2]))
    for b0 in [0xF0, 0xF1, 0xF4, 0xF5, 0xE0, 0xED]:
        for b1 in INTERESTING:
            for b2 in [0x80, 0xBF, 0x41, 0xC2]:
                for b3 in [0x80, 0xBF, 0x41, 0xE0]:
                    cases.append(bytes([b0, b1, b2, b3]))
    # random mixtures of valid characters (surrogates too) and junk
    pieces = [lambda: bytes([rng.randrange(0x80)]),
              lambda: bytes([rng.randrange(0x80, 0x100)]),
              lambda: chr(rng.randrange(0x80, 0x800)).encode(),
              lambda: chr(rng.randrange(0x800, 0x10000)).encode(
                  "utf-8", "surrogatepass"),
              lambda: chr(rng.randrange(0xD800, 0xE000)).encode(
                  "utf-8", "surrogatepass"),
              lambda: chr(rng.randrange(0x10000, 0x110000)).encode(),
              lambda: chr(rng.randrange(0x800, 0x110000)).encode(
                  "utf-8", "surrogatepass")[:-1],
              lambda: b"A" * rng.choice([7, 8, 15, 16, 17, 63, 64, 65])]
    for _ in range(4000):
        n = rng.randrange(1, 12)
        cases.append(b"".join(rng.choice(pieces)() for _ in range(n)))
    # long texts: fast paths, errors near word and block boundaries
    text = "pystm: ünïcödé ελληνικά 中文 😀 ".encode() * 20
    for cut in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 100, 127, 128, 129]:
        cases.append(b"a" * cut + b"\xff" + text)
        cases.append(b"a" * cut + text[:cut + 5] + b"\xe2\x82")
        cases.append(text + b"a" * cut + b"\xed\xa0\x80")
        cases.append(b"a" * (cut + 200))
    return cases


def expected_decode(b, handler, final):
    try:
        if final:
            s = b.decode("utf-8", handler)
            consumed = len(b)
        else:
            d = codecs.getincrementaldecoder("utf-8")(handler)
            s = d.decode(b, False)
            consumed = len(b) - len(d.getstate()[0])
    except UnicodeDecodeError as e:
        return "err %d %d %s" % (e.start, e.end, e.reason)
    except TypeError:
        return "bad"
    out = s.encode("utf-8", "surrogatepass")
    return "ok %s %d %d %d" % (out.hex() or "-", int(b.isascii()),
                               consumed, len(s))


def expected_encode(s, handler):
    try:
        out = s.encode("utf-8", handler)
    except UnicodeEncodeError as e:
        return "err %d %d %s" % (e.start, e.end, e.reason)
    return "ok %s" % (out.hex() or "-")


def string_cases(rng):
    cases = ["", "abc", "\u00e9\u4e2d\U0001f600"]
    cases += [chr(c) for c in range(0xD800, 0xE000)]
    specials = [0xD800, 0xDBFF, 0xDC00, 0xDC7F, 0xDC80, 0xDCFF, 0xDD00,
                0xDFFF]
    for a in specials:
        for b in specials + [0x41, 0xE9, 0x1F600]:
            cases.append(chr(a) + chr(b))
            cases.append("x" + chr(b) + chr(a) + "y")
    pool = specials + [0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000,
                       0x10FFFF, 0xE9, 0x4E2D]
    for _ in range(3000):
        n = rng.randrange(1, 10)
        cases.append("".join(chr(rng.choice(pool)) for _ in range(n)))
    for cut in [0, 7, 8, 15, 16, 64, 100]:
        cases.append("a" * cut + "\ud800" + "b\u00e9" * cut)
        cases.append("\u00e9" * cut + "\udcff\udc80" + "a" * cut)
    return cases


def check_codec(driver, tally):
    rng = random.Random(20261124)
    lines, wants = [], []
    for b in byte_cases(rng):
        for handler in HANDLERS_DECODE:
            for final in (True, False):
                lines.append("D %s %d %s" % (handler, final, b.hex() or "-"))
                wants.append(expected_decode(b, handler, final))
    for b0 in range(256):  # every 2-byte string, two handlers
        for b1 in range(256):
            b = bytes([b0, b1])
            for handler in ("strict", "surrogateescape"):
                lines.append("D %s 1 %s" % (handler, b.hex()))
                wants.append(expected_decode(b, handler, True))
    for s in string_cases(rng):
        gen = s.encode("utf-8", "surrogatepass")
        cps = ".".join("%x" % ord(c) for c in s) or "-"
        for handler in HANDLERS_ENCODE:
            want = expected_encode(s, handler)
            lines.append("E %s %s" % (handler, gen.hex() or "-"))
            wants.append(want)
            lines.append("C %s %s" % (handler, cps))
            wants.append(want)
    proc = subprocess.run([driver, "codec"], input="\n".join(lines) + "\n",
                          stdout=subprocess.PIPE, check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != len(lines):
        tally.fail("codec: %d answers for %d cases" % (len(got), len(lines)))
    for line, want, g in zip(lines, wants, got):
        if g == want:
            tally.ok()
        else:
            tally.fail("%s: got %r, want %r" % (line[:120], g[:120],
                                                want[:120]))
    return len(lines)


# ---- names ----

def name_aliases_and_sequences():
    """unicodedata's C API getname() is the only way to list the aliases
    (at U+F0000..) and named sequences (at U+F0200..)."""
    getptr = ctypes.pythonapi.PyCapsule_GetPointer
    getptr.restype = ctypes.c_void_p
    getptr.argtypes = [ctypes.py_object, ctypes.c_char_p]
    p = getptr(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI")
    fns = (ctypes.c_void_p * 2).from_address(p)
    proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p,
                             ctypes.c_int, ctypes.c_int)
    getname = proto(fns[0])
    buf = ctypes.create_string_buffer(256)
    found = []
    for base in (0xF0000, 0xF0200):
        for i in range(0x200):
            if not getname(base + i, buf, 256, 1):
                break
            found.append(buf.value.decode("ascii"))
    return found


def expected_lookup(name, sequences):
    try:
        if sequences:
            s = unicodedata.lookup(name)
        else:  # what a "\N{...}" escape in a literal accepts
            s = ("\\N{%s}" % name).encode().decode("unicode_escape")
    except (KeyError, UnicodeDecodeError):
        return "-"
    return ".".join("%x" % ord(c) for c in s)


def check_names(driver, tally, rng):
    proc = subprocess.run([driver, "names"], stdout=subprocess.PIPE,
                          check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != 0x110000:
        tally.fail("names: %d lines" % len(got))
    names = []
    for cp in range(min(len(got), 0x110000)):
        n = unicodedata.name(chr(cp), None)
        if n:
            names.append(n)
        want = "%x %s" % (cp, n or "-")
        if got[cp] == want:
            tally.ok()
        else:
            tally.fail("name(U+%04X): got %r, want %r" % (cp, got[cp], want))

    queries = set(names)
    queries.update(name_aliases_and_sequences())
    base = sorted(queries)
    for n in rng.sample(base, 20000):
        queries.add(n.lower())
        queries.add(n.title())
        queries.add(n[:-1])
        queries.add(n + " ")
        queries.add(n + "A")
        queries.add(n.replace(" ", "  ", 1))
        queries.add(n.replace(" ", "-", 1))
    queries.update(["", " ", "A", "LATIN", "HANGUL SYLLABLE ",
                    "HANGUL SYLLABLE GGG", "HANGUL SYLLABLE ga",
                    "hangul syllable GA", "HANGUL SYLLABLE GAGX",
                    "CJK UNIFIED IDEOGRAPH-", "CJK UNIFIED IDEOGRAPH-4e00",
                    "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-4E0",
                    "CJK UNIFIED IDEOGRAPH-004E00", "CJK UNIFIED IDEOGRAPH-9FFF",
                    "CJK UNIFIED IDEOGRAPH-A000", "CJK UNIFIED IDEOGRAPH-2A6DF",
                    "CJK UNIFIED IDEOGRAPH-2A6E0", "cjk unified ideograph-4E00",
                    "CJK COMPATIBILITY IDEOGRAPH-0F900",
                    "cjk compatibility ideograph-f900",
                    "CJK COMPATIBILITY IDEOGRAPH-FA6E",
                    "NUSHU CHARACTER-1B170", "NUSHU CHARACTER-01B170",
                    "KHITAN SMALL SCRIPT CHARACTER-18B00",
                    "KHITAN SMALL SCRIPT CHARACTER-18CD6",
                    "TANGUT IDEOGRAPH-17000", "LINE FEED", "line feed", "NUL",
                    "BYTE ORDER MARK", "X" * 127, "A" * 200])
    queries = sorted(q for q in queries if "\n" not in q and "}" not in q
                     and "\\" not in q)
    lines, wants = [], []
    for q in queries:
        for seq in (0, 1):
            lines.append("%d %s" % (seq, q))
            wants.append(expected_lookup(q, seq))
    proc = subprocess.run([driver, "lookup"], input="\n".join(lines) + "\n",
                          stdout=subprocess.PIPE, check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != len(lines):
        tally.fail("lookup: %d answers for %d queries" % (len(got),
                                                          len(lines)))
    for line, want, g in zip(lines, wants, got):
        if g == want:
            tally.ok()
        else:
            tally.fail("lookup %r: got %s, want %s" % (line, g, want))
    return len(lines)


# ---- normalization ----

FORMS = ["NFC", "NFD", "NFKC", "NFKD"]


def hexcps(s):
    return ".".join("%x" % ord(c) for c in s) or "-"


def norm_strings(rng):
    """Strings that exercise decomposition, canonical ordering and
    composition: decomposable characters, their pieces, combining marks of
    many classes, Hangul jamo and syllables, compatibility characters."""
    decomposable = [c for c in range(0x110000)
                    if unicodedata.decomposition(chr(c))]
    marks = [c for c in range(0x110000) if unicodedata.combining(chr(c))]
    pieces = set()
    for c in decomposable:
        for h in unicodedata.decomposition(chr(c)).split():
            if not h.startswith("<"):
                pieces.add(int(h, 16))
    pieces = sorted(pieces)
    jamo = (list(range(0x1100, 0x1113)) + list(range(0x1161, 0x1176)) +
            list(range(0x11A7, 0x11C3)))
    syll = [0xAC00, 0xAC01, 0xAC1C, 0xD7A3, 0xB098, 0xB099]
    pools = [decomposable, marks, marks, pieces, pieces, jamo, syll,
             [0x41, 0x61, 0x20, 0x3B1, 0x391, 0x1100, 0x11A8]]
    out = []
    for _ in range(40000):
        n = rng.randrange(1, 10)
        out.append("".join(chr(rng.choice(rng.choice(pools)))
                           for _ in range(n)))
    for _ in range(300):  # long runs of marks
        base = chr(rng.choice(pieces))
        out.append(base + "".join(chr(rng.choice(marks))
                                  for _ in range(rng.randrange(15, 60))))
    for c in decomposable[::3]:  # NFD forms, marks in both orders
        d = unicodedata.normalize("NFD", chr(c))
        out.append(d)
        out.append(d[0] + d[1:][::-1])
    return out


def check_norm(driver, tally, rng):
    proc = subprocess.run([driver, "norms"], stdout=subprocess.PIPE,
                          check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != 0x110000:
        tally.fail("norms: %d lines" % len(got))
    for cp in range(min(len(got), 0x110000)):
        ch = chr(cp)
        want = "%x %s" % (cp, " ".join(hexcps(unicodedata.normalize(f, ch))
                                       for f in FORMS))
        if got[cp] == want:
            tally.ok(4)
        else:
            tally.fail("normalize(U+%04X): got %s, want %s"
                       % (cp, got[cp], want))
    lines, wants = [], []
    for s in norm_strings(rng):
        for f in FORMS:
            lines.append("%s %s" % (f, hexcps(s)))
            wants.append("%s %d" % (hexcps(unicodedata.normalize(f, s)),
                                    unicodedata.is_normalized(f, s)))
    proc = subprocess.run([driver, "norm"], input="\n".join(lines) + "\n",
                          stdout=subprocess.PIPE, check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != len(lines):
        tally.fail("norm: %d answers for %d cases" % (len(got), len(lines)))
    for line, want, g in zip(lines, wants, got):
        if g == want:
            tally.ok()
        else:
            tally.fail("normalize %s: got %s, want %s" % (line, g, want))
    return len(lines)


def check_extra(driver, tally):
    """bidirectional, east_asian_width, mirrored, decomposition"""
    proc = subprocess.run([driver, "extra"], stdout=subprocess.PIPE,
                          check=True, text=True)
    got = proc.stdout.splitlines()
    if len(got) != 0x110000:
        tally.fail("extra: %d lines" % len(got))
    for cp in range(min(len(got), 0x110000)):
        ch = chr(cp)
        want = "%x %s %s %d %s" % (
            cp, unicodedata.bidirectional(ch) or "-",
            unicodedata.east_asian_width(ch), unicodedata.mirrored(ch),
            unicodedata.decomposition(ch).replace(" ", "_") or "-")
        if got[cp] == want:
            tally.ok(4)
        else:
            tally.fail("U+%04X bidi/width/mirrored/decomposition: got %s, "
                       "want %s" % (cp, got[cp], want))


def main():
    driver = sys.argv[1]
    tally = Tally()
    check_props(driver, tally)
    nprops = tally.passed + tally.failed
    ncodec = check_codec(driver, tally)
    nlookups = check_names(driver, tally, random.Random(314159))
    nnorm = check_norm(driver, tally, random.Random(271828))
    check_extra(driver, tally)
    print("properties: %d checks over 0x110000 code points; codec: %d "
          "cases; names: 0x110000 names, %d lookups; normalization: "
          "4 forms x 0x110000 code points, %d strings x forms; "
          "bidi/width/mirrored/decomposition x 0x110000"
          % (nprops, ncodec, nlookups, nnorm))
    print("%d passed, %d failed" % (tally.passed, tally.failed))
    sys.exit(1 if tally.failed else 0)


if __name__ == "__main__":
    main()
