#!/usr/bin/env python3
"""Pillow baseline for `chestdx bench ingest`: PNG -> grey -> S x S box resize -> bytes appended to /dev/null.

Arguments: a file listing one PNG path a line, the side S, and the number of processes (1 = this process only).
Prints "<images per second> <peak RSS in KiB of this process plus its children>".
Run by chestdx (embedded copy); usable alone:  python3 pillow_ingest.py files.txt 256 1
"""
import os, resource, sys, time
from multiprocessing import Pool
from PIL import Image
size = int(sys.argv[2]); procs = int(sys.argv[3]); files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
def work(chunk):
    out = open(os.devnull, "wb")
    for f in chunk:
        out.write(Image.open(f).convert("L").resize((size, size), Image.BOX).tobytes())
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
