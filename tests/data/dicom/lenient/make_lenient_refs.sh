#!/bin/sh
# Reference decodes of the fixtures in this folder, made with Debian's dcmtk (3.6.7 on Debian 12:
# `dcmdump --version` prints "dcmdump v3.6.7 2022-04-22"). Run after make_lenient_fixtures.py, from this folder.
# Each reference is also checked against the values the fixture was made from, so a dcmtk that disagreed with the
# packing written by make_lenient_fixtures.py would stop the script rather than produce a reference.
set -eu
dcmdump --version | head -1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p refs

# ACR-NEMA packed 12-bit: dcm2pnm renders without modality LUT (-M) and without VOI (-W) to an n-bit ASCII PGM with
# n = Bits Stored, which for unsigned MONOCHROME2 is the stored values masked to Bits Stored (shared DICOM notes §2.2).
dcm2pnm -M -W +opn 12 acrnema_u12_packed_63x5.dcm refs/acrnema_u12_packed_63x5.pgm
dcm2pnm -M -W +opn 10 +Fa acrnema_u10_packed_7x3x3.dcm refs/acrnema_u10_packed_7x3x3
python3 - <<'PY'
import struct
def pgm(path):
    t = open(path).read().split()
    assert t[0] == "P2"
    w, h = int(t[1]), int(t[2])
    return [int(x) for x in t[4:4 + w * h]]
def source(name):
    d = open(name + ".source.u16", "rb").read()
    return list(struct.unpack(f"<{len(d)//2}H", d))
assert pgm("refs/acrnema_u12_packed_63x5.pgm") == source("acrnema_u12_packed_63x5"), "dcmtk disagrees (12-bit)"
frames = [pgm(f"refs/acrnema_u10_packed_7x3x3.{i}.pgm") for i in range(3)]
assert sum(frames, []) == [v & 0x3FF for v in source("acrnema_u10_packed_7x3x3")], "dcmtk disagrees (10-bit)"
print("dcm2pnm decodes of the ACR-NEMA fixtures equal their source values")
PY

# The grey pipeline on packed pixels: dcm2pnm's 8-bit render with an explicit window (+Ww centre width), which the
# shared DICOM notes §2.2 found equal to PS3.3 C.11.2.1.2.1 LINEAR, floored.
dcm2pnm +Ww 2048 4096 acrnema_u12_packed_63x5.dcm refs/acrnema_u12_packed_63x5_c2048_w4096.pgm

# JPEG-LS with a pad byte after EOI: dcmdjpls decompresses, dcmdump +W writes the Pixel Data value to a file.
for name in jls_u12_eoi_pad_ff jls_u12_eoi_pad_00; do
  dcmdjpls "$name.dcm" "$tmp/$name.dcm"
  dcmdump +W "$tmp" "$tmp/$name.dcm" > /dev/null
  cp "$tmp/$name.dcm.0.raw" "refs/$name.raw"   # the file's only binary value: Pixel Data
  cmp "refs/$name.raw" ../generated/img12.raw
done
echo "dcmdjpls decodes of the padded JPEG-LS fixtures equal generated/img12.raw (the pixels u12_jls.dcm was made from)"
