#!/usr/bin/env python3
"""pydicom baseline for `chestdx bench dicom`: median ms of reading one file, after one untimed warm-up read.

mode "decode": dcmread + pixel_array (read + decompress); mode "header": dcmread(stop_before_pixels=True).
Prints the median in ms, or "ERR <type> <message>" when pydicom cannot read the file.
Run by chestdx (embedded copy); usable alone:  python3 pydicom_read.py FILE.dcm 9 decode
"""
import sys, time, statistics
import pydicom
path, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = []
try:
    for i in range(n + 1):
        t = time.perf_counter()
        if mode == "header":
            pydicom.dcmread(path, stop_before_pixels=True)
        else:
            pydicom.dcmread(path).pixel_array
        if i > 0:
            times.append((time.perf_counter() - t) * 1000)
    print(statistics.median(times))
except Exception as e:
    print("ERR", type(e).__name__, (str(e).splitlines() or [""])[0])
