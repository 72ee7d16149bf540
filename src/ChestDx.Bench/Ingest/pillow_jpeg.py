#!/usr/bin/env python3
"""Pillow baselines for `chestdx bench ingest --format jpeg`: JPEG -> grey -> S x S pack image.

Arguments: a file listing one JPEG path a line, the side S, the number of processes (1 = this process only), and
the mode:
  plain   Image.open().convert("L"), box-resized so the long side is S (ChestDx's default pad geometry; a square
          source becomes S x S), centred on a black S x S canvas, bytes written to /dev/null: decode + resize.
  draft   the same with Image.draft("L", (S, S)) first: Pillow's fastest path, which asks libjpeg for the smallest
          DCT scale that is at least S x S.
  ingest  draft, plus the rest of the work ChestDx's per-image ingest step does, so the two time the same work: the
          file read once into memory and its SHA-256, a histogram of the decoded source (its statistics), a histogram
          and the SHA-256 of the S x S image (output statistics, pixel hash), the image appended to a scratch file.
Before the clock starts the first file is decoded once (plugin import, first-use costs), as ChestDx warms up.
Prints "<images per second> <peak RSS in KiB of this process plus its children> <CPU ms per image, 1 process>".
Prepare mode (makes the benchmark's JPEG sources):  python3 pillow_jpeg.py prepare SRC.png OUT.pgm WIDTH HEIGHT
Run by chestdx (embedded copy); usable alone:  python3 pillow_jpeg.py files.txt 256 1 draft
"""
import hashlib, io, os, resource, sys, tempfile, time
from multiprocessing import Pool
from PIL import Image
if sys.argv[1] == "prepare":
    img = Image.open(sys.argv[2]).convert("L")
    w, h = int(sys.argv[4]), int(sys.argv[5])
    (img if img.size == (w, h) else img.resize((w, h), Image.LANCZOS)).save(sys.argv[3])
    sys.exit(0)
size = int(sys.argv[2]); procs = int(sys.argv[3]); mode = sys.argv[4]
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
def pack_image(im):
    # ChestDx's pad geometry (Normaliser.Geometry): the long side becomes S, the short one keeps the aspect ratio.
    w, h = im.size
    tw = size if w >= h else max(1, int(w * size / h + 0.5))
    th = size if h >= w else max(1, int(h * size / w + 0.5))
    out = im.resize((tw, th), Image.BOX)
    if (tw, th) == (size, size):
        return out
    canvas = Image.new("L", (size, size), 0)
    canvas.paste(out, ((size - tw) // 2, (size - th) // 2))
    return canvas
def one(f, out):
    if mode == "ingest":
        with open(f, "rb") as fh:
            data = fh.read()
        hashlib.sha256(data).hexdigest()
        im = Image.open(io.BytesIO(data))
    else:
        im = Image.open(f)
    if mode != "plain":
        im.draft("L", (size, size))
    im = im.convert("L")
    if mode == "ingest":
        im.histogram()
    px = pack_image(im)
    pixels = px.tobytes()
    if mode == "ingest":
        px.histogram()
        hashlib.sha256(pixels).hexdigest()
    out.write(pixels)
def work(chunk):
    with (tempfile.TemporaryFile() if mode == "ingest" else open(os.devnull, "wb")) as out:
        for f in chunk:
            one(f, out)
    return len(chunk)
with open(os.devnull, "wb") as sink:
    one(files[0], sink)
t, c = time.perf_counter(), time.process_time()
if procs == 1:
    work(files)
else:
    with Pool(procs) as pool:
        pool.map(work, [files[i::procs] for i in range(procs)])
dt, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{len(files) / dt} {rss} {cpu * 1000 / len(files) if procs == 1 else 'NaN'}")
