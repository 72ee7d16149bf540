#!/usr/bin/python3
"""Writes JPEG lossless (T.81 process 14) DICOM fixtures with the stream features dcmcjpeg cannot produce:
restart intervals, interleaved and one-scan-per-component colour, point transform, long Huffman codes (> 12 bits),
low precisions, APPn/COM segments and fill bytes, and a DNL-defined line count.

A deliberately plain encoder (T.81 H.1.2, F.1.2.3 byte stuffing) so the references do NOT come from it: make_refs
below decodes every file with dcmtk's dcmdjpeg (an independent IJG-based decoder) and keeps its output, and also
checks it against the source pixels. Needs Debian's python3-numpy and dcmtk.
Usage: make_lossless_streams.py   (run in this folder; rewrites lossless_*.dcm and refs/lossless_*.raw)
"""
import os, struct, subprocess, numpy as np

GEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'generated')

# Huffman tables for difference categories 0..16 (T.81 Table H.2) as code lengths per category.
SHORT = [5] * 17                                                        # all 5-bit codes: Kraft sum 17/32
LONG = [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 16]    # skewed: codes up to 16 bits


def canonical(lengths):
    """Canonical codes (T.81 Annex C) for symbols 0..16 with the given lengths; returns (BITS, HUFFVAL, code map)."""
    order = sorted(range(17), key=lambda s: (lengths[s], s))
    bits = [0] * 16
    for s in order: bits[lengths[s] - 1] += 1
    codes, code, prev = {}, 0, lengths[order[0]]
    for s in order:
        code <<= lengths[s] - prev; prev = lengths[s]
        codes[s] = (code, lengths[s]); code += 1
    return bits, order, codes


class BitWriter:
    def __init__(self): self.out = bytearray(); self.acc = 0; self.n = 0
    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1); self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF: self.out.append(0)      # byte stuffing, F.1.2.3
                self.acc = 0; self.n = 0
    def flush(self):                                         # pad with 1-bits
        if self.n: self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def predict(p, ra, rb, rc):
    return {1: ra, 2: rb, 3: rc, 4: ra + rb - rc, 5: ra + ((rb - rc) >> 1), 6: rb + ((ra - rc) >> 1), 7: (ra + rb) >> 1}[p]


def encode_sample(w, codes, x, pred):
    d = (int(x) - pred) & 0xFFFF
    if d >= 32768: d -= 65536
    if d == -32768: w.put(*codes[16][::1]); return                     # SSSS 16: no extra bits
    s = abs(d).bit_length()
    w.put(*codes[s])
    if s: w.put(d if d > 0 else d + (1 << s) - 1, s)


def segment(marker, body): return bytes([0xFF, marker]) + struct.pack('>H', len(body) + 2) + body


def encode(planes, precision, predictor, pt=0, restart_lines=0, interleaved=True, tables=(SHORT,), dnl=False, extras=b''):
    h, wid = planes[0].shape
    nf = len(planes)
    reduced = [p.astype(np.int64) >> pt for p in planes]
    out = bytearray(b'\xFF\xD8') + extras
    table_ids = [min(i, len(tables) - 1) for i in range(nf)]
    huff = []
    for tid, lengths in enumerate(tables):
        bits, vals, codes = canonical(lengths)
        out += segment(0xC4, bytes([tid]) + bytes(bits) + bytes(vals)); huff.append(codes)
    if restart_lines: out += segment(0xDD, struct.pack('>H', restart_lines * wid))
    sof = struct.pack('>BHHB', precision, 0 if dnl else h, wid, nf) + b''.join(bytes([i + 1, 0x11, 0]) for i in range(nf))
    out += segment(0xC3, sof)
    scans = [list(range(nf))] if interleaved else [[c] for c in range(nf)]
    for comps in scans:
        sos = bytes([len(comps)]) + b''.join(bytes([c + 1, table_ids[c] << 4]) for c in comps) + bytes([predictor, 0, pt])
        out += segment(0xDA, sos)
        w = BitWriter(); rst = 0
        for y in range(h):
            first = y == 0 or (restart_lines and y % restart_lines == 0)
            if first and y:
                w.flush(); out += w.out; w = BitWriter(); out += bytes([0xFF, 0xD0 + rst]); rst = (rst + 1) & 7
            for x in range(wid):
                for c in comps:
                    r = reduced[c]
                    if first: pred = (1 << (precision - pt - 1)) if x == 0 else r[y, x - 1]
                    elif x == 0: pred = r[y - 1, 0]
                    else: pred = predict(predictor, int(r[y, x - 1]), int(r[y - 1, x]), int(r[y - 1, x - 1]))
                    encode_sample(w, huff[table_ids[c]], r[y, x], int(pred))
        w.flush(); out += w.out
        if dnl and comps == scans[0]: out += segment(0xDC, struct.pack('>H', h))
    return bytes(out) + b'\xFF\xFF\xFF\xD9'                     # fill bytes before EOI (B.1.1.2)


def element(group, elem, vr, value):
    if vr in ('OB', 'OW', 'SQ', 'UN'): return struct.pack('<HH2sHI', group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack('<HH2sH', group, elem, vr.encode(), len(value)) + value


def text(s):
    b = s.encode()
    return b + (b'\0' if len(b) % 2 else b'')


def write_dicom(path, stream, rows, cols, spp, ba, bs, pi, uid_tail, ts='1.2.840.10008.1.2.4.57'):
    sop = '2.25.4242424242' + uid_tail
    meta = element(2, 1, 'OB', b'\0\1') + element(2, 2, 'UI', text('1.2.840.10008.5.1.4.1.1.7')) + \
        element(2, 3, 'UI', text(sop)) + element(2, 0x10, 'UI', text(ts))
    meta = element(2, 0, 'UL', struct.pack('<I', len(meta))) + meta
    us = lambda v: struct.pack('<H', v)
    ds = element(8, 0x16, 'UI', text('1.2.840.10008.5.1.4.1.1.7')) + element(8, 0x18, 'UI', text(sop)) + \
        element(0x28, 2, 'US', us(spp)) + element(0x28, 4, 'CS', text(pi))
    if spp > 1: ds += element(0x28, 6, 'US', us(0))
    ds += element(0x28, 0x10, 'US', us(rows)) + element(0x28, 0x11, 'US', us(cols)) + element(0x28, 0x100, 'US', us(ba)) + \
        element(0x28, 0x101, 'US', us(bs)) + element(0x28, 0x102, 'US', us(bs - 1)) + element(0x28, 0x103, 'US', us(0))
    if len(stream) % 2: stream += b'\0'                                     # PS3.5 A.4: even-length fragments
    pixels = struct.pack('<HH2sHI', 0x7FE0, 0x10, b'OB', 0, 0xFFFFFFFF) + struct.pack('<HHI', 0xFFFE, 0xE000, 0) + \
        struct.pack('<HHI', 0xFFFE, 0xE000, len(stream)) + stream + struct.pack('<HHI', 0xFFFE, 0xE0DD, 0)
    open(path, 'wb').write(b'\0' * 128 + b'DICM' + meta + ds + pixels)


def dcmtk_reference(name):
    """dcmdjpeg + dcmdump +W, as generated-scripts/make_refs.sh does for the other fixtures."""
    os.makedirs('refs/.tmp', exist_ok=True)
    subprocess.run(['dcmdjpeg', name + '.dcm', 'refs/.tmp/d.dcm'], check=True)
    subprocess.run(['dcmdump', '+W', 'refs/.tmp', 'refs/.tmp/d.dcm'], check=True, stdout=subprocess.DEVNULL)
    os.replace('refs/.tmp/d.dcm.0.raw', 'refs/' + name + '.raw'); os.remove('refs/.tmp/d.dcm'); os.rmdir('refs/.tmp')
    return open('refs/' + name + '.raw', 'rb').read()


def main():
    img12 = np.fromfile(os.path.join(GEN, 'img12.raw'), '<u2').reshape(64, 64)
    img16 = np.fromfile(os.path.join(GEN, 'img16.raw'), '<u2').reshape(64, 64)
    img8 = np.fromfile(os.path.join(GEN, 'img8.raw'), np.uint8).reshape(64, 64)
    rgb = [img8, 255 - img8, (img8.astype(np.int64) * 3 % 256).astype(np.uint8)]
    app = segment(0xE0, b'JFIF\0\1\1\0\0\1\0\1\0\0') + segment(0xFE, b'ChestDx test stream')
    cases = [
        # name, planes, P, predictor, Pt, restart lines, interleaved, tables, dnl, extras, BA, BS, PI
        ('lossless_u16_sv4_restart5_long', [img16], 16, 4, 0, 5, True, (LONG,), False, b'', 16, 16, 'MONOCHROME2'),
        ('lossless_u12_sv7_pt2_app', [img12], 12, 7, 2, 0, True, (SHORT,), False, app, 16, 12, 'MONOCHROME2'),
        ('lossless_u12_sv6_restart1', [img12], 12, 6, 0, 1, True, (LONG,), False, b'', 16, 12, 'MONOCHROME2'),
        ('lossless_rgb_sv5_interleaved_restart3', rgb, 8, 5, 0, 3, True, (SHORT, LONG), False, b'', 8, 8, 'RGB'),
        ('lossless_rgb_sv2_scan_per_component', rgb, 8, 2, 0, 0, False, (SHORT, LONG, SHORT), False, b'', 8, 8, 'RGB'),
        ('lossless_u7_sv3', [img8 >> 1], 7, 3, 0, 0, True, (LONG,), False, b'', 8, 7, 'MONOCHROME2'),
        ('lossless_u2_sv1', [img8 >> 6], 2, 1, 0, 0, True, (SHORT,), False, b'', 8, 2, 'MONOCHROME2'),
        ('lossless_u12_sv1_dnl', [img12], 12, 1, 0, 0, True, (SHORT,), True, b'', 16, 12, 'MONOCHROME2'),
    ]
    for i, (name, planes, p, sv, pt, rl, inter, tables, dnl, extras, ba, bs, pi) in enumerate(cases):
        stream = encode(planes, p, sv, pt, rl, inter, tables, dnl, extras)
        write_dicom(name + '.dcm', stream, 64, 64, len(planes), ba, bs, pi, str(i))
        expected = np.stack([(pl.astype(np.int64) >> pt) << pt for pl in planes], axis=-1).astype('<u2' if ba == 16 else np.uint8).tobytes()
        try:
            ref = dcmtk_reference(name)
            print(name, 'dcmtk == source' if ref == expected else 'dcmtk DIFFERS from source')
        except subprocess.CalledProcessError:
            open('refs/' + name + '.raw', 'wb').write(expected)
            print(name, 'dcmtk cannot decode it: reference = source pixels')


if __name__ == '__main__':
    main()
