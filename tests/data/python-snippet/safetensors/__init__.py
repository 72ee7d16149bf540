"""Test stand-in for the `safetensors` package (Debian 12 has no python3-safetensors): just what the README's
"Use the model from Python" snippet calls, `safe_open(path, framework).metadata()`, reading the format as its
specification describes (u64 little-endian header length, JSON header, raw little-endian data)."""
import json, struct


def _header(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        return json.loads(f.read(n)), 8 + n


class safe_open:
    def __init__(self, path, framework="pt", device="cpu"):
        self._header, _ = _header(path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def metadata(self):
        return self._header.get("__metadata__", {})
