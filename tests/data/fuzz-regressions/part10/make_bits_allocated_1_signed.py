# Writes bits_allocated_1_signed_index_out_of_range.dcm (tests/fuzz/findings/README.md): run from this folder.
# Minimal Part 10 file: 1 x 8 MONOCHROME2, Bits Allocated/Stored 1, High Bit 0, Pixel Representation 1, pixels 0b01010101.
import struct
def el(g, e, vr, val):
    if vr in (b'OB', b'OW', b'SQ', b'UN', b'UT'):
        return struct.pack('<HH2sHI', g, e, vr, 0, len(val)) + val
    return struct.pack('<HH2sH', g, e, vr, len(val)) + val
def ui(s):
    b = s.encode(); return b + (b'\0' if len(b) % 2 else b'')
us = lambda v: struct.pack('<H', v)
meta = el(2, 1, b'OB', b'\0\1') + el(2, 2, b'UI', ui('1.2.840.10008.5.1.4.1.1.7')) + el(2, 3, b'UI', ui('1.2.3.4')) \
     + el(2, 0x10, b'UI', ui('1.2.840.10008.1.2.1'))
ds = el(8, 0x16, b'UI', ui('1.2.840.10008.5.1.4.1.1.7')) + el(8, 0x18, b'UI', ui('1.2.3.4')) \
   + el(0x28, 2, b'US', us(1)) + el(0x28, 4, b'CS', b'MONOCHROME2 ') + el(0x28, 0x10, b'US', us(1)) \
   + el(0x28, 0x11, b'US', us(8)) + el(0x28, 0x100, b'US', us(1)) + el(0x28, 0x101, b'US', us(1)) \
   + el(0x28, 0x102, b'US', us(0)) + el(0x28, 0x103, b'US', us(1)) + el(0x7fe0, 0x10, b'OB', b'\x55\0')
data = b'\0' * 128 + b'DICM' + el(2, 0, b'UL', struct.pack('<I', len(meta))) + meta + ds
open('bits_allocated_1_signed_index_out_of_range.dcm', 'wb').write(data)
