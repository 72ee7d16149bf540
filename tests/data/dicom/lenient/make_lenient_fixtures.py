#!/usr/bin/env python3
"""Writes the fixtures of tests/data/dicom/lenient (see README.md there); Python 3 standard library only.

1. ACR-NEMA 2.0 style files (no preamble, no file meta, implicit VR little endian) whose Pixel Data packs two 12-bit
   containers into three bytes (Bits Allocated 12), from known values written to *.source.u16 (little endian).
2. The dcmtk JPEG-LS fixture generated/u12_jls.dcm with its codestream made odd-length and then padded with one byte
   after the end-of-image marker (FF D9 <pad>), as real CR files from at least one vendor do.
The dcmtk reference decodes are made afterwards by make_lenient_refs.sh.
"""
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def element(group, elem, value: bytes) -> bytes:
    if len(value) % 2:
        raise ValueError("implicit VR values written here must have even length")
    return struct.pack("<HHI", group, elem, len(value)) + value


def us(v):
    return struct.pack("<H", v)


def text(s):
    b = s.encode("ascii")
    return b + b" " if len(b) % 2 else b


def pack12(values):
    """Bits Allocated 12: container k occupies bits 12k..12k+11 of the little-endian bit stream (the first value in
    the low 12 bits of the first 16-bit word), as dcmtk's DiInputPixelTemplate reads OW words LSB first."""
    bits = 0
    nbits = 0
    out = bytearray()
    for v in values:
        bits |= (v & 0xFFF) << nbits
        nbits += 12
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        out.append(bits & 0xFF)
    if len(out) % 2:
        out.append(0)   # OW values have even length
    return bytes(out)


def acr_nema(name, rows, columns, frames, bits_stored, values):
    assert len(values) == rows * columns * frames
    ds = b"".join([
        element(0x0008, 0x0010, text("ACR-NEMA 2.0")),            # Recognition Code (retired, ACR-NEMA 2.0)
        element(0x0008, 0x0060, text("CR")),
        element(0x0010, 0x0020, text("LENIENT-TEST")),
        element(0x0020, 0x0013, text("1")),
        element(0x0028, 0x0002, us(1)),
        element(0x0028, 0x0004, text("MONOCHROME2")),
        *([element(0x0028, 0x0008, text(str(frames)))] if frames > 1 else []),
        element(0x0028, 0x0010, us(rows)),
        element(0x0028, 0x0011, us(columns)),
        element(0x0028, 0x0100, us(12)),
        element(0x0028, 0x0101, us(bits_stored)),
        element(0x0028, 0x0102, us(bits_stored - 1)),
        element(0x0028, 0x0103, us(0)),
        element(0x7FE0, 0x0010, pack12(values)),
    ])
    (HERE / f"{name}.dcm").write_bytes(ds)
    # The values as stored in each container (12 bits, before masking to Bits Stored).
    (HERE / f"{name}.source.u16").write_bytes(struct.pack(f"<{len(values)}H", *values))


def values12(count, seed):
    """Deterministic 12-bit values: the extremes and mid-scale first, then a multiplicative hash sequence."""
    fixed = [0x000, 0xFFF, 0x800, 0x7FF, 0x001, 0xFFE, 0x0F0, 0xF0F]
    out = fixed[:count]
    x = seed
    while len(out) < count:
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append((x >> 40) & 0xFFF)
    return out


def jpeg_ls_with_pad(source, name, pad):
    """Rewrites the last fragment of a one-frame JPEG-LS file: FF FF D9 (dcmtk's extended EOI, an odd-length stream
    padded by a fill byte) becomes FF D9 + pad, i.e. an odd-length codestream followed by a pad byte."""
    data = (HERE.parent / "generated" / source).read_bytes()
    delimiter = data.rindex(b"\xfe\xff\xdd\xe0")
    item = data.rindex(b"\xfe\xff\x00\xe0", 0, delimiter)
    length = struct.unpack_from("<I", data, item + 4)[0]
    fragment = data[item + 8:item + 8 + length]
    assert item + 8 + length == delimiter and fragment.endswith(b"\xff\xff\xd9"), fragment[-4:].hex()
    padded = fragment[:-3] + b"\xff\xd9" + bytes([pad])
    assert len(padded) % 2 == 0
    (HERE / f"{name}.dcm").write_bytes(data[:item + 4] + struct.pack("<I", len(padded)) + padded + data[delimiter:])


if __name__ == "__main__":
    acr_nema("acrnema_u12_packed_63x5", 5, 63, 1, 12, values12(63 * 5, 11))
    # 7 x 3 = 21 (odd) containers per frame: frames 2 and 3 start in the middle of a byte. Bits Stored 10 with
    # values up to 12 bits: the two bits above Bits Stored must be masked off.
    acr_nema("acrnema_u10_packed_7x3x3", 3, 7, 3, 10, values12(7 * 3 * 3, 12))
    jpeg_ls_with_pad("u12_jls.dcm", "jls_u12_eoi_pad_ff", 0xFF)
    jpeg_ls_with_pad("u12_jls.dcm", "jls_u12_eoi_pad_00", 0x00)
    sys.exit(0)
