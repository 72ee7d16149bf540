"""Test stand-in for `safetensors.torch.load_file` (see __init__.py)."""
import numpy as np, torch
from . import _header

_DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "F16": np.float16, "I32": np.int32, "U8": np.uint8}


def load_file(path, device="cpu"):
    header, start = _header(path)
    raw = open(path, "rb").read()[start:]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        a, b = entry["data_offsets"]
        array = np.frombuffer(raw[a:b], dtype=_DTYPES[entry["dtype"]]).reshape(entry["shape"]).copy()
        out[name] = torch.from_numpy(array)
    return out
