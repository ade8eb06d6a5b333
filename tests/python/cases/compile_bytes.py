# compile(), exec() and eval() of bytes: decoded like a source file (BOM,
# coding cookie); a str is already text: a leading U+FEFF is an error and
# a coding cookie means nothing.


def t(src, mode="exec"):
    try:
        c = compile(src, "<s>", mode)
        ns = {}
        r = eval(c, ns) if mode == "eval" else exec(c, ns)
        print("ok", r, {k: v for k, v in ns.items() if k != "__builtins__"})
    except SyntaxError as e:
        print("SyntaxError", repr(e.msg), e.lineno, e.offset)


t(b"x = 1")
t(b"\xef\xbb\xbfx = 2")
t("\ufeffx = 3")
t("x = 4\n\ufeffy = 5")
t("\ufeff1", "eval")
t(b"# -*- coding: latin-1 -*-\nx = \"\xe9\"")
t("# -*- coding: latin-1 -*-\nx = \"\xe9\"")
t("# coding: ascii\nx = '\u20ac'")
t(b"x = \"\xc3\xa9\"")
t(b"# coding: utf-8\nx=\"\xc3\xa9\"")
t(b"x = \"\xff\"")
t(b"\xef\xbb\xbf# coding: latin-1\nx = 1")
t(b"1 + 2", "eval")
t(bytearray(b"3 + 4"), "eval")
t(memoryview(b"1+1"), "eval")
t(b"x=1\x00")
t(b"if 1:\n  y = 'a'\nelse:\n  y = 'b'")
print(eval(b"5 * 5"), eval(b"  6"))
exec(b"print('from exec')")
try:
    compile(5, "<s>", "exec")
except TypeError as e:
    print("TypeError", e)
try:
    exec(5)
except TypeError as e:
    print("TypeError", e)
