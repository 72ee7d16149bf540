#!/usr/bin/env python3
"""Writes small PNG seeds for the png fuzz target: one per colour type GreyPngDecoder decodes (grey 8/16, grey+alpha,
RGB, RGBA), 8x6 pixels, rows cycling through filter types 0-4 (PNG spec §9.2) so every un-filter path is seeded.
Python standard library only; the output is deterministic. Usage: make_png_seeds.py OUTDIR"""
import os, struct, sys, zlib

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

def png(width, height, depth, colour, channels):
    bpp = channels * depth // 8
    rows = []
    for y in range(height):
        raw = bytes(((x * 37 + y * 11 + c * 5) * 7) & 0xFF for x in range(width) for c in range(bpp))
        # Stored with the filter byte only (the row data is the filtered bytes): any byte string is a valid filtered row.
        rows.append(bytes([y % 5]) + raw)
    ihdr = struct.pack('>IIBBBBB', width, height, depth, colour, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, depth, colour, channels in [('grey8', 8, 0, 1), ('grey16', 16, 0, 1), ('greyalpha8', 8, 4, 2), ('rgb8', 8, 2, 3), ('rgba8', 8, 6, 4)]:
    with open(os.path.join(out, f'gen_{name}_8x6.png'), 'wb') as f:
        f.write(png(8, 6, depth, colour, channels))
