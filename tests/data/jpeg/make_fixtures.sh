#!/usr/bin/env bash
# Makes the JPEG decoding fixtures from the real NIH ChestX-ray14 sample radiograph samples/nih-cxr14/images/
# 00000075_000.png with Debian 12's libjpeg-turbo-progs 2.1.5 (cjpeg encodes, djpeg gives the reference decodes) and
# python3-pil (PNG -> PGM/PPM, which cjpeg reads). Run from this folder: bash make_fixtures.sh
set -euo pipefail
src=../../../samples/nih-cxr14/images/00000075_000.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$src" "$tmp" <<'PY'
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("L")
# 301 x 257: odd sizes, not multiples of the 8x8 (or 16x16) MCU, so edge blocks are exercised.
img.crop((300, 280, 601, 537)).save(sys.argv[2] + "/grey.pgm")
# A colour version (grey copied with a tint) for the YCbCr 4:2:0 path.
grey = img.crop((300, 280, 601, 537))
Image.merge("RGB", (grey, grey.point(lambda v: v * 9 // 10), grey.point(lambda v: v * 8 // 10))).save(
    sys.argv[2] + "/colour.ppm")
PY
cjpeg -quality 95 -grayscale "$tmp/grey.pgm" > grey_q95.jpg
cjpeg -quality 95 -progressive "$tmp/grey.pgm" > grey_q95_progressive.jpg
cjpeg -quality 90 -sample 2x2 "$tmp/colour.ppm" > colour_420_q90.jpg
for f in grey_q95 grey_q95_progressive colour_420_q90; do
    djpeg -grayscale -pnm "$f.jpg" > "$f.djpeg.pgm"
    djpeg -grayscale -pnm -scale 1/2 "$f.jpg" > "$f.djpeg.half.pgm"
    djpeg -grayscale -pnm -scale 3/8 "$f.jpg" > "$f.djpeg.3of8.pgm"
done
# A truncated codestream: the first half of grey_q95.jpg.
head -c $(( $(stat -c %s grey_q95.jpg) / 2 )) grey_q95.jpg > truncated.jpg
