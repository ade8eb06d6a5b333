#!/usr/bin/env python3
"""Generate interp/runtime/unicode_db.c, pystm's Unicode character database.

Run from the repository root with CPython 3.11 (Unicode 14.0) and
clang-format on the PATH (the output is formatted with the root
.clang-format):

    python3 tools/gen_unicode_db.py [--output PATH]

Every property is read off the running python3 itself -- unicodedata
(including normalize() on single characters), str methods on
one-character strings, and, through ctypes, what no public API exposes:
the cased / case-ignorable / titlecase predicates, and unicodedata's C
API getname(), which alone enumerates name aliases and named sequences.
So pystm agrees with CPython by construction; tests/python/unicode/
re-derives everything at test time and compares.

Table layout (explained again in the generated file's comments):
  each code point maps to one deduplicated property record through a
  three-level page table (top -> mid -> leaf), page sizes chosen here to
  minimise the total bytes; combining classes, decomposition offsets and
  bidi/width/mirrored get three-level tables of their own; names are a
  word lexicon and a front-coded phrase book.  unicode.c decodes the
  normalization and name data.
"""

import ctypes
import os
import subprocess
import sys
import unicodedata

MAX_CP = 0x110000
DEFAULT_OUT = os.path.join("interp", "runtime", "unicode_db.c")
OUT = DEFAULT_OUT

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd",
              "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm",
              "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"]

# Flag bits; must match PYUNI_F_* in the generated file.
FLAGS = ["ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "PRINTABLE",
         "UPPER", "LOWER", "TITLE", "CASED", "CASE_IGNORABLE", "ID_START",
         "ID_CONTINUE", "LINEBREAK"]


def cpython_predicate(name):
    f = getattr(ctypes.pythonapi, name)
    f.restype = ctypes.c_int
    f.argtypes = [ctypes.c_uint32]
    return f


is_cased = cpython_predicate("_PyUnicode_IsCased")
is_case_ignorable = cpython_predicate("_PyUnicode_IsCaseIgnorable")
is_titlecase = cpython_predicate("_PyUnicode_IsTitlecase")


def flags_of(cp):
    ch = chr(cp)
    bits = {
        "ALPHA": ch.isalpha(),
        "DECIMAL": ch.isdecimal(),
        "DIGIT": ch.isdigit(),
        "NUMERIC": ch.isnumeric(),
        "SPACE": ch.isspace(),
        "PRINTABLE": ch.isprintable(),
        "UPPER": ch.isupper(),
        "LOWER": ch.islower(),
        "TITLE": bool(is_titlecase(cp)),
        "CASED": bool(is_cased(cp)),
        "CASE_IGNORABLE": bool(is_case_ignorable(cp)),
        "ID_START": ch.isidentifier(),
        "ID_CONTINUE": ("a" + ch).isidentifier(),
        "LINEBREAK": len(("a" + ch + "b").splitlines()) == 2,
    }
    v = 0
    for i, name in enumerate(FLAGS):
        if bits[name]:
            v |= 1 << i
    return v


def build():
    numerics = []  # distinct numeric values, in first-seen order
    numeric_ix = {}
    tails = []  # uint32 array of full-mapping tails
    tail_ix = {}
    records = []
    record_ix = {}
    cp_record = []
    for cp in range(MAX_CP):
        ch = chr(cp)
        num = unicodedata.numeric(ch, None)
        if num is None:
            nix = 0xFFFF
        else:
            key = num.hex()
            if key not in numeric_ix:
                numeric_ix[key] = len(numerics)
                numerics.append(num)
            nix = numeric_ix[key]
        # Full mappings: first code point as a delta (shared by runs of
        # letters), the rest (0..2 code points) as a shared tail.
        deltas = []
        tail = []
        counts = 0
        for i, m in enumerate((ch.lower(), ch.upper(), ch.title(),
                               ch.casefold())):
            assert 1 <= len(m) <= 3
            deltas.append(ord(m[0]) - cp)
            tail.extend(ord(x) for x in m[1:])
            counts |= (len(m) - 1) << (2 * i)
        tail = tuple(tail)
        if not tail:
            ext = 0
        else:
            if tail not in tail_ix:
                tail_ix[tail] = len(tails)
                tails.extend(tail)
            ext = tail_ix[tail]
        rec = (tuple(deltas), flags_of(cp), nix, ext,
               CATEGORIES.index(unicodedata.category(ch)),
               unicodedata.decimal(ch, -1), unicodedata.digit(ch, -1), counts)
        if rec not in record_ix:
            record_ix[rec] = len(records)
            records.append(rec)
        cp_record.append(record_ix[rec])
    assert records[cp_record[0x10FFFF]] == records[cp_record[0x10FFFE]]
    return numerics, tails, records, cp_record


def ctype_for(maxval):
    if maxval < 256:
        return "uint8_t", 1
    if maxval < 65536:
        return "uint16_t", 2
    return "uint32_t", 4


def pages_of(values, shift):
    """Cut values into pages of 2**shift, deduplicated: (page number per
    page, concatenated distinct pages)."""
    size = 1 << shift
    seen = {}
    ids = []
    flat = []
    for start in range(0, len(values), size):
        page = tuple(values[start:start + size])
        if page not in seen:
            seen[page] = len(seen)
            flat.extend(page)
        ids.append(seen[page])
    return ids, flat


def split_table(values):
    """The smallest three-level page table for values:
    (shift1, shift2, top, mid, leaf, bytes) with
    values[cp] = leaf[mid[top[cp >> (s1 + s2)] << s1 | (cp >> s2) & m1]
                      << s2 | cp & m2]."""
    best = None
    for s2 in range(2, 10):
        ids, leaf = pages_of(values, s2)
        leaf_bytes = len(leaf) * ctype_for(max(leaf))[1]
        for s1 in range(2, 10):
            top, mid = pages_of(ids, s1)
            nbytes = (leaf_bytes + len(mid) * ctype_for(max(mid))[1] +
                      len(top) * ctype_for(max(top))[1])
            if best is None or nbytes < best[5]:
                best = (s1, s2, top, mid, leaf, nbytes)
    return best


def c_array(ctype, name, values, per_line=12):
    out = ["static const %s %s[%d] = {" % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        out.append("    " + ", ".join(str(v) for v in values[i:i + per_line])
                   + ",")
    out.append("};")
    return "\n".join(out)


# ---- normalization ----

def emit_lookup(fname, values, rettype, doc, exported):
    """C for values[cp] as a three-level page table behind a function
    fname(cp) (0 for cp > 0x10FFFF); returns (text, bytes)."""
    s1, s2, top, mid, leaf, nbytes = split_table(values)
    o = []
    for part, arr in (("top", top), ("mid", mid), ("leaf", leaf)):
        o.append(c_array(ctype_for(max(arr))[0], "%s_%s" % (fname, part),
                         arr, 16))
        o.append("")
    o.append("/* %s: %d bytes, pages of %d and %d */" % (doc, nbytes,
                                                        1 << s2, 1 << s1))
    o.append("%s%s %s(uint32_t cp)" % ("" if exported else "static ",
                                       rettype, fname))
    o.append("{")
    o.append("    if (cp >= 0x110000)")
    o.append("        return 0;")
    o.append("    unsigned page = %s_top[cp >> %d];" % (fname, s1 + s2))
    o.append("    page = %s_mid[(page << %d) | ((cp >> %d) & %d)];"
             % (fname, s1, s2, (1 << s1) - 1))
    o.append("    return %s_leaf[(page << %d) | (cp & %d)];"
             % (fname, s2, (1 << s2) - 1))
    o.append("}")
    return "\n".join(o), nbytes


DECOMP_TAGS = ["", "<circle>", "<compat>", "<final>", "<font>",
               "<fraction>", "<initial>", "<isolated>", "<medial>",
               "<narrow>", "<noBreak>", "<small>", "<square>", "<sub>",
               "<super>", "<vertical>", "<wide>"]


def build_norm():
    """Combining classes, decompositions, composition pairs; Hangul
    syllables are left to the algorithm in unicode.c."""
    ccc = [unicodedata.combining(chr(cp)) for cp in range(MAX_CP)]
    data = bytearray()
    index = [0] * MAX_CP
    maxlen = 0
    for cp in range(MAX_CP):
        if 0xAC00 <= cp <= 0xD7A3:
            continue
        ch = chr(cp)
        d = unicodedata.normalize("NFD", ch)
        k = unicodedata.normalize("NFKD", ch)
        single = unicodedata.decomposition(ch)
        if d == ch and k == ch:
            assert not single
            continue
        maxlen = max(maxlen, len(single))
        parts = single.split()
        tag = parts.pop(0) if parts[0].startswith("<") else ""
        single = "".join(chr(int(x, 16)) for x in parts)
        index[cp] = len(data) + 1
        nd = len(d) if d != ch else 0
        nk = len(k) if k != d else 0
        # the one-level mapping is stored only where it differs from the
        # full one of its kind (64: same as NFD, 128: same as NFKD)
        if single == d and not tag:
            ns = 64
        elif single == k and tag:
            ns = 128
        else:
            ns = len(single)
        data += bytes([nd, nk, DECOMP_TAGS.index(tag), ns])
        for text, n in ((d, nd), (k, nk), (single, ns)):
            if n and n < 64:
                data += text.encode("utf-8", "surrogatepass")
    assert len(data) < 0xFFFF
    assert maxlen < 128  # PYUNI_DECOMPOSITION_MAX in unicode.h
    pairs = []
    for cp in range(MAX_CP):
        ch = chr(cp)
        dec = unicodedata.decomposition(ch).split()
        if (len(dec) == 2 and not dec[0].startswith("<") and
                unicodedata.normalize("NFC", ch) == ch):
            a, b = int(dec[0], 16), int(dec[1], 16)
            pairs.append(((a << 21) | b, cp))
    pairs.sort()
    return ccc, index, data, pairs


def norm_c():
    ccc, index, data, pairs = build_norm()
    o = ["""
/* ---- normalization (used by unicode.c) ----

   Canonical combining class per code point; for each code point whose
   NFD or NFKD differs from itself (Hangul syllables aside), an entry in
   _pyuni_decomp_data at _pyuni_decomp_offset(cp) - 1: four bytes, the
   number of code points of its NFD (0: itself), that of its NFKD (0:
   same as NFD), the index of its decomposition tag ("<compat>", ...; 0:
   canonical) and the number of code points of its one-level mapping
   (unicodedata.decomposition(); 64: same as the NFD, 128: same as the
   NFKD), then those that are not 0/64/128 in UTF-8, in that order.  NFD
   and NFKD are full (recursive) and canonically ordered, as python3
   computes them.
   Composition: the primary composites' pairs, keys (first << 21 | second)
   sorted for binary search. */
"""]
    t1, b1 = emit_lookup("pyuni_combining", ccc, "int",
                         "unicodedata.combining()", True)
    t2, b2 = emit_lookup("_pyuni_decomp_offset", index, "unsigned",
                         "decomposition entry + 1, 0: none", True)
    o += [t1, "", t2, ""]
    o.append("const char *const _pyuni_decomp_tags[%d] = {"
             % len(DECOMP_TAGS))
    o.append("    " + ", ".join('"%s"' % t for t in DECOMP_TAGS) + ",")
    o.append("};\n")
    o.append(c_array("uint8_t", "_pyuni_decomp_data", list(data), 16)
             .replace("static const", "const"))
    o.append("")
    o.append("const unsigned _pyuni_comp_count = %d;" % len(pairs))
    o.append(c_array("uint64_t", "_pyuni_comp_keys",
                     ["0x%xULL" % k for k, _ in pairs], 4)
             .replace("static const", "const"))
    o.append("")
    o.append(c_array("uint32_t", "_pyuni_comp_values",
                     ["0x%x" % v for _, v in pairs], 8)
             .replace("static const", "const"))
    total = b1 + b2 + len(data) + 12 * len(pairs)
    o.append("/* normalization data: %d bytes */" % total)
    return "\n".join(o), total


# ---- the rest of unicodedata ----

def other_c():
    """bidirectional(), east_asian_width(), mirrored()."""
    bidis = sorted(set(unicodedata.bidirectional(chr(c))
                       for c in range(MAX_CP)))
    widths = sorted(set(unicodedata.east_asian_width(chr(c))
                        for c in range(MAX_CP)))
    packed = []
    for cp in range(MAX_CP):
        ch = chr(cp)
        packed.append(bidis.index(unicodedata.bidirectional(ch)) |
                      widths.index(unicodedata.east_asian_width(ch)) << 5 |
                      unicodedata.mirrored(ch) << 8)
    assert len(bidis) <= 32 and len(widths) <= 8
    o = ["""
/* ---- bidirectional class, east asian width, mirrored ----

   One 16-bit value per code point: index into _pyuni_bidi_names |
   index into _pyuni_width_names << 5 | mirrored << 8. */
"""]
    o.append("const char *const _pyuni_bidi_names[%d] = {" % len(bidis))
    o.append("    " + ", ".join('"%s"' % b for b in bidis) + ",")
    o.append("};")
    o.append("const char *const _pyuni_width_names[%d] = {" % len(widths))
    o.append("    " + ", ".join('"%s"' % w for w in widths) + ",")
    o.append("};\n")
    t1, b1 = emit_lookup("_pyuni_bidi_width", packed, "unsigned",
                         "bidi | width << 5 | mirrored << 8", True)
    o.append(t1)
    return "\n".join(o), b1


# ---- names ----

# Names CPython derives from the code point rather than storing: these
# four are "PREFIX-%04X" over ranges (CPython stores all but the first
# explicitly, which is why only the first is case-sensitive in lookups,
# see unicode.c), plus the Hangul syllables.
RANGE_PREFIXES = ["CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
                  "KHITAN SMALL SCRIPT CHARACTER", "NUSHU CHARACTER"]
BLOCK = 32  # names per front-coded block of the phrase book
ONE_BYTE_WORDS = 192  # word ids below this take one byte, others two


def cpython_name_capi():
    """getname() of unicodedata's C API: it alone enumerates the name
    aliases (at U+F0000..) and named sequences (at U+F0200..)."""
    getptr = ctypes.pythonapi.PyCapsule_GetPointer
    getptr.restype = ctypes.c_void_p
    getptr.argtypes = [ctypes.py_object, ctypes.c_char_p]
    p = getptr(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI")
    fns = (ctypes.c_void_p * 2).from_address(p)
    proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p,
                             ctypes.c_int, ctypes.c_int)
    getname = proto(fns[0])
    buf = ctypes.create_string_buffer(256)

    def names_from(base, limit):
        out = []
        for i in range(limit):
            if not getname(base + i, buf, 256, 1):
                break
            out.append(buf.value.decode("ascii"))
        return out

    return names_from(0xF0000, 0x200), names_from(0xF0200, 0x1000)


def build_names():
    explicit = []  # (cp, name) in code point order
    ranges = []  # [start, end, prefix index]
    for cp in range(MAX_CP):
        name = unicodedata.name(chr(cp), None)
        if name is None:
            continue
        if 0xAC00 <= cp <= 0xD7A3:
            assert name.startswith("HANGUL SYLLABLE ")
            continue
        prefix, _, num = name.rpartition("-")
        if prefix in RANGE_PREFIXES and num == "%04X" % cp:
            k = RANGE_PREFIXES.index(prefix)
            if ranges and ranges[-1][1] == cp - 1 and ranges[-1][2] == k:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp, k])
            continue
        explicit.append((cp, name))
    aliases, sequences = cpython_name_capi()
    alias_targets = [ord(unicodedata.lookup(a)) for a in aliases]
    seq_values = [[ord(c) for c in unicodedata.lookup(q)] for q in sequences]
    assert max(len(v) for v in seq_values) <= 4
    entries = [n for _, n in explicit] + aliases + sequences
    maxlen = max(len(n) for n in entries)
    assert maxlen < 128  # PYUNI_NAME_MAX in unicode.h

    # runs of consecutive named code points -> entry numbers
    runs = []  # [start, count, first entry]
    for i, (cp, _) in enumerate(explicit):
        if runs and runs[-1][0] + runs[-1][1] == cp:
            runs[-1][1] += 1
        else:
            runs.append([cp, 1, i])

    # word lexicon, most frequent first so that they get one-byte ids
    freq = {}
    for n in entries:
        for w in n.split(" "):
            freq[w] = freq.get(w, 0) + 1
    words = sorted(freq, key=lambda w: (-freq[w], w))
    word_id = {w: i for i, w in enumerate(words)}
    assert len(words) <= ONE_BYTE_WORDS + 64 * 256
    lexicon = bytearray()
    word_index = []
    for i, w in enumerate(words):
        if i % 8 == 0:
            word_index.append(len(lexicon))
        assert w and w.isascii()
        lexicon += w[:-1].encode() + bytes([ord(w[-1]) | 0x80])

    # phrase book: per entry, a header byte (words shared with the
    # previous entry of the block << 4 | new words, 15 = count follows)
    # and the new words' ids
    phrases = bytearray()
    phrase_index = []
    prev = []
    maxwords = 0
    for i, n in enumerate(entries):
        ws = n.split(" ")
        maxwords = max(maxwords, len(ws))
        if i % BLOCK == 0:
            phrase_index.append(len(phrases))
            prev = []
        shared = 0
        while (shared < min(len(ws), len(prev), 15) and
               ws[shared] == prev[shared]):
            shared += 1
        fresh = len(ws) - shared
        if fresh >= 15:
            phrases += bytes([shared << 4 | 15, fresh])
        else:
            phrases.append(shared << 4 | fresh)
        for w in ws[shared:]:
            k = word_id[w]
            if k < ONE_BYTE_WORDS:
                phrases.append(k)
            else:
                k -= ONE_BYTE_WORDS
                phrases += bytes([ONE_BYTE_WORDS + (k >> 8), k & 0xFF])
        prev = ws
    assert maxwords <= 32  # the decoder's word buffer in unicode.c
    order = sorted(range(len(entries)), key=lambda i: entries[i])
    assert len(entries) < 65536
    return dict(explicit=explicit, ranges=ranges, aliases=aliases,
                alias_targets=alias_targets, sequences=sequences,
                seq_values=seq_values, runs=runs, lexicon=lexicon,
                word_index=word_index, phrases=phrases,
                phrase_index=phrase_index, order=order, nwords=len(words),
                maxlen=maxlen)


def names_c(nm):
    o = []
    sizes = [
        ("lexicon", len(nm["lexicon"])),
        ("word index", 4 * len(nm["word_index"])),
        ("phrase book", len(nm["phrases"])),
        ("phrase index", 4 * len(nm["phrase_index"])),
        ("runs", 4 * 3 * len(nm["runs"])),
        ("sorted entries", 2 * len(nm["order"])),
        ("alias targets", 4 * len(nm["aliases"])),
        ("sequences", 16 * len(nm["sequences"])),
    ]
    total = sum(n for _, n in sizes)
    o.append("""
/* ---- names (used by unicode.c) ----

   %d names are stored (%d code points' names, %d aliases, %d named
   sequences) as "entries" numbered in that order; the rest are computed
   (Hangul syllables, and "PREFIX-%%04X" over the ranges below).  An entry
   is a list of words, separated by single spaces: %d distinct words,
   each in the lexicon with bit 7 set on its last letter, word_index
   giving the offset of every 8th.  The phrase book holds the entries in
   blocks of %d (phrase_index: offset of each block); an entry is a header
   byte, (words shared with the previous entry in the block) << 4 | (new
   words, 15: the count is in the next byte), then the new words' ids,
   one byte below %d and two bytes (%d + high, low) above.  Runs map code
   points to entries, name_sorted lists entries by name for lookups.
   Sizes: %s: %d bytes (%.1f KiB). */
""" % (len(nm["order"]), len(nm["explicit"]), len(nm["aliases"]),
       len(nm["sequences"]), nm["nwords"], BLOCK, ONE_BYTE_WORDS,
       ONE_BYTE_WORDS, ", ".join("%s %d" % s for s in sizes), total,
       total / 1024))
    o.append("const unsigned _pyuni_name_counts[4] = {%d, %d, %d, %d};"
             % (len(nm["explicit"]), len(nm["aliases"]), len(nm["sequences"]),
                len(nm["runs"])))
    o.append("const unsigned _pyuni_name_block = %d;" % BLOCK)
    o.append("const unsigned _pyuni_name_one_byte_words = %d;\n"
             % ONE_BYTE_WORDS)
    o.append("const char *const _pyuni_name_prefixes[%d] = {" %
             len(RANGE_PREFIXES))
    o.append("    " + ", ".join('"%s-"' % p for p in RANGE_PREFIXES) + ",")
    o.append("};")
    o.append("/* start, end, prefix */")
    flat = [v for r in nm["ranges"] for v in r]
    o.append(c_array("uint32_t", "_pyuni_name_ranges", flat, 3).replace(
        "static const", "const"))
    o.append("const unsigned _pyuni_name_range_count = %d;\n"
             % len(nm["ranges"]))
    o.append("/* first code point, count, first entry */")
    flat = [v for r in nm["runs"] for v in r]
    o.append(c_array("uint32_t", "_pyuni_name_runs", flat, 3).replace(
        "static const", "const"))
    o.append("")
    o.append(c_array("uint32_t", "_pyuni_word_index", nm["word_index"], 8)
             .replace("static const", "const"))
    o.append("")
    o.append(c_array("uint32_t", "_pyuni_phrase_index", nm["phrase_index"],
                     8).replace("static const", "const"))
    o.append("")
    o.append(c_array("uint16_t", "_pyuni_name_sorted", nm["order"], 12)
             .replace("static const", "const"))
    o.append("")
    o.append(c_array("uint32_t", "_pyuni_alias_targets",
                     nm["alias_targets"], 8).replace("static const",
                                                     "const"))
    o.append("")
    o.append("const uint32_t _pyuni_sequences[%d][4] = {" %
             len(nm["seq_values"]))
    for v in nm["seq_values"]:
        o.append("    {%s}," % ", ".join("0x%x" % x for x in v))
    o.append("};\n")
    o.append(c_array("uint8_t", "_pyuni_phrases", list(nm["phrases"]), 16)
             .replace("static const", "const"))
    o.append("")
    o.append(c_array("char", "_pyuni_lexicon", [
        str(b - 256 if b > 127 else b) for b in nm["lexicon"]], 16)
        .replace("static const", "const"))
    return "\n".join(o), total


def main():
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--output":
        OUT = sys.argv[2]  # e.g. to check the checked-in file is current
    elif len(sys.argv) != 1:
        sys.exit("usage: gen_unicode_db.py [--output PATH]")
    if sys.version_info[:2] != (3, 11) or \
            unicodedata.unidata_version != "14.0.0":
        sys.exit("gen_unicode_db.py: needs CPython 3.11 (Unicode 14.0.0)")
    numerics, tails, records, cp_record = build()
    shift1, shift2, top, mid, leaf, index_bytes = split_table(cp_record)
    record_size = 28
    total = (index_bytes + len(records) * record_size + len(numerics) * 8 +
             len(tails) * 4)

    o = []
    o.append("""/* GENERATED by tools/gen_unicode_db.py from CPython %s's unicodedata
   (Unicode %s) -- do not edit; regenerate with
       python3 tools/gen_unicode_db.py
   from the repository root.

   Owns the per-code-point Unicode properties of unicode.h and the tables
   for normalization (with unicodedata.decomposition()), the rest of
   unicodedata (bidirectional class, east asian width, mirrored) and
   character names (decoded by
   unicode.c; each described further down).
   Every code point maps to one of %d deduplicated records through a
   three-level page table, leaf pages of %d code points and middle pages
   of %d leaf page numbers, each level deduplicated:
       page = mid[(top[cp >> %d] << %d) | ((cp >> %d) & %d)]
       record = records[leaf[(page << %d) | (cp & %d)]]
   A record holds the general category, the predicate flags, the
   decimal/digit values, an index into numeric_values[], and the four full
   case mappings (lower, upper, title, casefold): the first code point of
   each as a delta from cp (so a run of letters shares one record) and
   the remaining 0..2 code points in case_tails[] (2 bits of counts per
   mapping).  CPython's "simple" mappings are the first code point of the
   full ones.
   Sizes: top %d B, mid %d B, leaf %d B, records %d x %d B, numeric
   values %d x 8 B, case tails %d x 4 B: %d bytes (%.1f KiB) in all. */

#include "unicode.h"
""" % ("%d.%d.%d" % sys.version_info[:3], unicodedata.unidata_version,
       len(records), 1 << shift2, 1 << shift1, shift1 + shift2, shift1,
       shift2, (1 << shift1) - 1, shift2, (1 << shift2) - 1,
       len(top) * ctype_for(max(top))[1], len(mid) * ctype_for(max(mid))[1],
       len(leaf) * ctype_for(max(leaf))[1], len(records), record_size,
       len(numerics), len(tails), total, total / 1024))

    o.append("#define SHIFT1 %d" % shift1)
    o.append("#define SHIFT2 %d\n" % shift2)
    o.append("""/* Bits of pyuni_record.flags; each is CPython 3.11's str method on a
   one-character string, or the internal predicate of the same name. */
enum {""")
    for i, name in enumerate(FLAGS):
        o.append("    PYUNI_F_%s = 1u << %d," % (name, i))
    o.append("};\n")
    o.append("""struct pyuni_record {
    int32_t delta[4];   /* first code point of lower/upper/title/fold - cp */
    uint32_t flags;     /* PYUNI_F_* */
    uint16_t numeric;   /* index into numeric_values[], 0xFFFF: none */
    uint16_t tail;      /* index into case_tails[] */
    uint8_t category;   /* enum pyuni_category */
    int8_t decimal;     /* -1: none */
    int8_t digit;       /* -1: none */
    uint8_t tail_count; /* 2 bits per mapping: code points after the first */
};
_Static_assert(sizeof(struct pyuni_record) == %d, "record size");
""" % record_size)
    o.append(c_array(ctype_for(max(top))[0], "top", top, 16))
    o.append("")
    o.append(c_array(ctype_for(max(mid))[0], "mid", mid, 16))
    o.append("")
    o.append(c_array(ctype_for(max(leaf))[0], "leaf", leaf, 12))
    o.append("")
    o.append("static const struct pyuni_record records[%d] = {" % len(records))
    for (deltas, flags, nix, ext, cat, dec, dig, counts) in records:
        o.append("    {{%d, %d, %d, %d}, 0x%x, %d, %d, %d, %d, %d, %d},"
                 % (*deltas, flags, nix, ext, cat, dec, dig, counts))
    o.append("};\n")
    o.append("static const double numeric_values[%d] = {" % len(numerics))
    for v in numerics:
        o.append("    %s, /* %r */" % (v.hex(), v))
    o.append("};\n")
    o.append(c_array("uint32_t", "case_tails", tails or [0], 8))
    o.append("")
    o.append("static const char category_names[%d][3] = {" % len(CATEGORIES))
    o.append("    " + ", ".join('"%s"' % c for c in CATEGORIES) + ",")
    o.append("};")
    o.append(ACCESSORS)
    norm_text, norm_total = norm_c()
    o.append(norm_text)
    other_text, other_total = other_c()
    o.append(other_text)
    names_text, names_total = names_c(build_names())
    o.append(names_text)
    # the checked-in file is in the project's clang-format style (found
    # from the checked-in path, wherever this output goes)
    formatted = subprocess.run(
        ["clang-format", "--assume-filename=" + DEFAULT_OUT],
        input="\n".join(o) + "\n", stdout=subprocess.PIPE, text=True,
        check=True).stdout
    with open(OUT, "w") as f:
        f.write(formatted)
    print("wrote %s: %d records, %d bytes of property tables, %d bytes "
          "of normalization data, %d bytes of bidi/width/mirrored, "
          "%d bytes of names"
          % (OUT, len(records), total, norm_total, other_total, names_total))


ACCESSORS = r"""
static inline const struct pyuni_record *record_of(uint32_t cp)
{
    if (cp >= 0x110000)
        cp = 0x10FFFF; /* an unassigned noncharacter: no properties */
    unsigned page = top[cp >> (SHIFT1 + SHIFT2)];
    page = mid[(page << SHIFT1) | ((cp >> SHIFT2) & ((1u << SHIFT1) - 1))];
    return &records[leaf[(page << SHIFT2) | (cp & ((1u << SHIFT2) - 1))]];
}

static inline bool has_flag(uint32_t cp, uint32_t flag)
{
    return (record_of(cp)->flags & flag) != 0;
}

bool pyuni_is_id_start(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_ID_START);
}

bool pyuni_is_id_continue(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_ID_CONTINUE);
}

bool pyuni_is_alpha(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_ALPHA);
}

bool pyuni_is_decimal(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_DECIMAL);
}

bool pyuni_is_digit(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_DIGIT);
}

bool pyuni_is_numeric(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_NUMERIC);
}

bool pyuni_is_alnum(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_ALPHA | PYUNI_F_DECIMAL | PYUNI_F_DIGIT |
                            PYUNI_F_NUMERIC);
}

bool pyuni_is_space(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_SPACE);
}

bool pyuni_is_printable(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_PRINTABLE);
}

bool pyuni_is_upper(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_UPPER);
}

bool pyuni_is_lower(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_LOWER);
}

bool pyuni_is_titlecase(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_TITLE);
}

bool pyuni_is_cased(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_CASED);
}

bool pyuni_is_case_ignorable(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_CASE_IGNORABLE);
}

bool pyuni_is_linebreak(uint32_t cp)
{
    return has_flag(cp, PYUNI_F_LINEBREAK);
}

enum pyuni_category pyuni_category(uint32_t cp)
{
    return (enum pyuni_category)record_of(cp)->category;
}

const char *pyuni_category_name(uint32_t cp)
{
    return category_names[record_of(cp)->category];
}

int pyuni_decimal(uint32_t cp)
{
    return record_of(cp)->decimal;
}

int pyuni_digit(uint32_t cp)
{
    return record_of(cp)->digit;
}

bool pyuni_numeric(uint32_t cp, double *value)
{
    const struct pyuni_record *r = record_of(cp);
    if (r->numeric == 0xFFFF)
        return false;
    *value = numeric_values[r->numeric];
    return true;
}

/* Mapping k of cp: the first code point from the delta, the rest from the
   record's tail, after the tails of mappings 0..k-1. */
static int map_full(uint32_t cp, int k, uint32_t out[3])
{
    const struct pyuni_record *r = record_of(cp);
    out[0] = (uint32_t)((int32_t)cp + r->delta[k]);
    unsigned skip = 0;
    for (int i = 0; i < k; i++)
        skip += (r->tail_count >> (2 * i)) & 3;
    unsigned n = (r->tail_count >> (2 * k)) & 3;
    for (unsigned i = 0; i < n; i++)
        out[1 + i] = case_tails[r->tail + skip + i];
    return 1 + (int)n;
}

static uint32_t map_simple(uint32_t cp, int k)
{
    if (cp >= 0x110000)
        return cp;
    return (uint32_t)((int32_t)cp + record_of(cp)->delta[k]);
}

uint32_t pyuni_to_lower(uint32_t cp)
{
    return map_simple(cp, 0);
}

uint32_t pyuni_to_upper(uint32_t cp)
{
    return map_simple(cp, 1);
}

uint32_t pyuni_to_title(uint32_t cp)
{
    return map_simple(cp, 2);
}

int pyuni_to_lower_full(uint32_t cp, uint32_t out[3])
{
    if (cp >= 0x110000) {
        out[0] = cp;
        return 1;
    }
    return map_full(cp, 0, out);
}

int pyuni_to_upper_full(uint32_t cp, uint32_t out[3])
{
    if (cp >= 0x110000) {
        out[0] = cp;
        return 1;
    }
    return map_full(cp, 1, out);
}

int pyuni_to_title_full(uint32_t cp, uint32_t out[3])
{
    if (cp >= 0x110000) {
        out[0] = cp;
        return 1;
    }
    return map_full(cp, 2, out);
}

int pyuni_casefold_full(uint32_t cp, uint32_t out[3])
{
    if (cp >= 0x110000) {
        out[0] = cp;
        return 1;
    }
    return map_full(cp, 3, out);
}
"""

if __name__ == "__main__":
    main()
