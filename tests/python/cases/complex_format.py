# format() and f-strings of complex numbers

values = [1 + 2j, 1j, -1j, 0j, 1.5 + 2j, -0.0 - 1j, 1234567 + 0j, 12345.678 + 0.001j,
          1e16 + 1e-5j, complex(-0.0, -0.0), complex(0.0, -0.0),
          complex(float("nan"), float("inf")), complex(1, float("nan")), -2.5 - 1e-7j]
specs = ["", "10", "<10", "^14", "*>16", "+", " ", "-", ".2", ".3", "#", "#.3", "e",
         "E", "f", "F", ".1f", "g", "G", "n", ".3g", "+.2e", "z", "z.1f", ",", "_",
         ",.2f", "_.1f", "#g", ".20", "€^18.2f", "x<20", "30.10g", "+z.0f"]
for v in values:
    for s in specs:
        print(repr(v), repr(s), repr(format(v, s)))

v = 3 - 4.5j
print(f"{v}", f"{v!r}", f"{v:.1f}", f"{v:>20}", f"{v:^+20.3e}", "{:g}".format(v))
print("{0.real} {0.imag} {0:.2f}".format(v), "%s %r" % (v, v), str(v), v.__format__(".1f"))

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

for bad in ["d", "=10", "010", "=010", "0<10", "%", "s", "x", "b", "c", ",n", "_x", ".", "10.2q",
            ",_f", "é"]:
    err(lambda: format(1 + 2j, bad))
err(lambda: format(1j, 5))
err(lambda: (1j).__format__(5))
err(lambda: f"{1j:%}")
