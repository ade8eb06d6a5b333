# int.to_bytes and int.from_bytes


def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: (1024).to_bytes(2, 'big'))
t(lambda: (1024).to_bytes(2, 'little'))
t(lambda: (1024).to_bytes())
t(lambda: (1).to_bytes())
t(lambda: (-1).to_bytes(2, signed=True))
t(lambda: (-1).to_bytes(2))
t(lambda: (256).to_bytes(1))
t(lambda: (128).to_bytes(1, signed=True))
t(lambda: (1).to_bytes(-1))
t(lambda: (1).to_bytes(1, 'middle'))
t(lambda: (1).to_bytes(1, 1))
t(lambda: (1).to_bytes('a'))
t(lambda: (1).to_bytes(1, 'big', True))
t(lambda: (1).to_bytes(length=3, byteorder='little'))
t(lambda: (1).to_bytes(x=3))
t(lambda: (2**100).to_bytes(13))
t(lambda: (2**100).to_bytes(12))
t(lambda: (-2**100).to_bytes(13, signed=True))
t(lambda: True.to_bytes())
t(lambda: int.from_bytes(b'\x04\x00'))
t(lambda: int.from_bytes(b'\x04\x00', 'little'))
t(lambda: int.from_bytes(b'\xff\xff', signed=True))
t(lambda: int.from_bytes(b'\xff' * 20, signed=True))
t(lambda: int.from_bytes(b'\xff' * 20))
t(lambda: int.from_bytes(b''))
t(lambda: int.from_bytes([1, 2]))
t(lambda: int.from_bytes(bytearray(b'\x01\x00')))
t(lambda: int.from_bytes('ab'))
t(lambda: int.from_bytes(1))
t(lambda: int.from_bytes(b'a', 'x'))
t(lambda: int.from_bytes())
t(lambda: int.from_bytes(bytes=b'\x01', byteorder='little', signed=False))
t(lambda: (5).from_bytes(b'\x01'))
t(lambda: bool.from_bytes(b'\x01'))
t(lambda: (0).to_bytes(0))
t(lambda: (1).to_bytes(0))
t(lambda: (-1).to_bytes(0, signed=True))
t(lambda: (-128).to_bytes(1, signed=True))
t(lambda: (-129).to_bytes(1, signed=True))
t(lambda: (255).to_bytes(1, 'little', signed=False))
t(lambda: (2**64 - 1).to_bytes(8, 'little'))
t(lambda: (2**64).to_bytes(8, 'little'))
t(lambda: (-2**63).to_bytes(8, signed=True))
t(lambda: (1).to_bytes(1, byteorder='big', signed=1))
t(lambda: (1).to_bytes(1, length=1))
t(lambda: int.from_bytes(b'\x80', signed=True))
t(lambda: int.from_bytes(b'\x00\x80', 'little', signed=True))
t(lambda: int.from_bytes(b'\x01' * 9, 'little'))
t(lambda: int.from_bytes(b'\xff' * 8 + b'\x7f', 'little', signed=True))
t(lambda: int.from_bytes((x for x in [1, 0])))
t(lambda: int.from_bytes([256]))
t(lambda: int.from_bytes(b'a', byteorder=None))
for n in (0, 1, -1, 127, -128, 255, 2**31, -2**31, 2**63 - 1, 2**200 + 12345,
          -2**200 - 1):
    size = (n.bit_length() + 8) // 8
    for order in ('big', 'little'):
        data = n.to_bytes(size, order, signed=True)
        assert int.from_bytes(data, order, signed=True) == n
        print(n, order, data.hex())


class Idx:
    def __index__(self):
        return 3


class Truthy:
    def __bool__(self):
        return True


t(lambda: (2**40 + 5).to_bytes(Idx() if False else 6, 'big', signed=Truthy()))
t(lambda: (-5).to_bytes(Idx(), 'little', signed=Truthy()))
t(lambda: int.from_bytes([0xff, 0xfe], 'big', signed=Truthy()))
t(lambda: int.from_bytes(bytearray([1, 2, 3]), byteorder='little'))
