#!/usr/bin/env python3
"""Pillow baselines for `chestdx bench ingest --format jpeg`: JPEG -> grey -> S x S box resize -> /dev/null.

Arguments: a file listing one JPEG path a line, the side S, the number of processes (1 = this process only), and
the mode: "plain" (Image.open().convert("L").resize(BOX)) or "draft" (Image.draft("L", (S, S)) first: Pillow's
fastest path, which asks libjpeg for the smallest DCT scale that is at least S x S, then the same convert and resize).
Prints "<images per second> <peak RSS in KiB of this process plus its children>".
Prepare mode (makes the benchmark's JPEG sources):  python3 pillow_jpeg.py prepare SRC.png OUT.pgm WIDTH HEIGHT
Run by chestdx (embedded copy); usable alone:  python3 pillow_jpeg.py files.txt 256 1 draft
"""
import os, resource, sys, time
from multiprocessing import Pool
from PIL import Image
if sys.argv[1] == "prepare":
    img = Image.open(sys.argv[2]).convert("L")
    w, h = int(sys.argv[4]), int(sys.argv[5])
    (img if img.size == (w, h) else img.resize((w, h), Image.LANCZOS)).save(sys.argv[3])
    sys.exit(0)
size = int(sys.argv[2]); procs = int(sys.argv[3]); draft = sys.argv[4] == "draft"
files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
def work(chunk):
    out = open(os.devnull, "wb")
    for f in chunk:
        im = Image.open(f)
        if draft:
            im.draft("L", (size, size))
        out.write(im.convert("L").resize((size, size), Image.BOX).tobytes())
    return len(chunk)
t = time.perf_counter()
if procs == 1:
    work(files)
else:
    with Pool(procs) as pool:
        pool.map(work, [files[i::procs] for i in range(procs)])
dt = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{len(files) / dt} {rss}")
