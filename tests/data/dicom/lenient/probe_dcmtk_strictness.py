#!/usr/bin/env python3
"""Crafts the malformed variants behind the "stricter than dcmtk" table of src/ChestDx.Dicom/README.md and reports
what Debian's dcmtk (3.6.7 on Debian 12) does with each: dcmdump (parse) and dcm2pnm / dcmdrle / dcmdjpeg /
dcmdjpls (decode), exit status and first warning or error line. Python 3 standard library; writes into a temporary
folder (or the folder given as argument) and prints a table. Run from this folder."""
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE.parent / "generated"


def split(path):
    """(prefix up to the data set, list of top-level explicit VR LE elements as (tag, vr, value bytes) or raw)."""
    d = path.read_bytes()
    pos = 132
    while struct.unpack_from("<H", d, pos)[0] == 0x0002:
        vr = d[pos + 4:pos + 6]
        if vr in (b"OB", b"OW", b"SQ", b"UN", b"UT"):
            pos += 12 + struct.unpack_from("<I", d, pos + 8)[0]
        else:
            pos += 8 + struct.unpack_from("<H", d, pos + 6)[0]
    prefix, out = d[:pos], []
    while pos < len(d):
        g, e = struct.unpack_from("<HH", d, pos)
        vr = d[pos + 4:pos + 6]
        if vr in (b"OB", b"OW", b"SQ", b"UN", b"UT"):
            n = struct.unpack_from("<I", d, pos + 8)[0]
            if n == 0xFFFFFFFF:   # encapsulated Pixel Data: keep the rest raw
                out.append(((g, e), vr, None, d[pos + 12:]))
                break
            out.append(((g, e), vr, d[pos + 12:pos + 12 + n], None))
            pos += 12 + n
        else:
            n = struct.unpack_from("<H", d, pos + 6)[0]
            out.append(((g, e), vr, d[pos + 8:pos + 8 + n], None))
            pos += 8 + n
    return prefix, out


def join(prefix, elements):
    b = bytearray(prefix)
    for (g, e), vr, value, raw in sorted(elements, key=lambda x: x[0]):
        if raw is not None:
            b += struct.pack("<HH", g, e) + vr + b"\0\0" + struct.pack("<I", 0xFFFFFFFF) + raw
        elif vr in (b"OB", b"OW", b"SQ", b"UN", b"UT"):
            b += struct.pack("<HH", g, e) + vr + b"\0\0" + struct.pack("<I", len(value)) + value
        elif vr == b"--":   # an element given as raw bytes (tag included)
            b += value
        else:
            b += struct.pack("<HH", g, e) + vr + struct.pack("<H", len(value)) + value
    return bytes(b)


def replace(elements, tag, vr, value):
    return [x for x in elements if x[0] != tag] + [(tag, vr, value, None)]


def us(v):
    return struct.pack("<H", v)


def encapsulated(fragments, bot=b""):
    b = struct.pack("<HHI", 0xFFFE, 0xE000, len(bot)) + bot
    for f in fragments:
        b += struct.pack("<HHI", 0xFFFE, 0xE000, len(f)) + f
    return b + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)


def only_fragment(elements):
    raw = [x for x in elements if x[0] == (0x7FE0, 0x0010)][0][3]
    n = struct.unpack_from("<I", raw, 4)[0]       # BOT item length
    at = 8 + n
    m = struct.unpack_from("<I", raw, at + 4)[0]
    return raw[at + 8:at + 8 + m]


def variants():
    p, base = split(GEN / "base_u12_ele.dcm")
    pixels = [x for x in base if x[0] == (0x7FE0, 0x0010)][0][2]
    yield "pixel_data_shorter_than_rows_x_cols", join(p, replace(base, (0x7FE0, 0x0010), b"OW", pixels[:-1000])), "dcm2pnm"
    yield "file_cut_inside_pixel_data", join(p, base)[:-1000], "dcm2pnm"
    yield "file_cut_inside_a_header_element", join(p, base)[:len(p) + 100], "dcmdump"
    yield "odd_length_value", join(p, replace(base, (0x0010, 0x0020), b"LO", b"FX001")), "dcmdump"
    yield "no_preamble_no_meta", join(b"", base), "dcm2pnm"
    yield "high_bit_below_bits_stored", join(p, replace(base, (0x0028, 0x0102), b"US", us(5))), "dcm2pnm"
    yield "bits_stored_above_bits_allocated", join(p, replace(base, (0x0028, 0x0101), b"US", us(17))), "dcm2pnm"
    yield "high_bit_outside_the_container", join(p, replace(base, (0x0028, 0x0102), b"US", us(16))), "dcm2pnm"
    yield "samples_per_pixel_2", join(p, replace(base, (0x0028, 0x0002), b"US", us(2))), "dcm2pnm"
    yield "pixel_representation_2", join(p, replace(base, (0x0028, 0x0103), b"US", us(2))), "dcm2pnm"
    yield "number_of_frames_0", join(p, replace(base, (0x0028, 0x0008), b"IS", b"0 ")), "dcm2pnm"
    yield "rows_0", join(p, replace(base, (0x0028, 0x0010), b"US", us(0))), "dcm2pnm"
    b24 = replace(replace(replace(base, (0x0028, 0x0100), b"US", us(24)), (0x0028, 0x0101), b"US", us(24)), (0x0028, 0x0102), b"US", us(23))
    yield "bits_allocated_24", join(p, replace(b24, (0x7FE0, 0x0010), b"OW", bytes(64 * 64 * 3))), "dcm2pnm"
    stray = (((0x0028, 0x0003), b"--", struct.pack("<HHI", 0xFFFE, 0xE000, 4) + b"\0\0\0\0", None))
    yield "item_tag_at_top_level", join(p, base + [stray]), "dcmdump"
    not_item = struct.pack("<HH", 0x0008, 0x0060) + b"CS" + us(2) + b"CR"
    yield "sequence_holding_an_element_not_an_item", join(p, base + [((0x0008, 0x1140), b"SQ", not_item, None)]), "dcmdump"
    # Undefined-length sequence and item in an implicit VR data set (PS3.5 §7.5): read by both.
    yield "undefined_length_items_implicit_vr", (GEN / "u12_seq_undef_ile.dcm").read_bytes(), "dcmdump"

    # Encapsulated: RLE with its last segment cut short, JPEG-LS and JPEG lossless cut without their end marker,
    # a multi-frame file whose Basic Offset Table has the wrong number of entries.
    p, rle = split(GEN / "u12_rle.dcm")
    frag = only_fragment(rle)
    cut = frag[:len(frag) - 200]
    yield "rle_last_segment_short", join(p, replace_raw(rle, encapsulated([cut + (b"\0" if len(cut) % 2 else b"")]))), "dcmdrle"
    yield "rle_trailing_bytes_after_last_segment", join(p, replace_raw(rle, encapsulated([frag + b"\0\0\0\0"]))), "dcmdrle"
    p, jls = split(GEN / "u12_jls.dcm")
    frag = only_fragment(jls)
    yield "jpeg_ls_cut_before_eoi", join(p, replace_raw(jls, encapsulated([frag[:len(frag) // 4 * 2]]))), "dcmdjpls"
    p, sv1 = split(GEN / "u12_jpeg_sv1.dcm")
    frag = only_fragment(sv1)
    yield "jpeg_lossless_cut_before_eoi", join(p, replace_raw(sv1, encapsulated([frag[:len(frag) // 4 * 2]]))), "dcmdjpeg"
    two = replace(replace_raw(sv1, encapsulated([frag, frag], bot=struct.pack("<I", 0))), (0x0028, 0x0008), b"IS", b"2 ")
    yield "two_frames_bot_with_one_entry", join(p, two), "dcmdjpeg"
    p, base8 = split(GEN / "u8_jpeg_base.dcm")
    frag = only_fragment(base8)
    yield "jpeg_baseline_cut_before_eoi", join(p, replace_raw(base8, encapsulated([frag[:len(frag) // 4 * 2]]))), "dcmdjpeg"


def replace_raw(elements, raw):
    return [x for x in elements if x[0] != (0x7FE0, 0x0010)] + [((0x7FE0, 0x0010), b"OB", None, raw)]


def run(tool, path, out):
    cmd = {"dcmdump": ["dcmdump", path], "dcm2pnm": ["dcm2pnm", path, out + ".pgm"],
           "dcmdrle": ["dcmdrle", path, out + ".dcm"], "dcmdjpls": ["dcmdjpls", path, out + ".dcm"],
           "dcmdjpeg": ["dcmdjpeg", path, out + ".dcm"]}[tool]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    lines = [l for l in r.stderr.splitlines() if l.startswith(("W:", "E:", "F:"))]
    return r.returncode, (lines[0] if lines else "")[:150]


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    print(subprocess.run(["dcmdump", "--version"], capture_output=True, text=True).stdout.splitlines()[0])
    for name, data, tool in variants():
        path = folder / f"{name}.dcm"
        path.write_bytes(data)
        code, line = run(tool, str(path), str(folder / f"{name}.out"))
        print(f"{name}\t{tool}\texit {code}\t{line}")
