# integers: small and big, floor division and modulo signs, shifts, bitwise
values = [0, 1, -1, 7, -7, 2**62, -2**62, 2**63 - 1, 2**64, -(2**100) + 3]
for a in values:
    for b in [1, -1, 3, -3, 2**65, -(2**65)]:
        print(a + b, a - b, a * b, a // b, a % b, a ** 2, -a, abs(a))
print(2**200 // 3**50, 2**200 % 3**50, 10**30 // -7, (-10)**31 % 7)
print(1 << 70, -1 << 70, (2**70) >> 3, -(2**70) >> 69, -5 >> 1)
print(0xff & 0x0f, 0xf0 | 0x0f, 0xff ^ 0x0f, ~5, ~(2**70))
print((2**70) & -1, (2**70) | 1, -(2**70) ^ 12345)
print(7 / 2, -7 / 2, 10**400 // 10**399, 1 / 3)
print(2 ** -1, 0 ** 0, (-2) ** 3, 3 ** 40)
print(hash(2**64), hash(-1), hash(-2), hash(2**61 - 1), hash(2**61))
print(int_max := 2**63 - 1, int_max + 1)
