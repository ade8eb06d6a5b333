big = 2 ** 10000
print(len(str(big)), big % 1000007, (big >> 9990), big.bit_length())
try:
    int("9" * 5000)
except ValueError as e:
    print("ValueError:", str(e)[:60])
try:
    str(10 ** 5000)
except ValueError as e:
    print("ValueError:", str(e)[:60])
print(int("-0x_ff", 16) if False else int("ff", 16), int("0b101", 0), int("  42  "), int("1_000"))
for bad in ["", "1.5", "0x", "12abc", "1__0", "_1"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ["abc", "1e", "--1", "1_"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
print(float("  -1.5e3 "), float("inf"), float("-NaN"), float("1_0.5"))
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
print(divmod(-(10 ** 30), 7), pow(-3, 3, 7), pow(3, -1, 7), 10 ** 30 / 3)
