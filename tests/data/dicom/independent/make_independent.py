#!/usr/bin/env python3
"""Writes the fixtures of tests/data/dicom/independent (see README.md there).

Known pixel arrays (source/*.raw) are encoded with Debian's command-line encoders, never decoded here:
  * JPEG-LS lossless (1.2.840.10008.1.2.4.80): dcmtk's dcmcjpls (+el, the default) applied to an uncompressed
    Explicit VR Little Endian file that this script writes around the source array;
  * JPEG 2000 lossless (1.2.840.10008.1.2.4.90): OpenJPEG's opj_compress (reversible 5/3 wavelet, its default when no
    rate is given) applied to the source array, and the resulting .j2k codestream wrapped by this script into an
    encapsulated DICOM file (empty Basic Offset Table, one fragment per frame; PS3.5 A.4).
The expected decode of every file is its source array, byte for byte: nothing in this folder comes from a decoder.

Python 3 standard library only; needs /usr/bin/dcmcjpls (Debian dcmtk) and /usr/bin/opj_compress (Debian
libopenjp2-tools). Run from anywhere: python3 tests/data/dicom/independent/make_independent.py
"""
import random
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"

EXPLICIT_LE = "1.2.840.10008.1.2.1"
JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80"
J2K_LOSSLESS = "1.2.840.10008.1.2.4.90"
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"

# VRs whose explicit header has 2 reserved bytes and a 4-byte length (PS3.5 7.1.2).
LONG_VRS = {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"}


# ---------------------------------------------------------------- minimal DICOM writer (Explicit VR Little Endian)

def pad(value: bytes, vr: str) -> bytes:
    if len(value) % 2 == 0:
        return value
    return value + (b"\0" if vr in ("UI", "OB") else b" ")


def element(group: int, elem: int, vr: str, value: bytes) -> bytes:
    value = pad(value, vr)
    if vr in LONG_VRS:
        return struct.pack("<HH2sHI", group, elem, vr.encode(), 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr.encode(), len(value)) + value


def us(v: int) -> bytes:
    return struct.pack("<H", v)


def uid_for(name: str) -> str:
    """A stable UID under the 2.25 (UUID-derived) root, from the fixture's name (PS3.5 B.2)."""
    import hashlib
    return "2.25." + str(int.from_bytes(hashlib.sha256(name.encode()).digest()[:16], "big"))


def part10(name: str, transfer_syntax: str, dataset: bytes) -> bytes:
    sop_instance = uid_for(name)
    meta = b"".join([
        element(0x0002, 0x0001, "OB", b"\x00\x01"),
        element(0x0002, 0x0002, "UI", SECONDARY_CAPTURE.encode()),
        element(0x0002, 0x0003, "UI", sop_instance.encode()),
        element(0x0002, 0x0010, "UI", transfer_syntax.encode()),
        element(0x0002, 0x0012, "UI", b"1.2.826.0.1.3680043.10.1"),   # Implementation Class UID (arbitrary, fixed)
    ])
    group_length = element(0x0002, 0x0000, "UL", struct.pack("<I", len(meta)))
    return b"\0" * 128 + b"DICM" + group_length + meta + dataset


def image_module(name: str, spec: dict) -> bytes:
    """Everything up to (not including) Pixel Data, in ascending tag order."""
    colour = spec["samples"] == 3
    elements = [
        element(0x0008, 0x0016, "UI", SECONDARY_CAPTURE.encode()),
        element(0x0008, 0x0018, "UI", uid_for(name).encode()),
        element(0x0008, 0x0060, "CS", b"OT"),
        element(0x0010, 0x0020, "LO", b"INDEPENDENT-CODEC-REF"),
        element(0x0020, 0x000D, "UI", uid_for(name + "/study").encode()),
        element(0x0020, 0x000E, "UI", uid_for(name + "/series").encode()),
        element(0x0028, 0x0002, "US", us(spec["samples"])),
        element(0x0028, 0x0004, "CS", spec["photometric"].encode()),
    ]
    if colour:
        elements.append(element(0x0028, 0x0006, "US", us(0)))
    if spec["frames"] > 1:
        elements.append(element(0x0028, 0x0008, "IS", str(spec["frames"]).encode()))
    elements += [
        element(0x0028, 0x0010, "US", us(spec["rows"])),
        element(0x0028, 0x0011, "US", us(spec["columns"])),
        element(0x0028, 0x0100, "US", us(spec["allocated"])),
        element(0x0028, 0x0101, "US", us(spec["stored"])),
        element(0x0028, 0x0102, "US", us(spec["stored"] - 1)),
        element(0x0028, 0x0103, "US", us(1 if spec["signed"] else 0)),
    ]
    return b"".join(elements)


def native_file(name: str, spec: dict, raw: bytes) -> bytes:
    vr = "OW" if spec["allocated"] == 16 else "OB"
    return part10(name, EXPLICIT_LE, image_module(name, spec) + element(0x7FE0, 0x0010, vr, raw))


def encapsulated_file(name: str, spec: dict, transfer_syntax: str, frames: list) -> bytes:
    def item(value: bytes) -> bytes:
        value = value + b"\0" if len(value) % 2 else value   # fragments have even length (PS3.5 A.4)
        return struct.pack("<HHI", 0xFFFE, 0xE000, len(value)) + value

    pixel_data = struct.pack("<HH2sHI", 0x7FE0, 0x0010, b"OB", 0, 0xFFFFFFFF)
    pixel_data += item(b"")                                     # empty Basic Offset Table
    pixel_data += b"".join(item(f) for f in frames)
    pixel_data += struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)        # Sequence Delimitation Item
    return part10(name, transfer_syntax, image_module(name, spec) + pixel_data)


# ---------------------------------------------------------------- known pixel arrays

def source_values(spec: dict, seed: int) -> list:
    """Deterministic samples covering the whole range: both extremes and zero first, then a smooth ramp with a sharp
    edge (what a predictor or wavelet handles well) mixed with uniform noise (what it does not)."""
    stored, signed = spec["stored"], spec["signed"]
    lo, hi = (-(1 << (stored - 1)), (1 << (stored - 1)) - 1) if signed else (0, (1 << stored) - 1)
    rows, columns, samples = spec["rows"], spec["columns"], spec["samples"]
    rng = random.Random(seed)
    count = rows * columns * samples * spec["frames"]
    out = [lo, hi, 0 if signed else (hi + 1) // 2, hi, lo]
    span = hi - lo
    i = len(out)
    while len(out) < count:
        pixel = i // samples
        r, c = (pixel // columns) % rows, pixel % columns
        if (r // 8 + c // 8) % 3 == 2:
            v = rng.randint(lo, hi)                              # noise block
        else:
            v = lo + (r * span // rows + c * span // (2 * columns) + (span // 3 if c > columns // 2 else 0)) % (span + 1)
        out.append(v)
        i += 1
    return out


def pack(spec: dict, values: list) -> bytes:
    if spec["allocated"] == 8:
        return bytes(values)
    return struct.pack(f"<{len(values)}{'h' if spec['signed'] else 'H'}", *values)


# ---------------------------------------------------------------- encoders

def run(args: list) -> None:
    subprocess.run(args, check=True)


def jpeg_ls(name: str, spec: dict, raw: bytes, work: Path) -> None:
    native = work / f"{name}.native.dcm"
    native.write_bytes(native_file(name, spec, raw))
    # dcmcjpls keeps the dataset, replaces Pixel Data and the transfer syntax; -ud is not used, so UIDs stay ours.
    run(["dcmcjpls", "+el", *spec.get("dcmcjpls", []), str(native), str(HERE / f"{name}.dcm")])


def j2k(name: str, spec: dict, values: list, work: Path) -> None:
    rows, columns, samples, frames = spec["rows"], spec["columns"], spec["samples"], spec["frames"]
    per_frame = rows * columns * samples
    streams = []
    for f in range(frames):
        frame = values[f * per_frame:(f + 1) * per_frame]
        if samples == 3:
            # opj_compress reads raw multi-component input component by component (planar).
            frame = [frame[p * 3 + s] for s in range(3) for p in range(rows * columns)]
        # .rawl = raw little endian (opj_compress -F width,height,components,bits,{u|s}); precision = Bits Stored.
        raw_path = work / f"{name}.{f}.rawl"
        raw_path.write_bytes(pack(spec, frame))
        out = work / f"{name}.{f}.j2k"
        run(["opj_compress", "-i", str(raw_path), "-o", str(out),
             "-F", f"{columns},{rows},{samples},{spec['stored']},{'s' if spec['signed'] else 'u'}",
             *spec.get("opj_compress", [])])
        streams.append(out.read_bytes())
    (HERE / f"{name}.dcm").write_bytes(encapsulated_file(name, spec, J2K_LOSSLESS, streams))


def grey(rows, columns, allocated, stored, signed, frames=1, **extra):
    return dict(rows=rows, columns=columns, samples=1, photometric="MONOCHROME2", allocated=allocated, stored=stored,
                signed=signed, frames=frames, **extra)


def rgb(rows, columns, **extra):
    return dict(rows=rows, columns=columns, samples=3, photometric="RGB", allocated=8, stored=8, signed=False, frames=1,
                **extra)


JPEG_LS = {
    "jls_u8_67x43": grey(43, 67, 8, 8, False),
    "jls_u12_67x43": grey(43, 67, 16, 12, False),
    "jls_u16_67x43": grey(43, 67, 16, 16, False),
    "jls_s12_67x43": grey(43, 67, 16, 12, True),
    "jls_rgb8_67x43": rgb(43, 67),
}

J2K = {
    "j2k_u8_67x43": grey(43, 67, 8, 8, False),
    "j2k_u12_67x43": grey(43, 67, 16, 12, False),
    "j2k_u16_67x43": grey(43, 67, 16, 16, False),
    "j2k_s12_67x43": grey(43, 67, 16, 12, True),
    "j2k_s16_67x43": grey(43, 67, 16, 16, True),
    # 16×16 tiles, 3 resolution levels, 8×8 code blocks, RPCL progression: several tiles with partial edge tiles.
    "j2k_u12_67x43_tiled": grey(43, 67, 16, 12, False, opj_compress=["-t", "16,16", "-n", "3", "-b", "8,8", "-p", "RPCL"]),
    "j2k_u12_67x43_2frames": grey(43, 67, 16, 12, False, frames=2),
    # -mct 0: components coded as they are, so the dataset's Photometric Interpretation is RGB (PS3.5 8.2.4).
    "j2k_rgb8_67x43": rgb(43, 67, opj_compress=["-mct", "0"]),
    # opj_compress's default for 3 components: reversible colour transform, Photometric Interpretation YBR_RCT.
    "j2k_ybr_rct8_67x43": dict(rgb(43, 67), photometric="YBR_RCT"),
}


def main() -> None:
    SOURCE.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="independent-"))
    try:
        for seed, (name, spec) in enumerate(list(JPEG_LS.items()) + list(J2K.items()), start=1201):
            values = source_values(spec, seed)
            raw = pack(spec, values)
            (SOURCE / f"{name}.raw").write_bytes(raw)
            if name in JPEG_LS:
                jpeg_ls(name, spec, raw, work)
            else:
                j2k(name, spec, values, work)
            print(name, len(values), "samples")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
