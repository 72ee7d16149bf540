#!/usr/bin/env python3
"""Convert PyTorch DenseNet weights (any torch.save format) to a safetensors file ChestDx loads.

Why: torchvision's official ImageNet file densenet121-a639ec97.pth (2017) is a legacy, non-zip pickle that .NET
cannot read, and it uses the old dense-layer key names ("denselayer1.norm.1.weight"). This script loads it with
PyTorch, applies torchvision's own key renaming, unwraps common checkpoint wrappers ({"state_dict": ...},
"module." from DataParallel, "densenet121." from CheXNet reimplementations) and writes plain safetensors.
It does not change any value. ChestDx adds the missing BatchNorm num_batches_tracked counters and replaces the
1000-class ImageNet head itself (`chestdx train --weights FILE`).

Usage (on any machine with Python and PyTorch; torchvision is not needed):
    python3 convert_torchvision_weights.py densenet121-a639ec97.pth densenet121-imagenet.safetensors
    python3 convert_torchvision_weights.py IN.pth OUT.pth --zip      # zip-format torch.save instead of safetensors

Get the torchvision file from https://download.pytorch.org/models/densenet121-a639ec97.pth (sha256 prefix a639ec97).
"""
import argparse, json, re, struct, sys

import torch

# torchvision/models/densenet.py, _load_state_dict: "norm.1.weight" -> "norm1.weight" inside dense layers.
LEGACY = re.compile(r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$")
WRAPPERS = ("module.", "densenet121.")
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
          torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}


def state_dict_of(obj):
    """The tensor dictionary inside whatever torch.load returned."""
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(obj, dict) and key in obj and isinstance(obj[key], dict):
            obj = obj[key]
    if hasattr(obj, "state_dict"):  # a whole pickled nn.Module
        obj = obj.state_dict()
    tensors = {k: v for k, v in obj.items() if torch.is_tensor(v)}
    if not tensors:
        sys.exit("error: no tensors found in the file (expected a state_dict)")
    return tensors


def normalise(sd):
    for prefix in WRAPPERS:
        if all(k.startswith(prefix) for k in sd):
            sd = {k[len(prefix):]: v for k, v in sd.items()}
    for suffix in ("weight", "bias"):
        if f"classifier.0.{suffix}" in sd and f"classifier.{suffix}" not in sd:
            sd[f"classifier.{suffix}"] = sd.pop(f"classifier.0.{suffix}")
    out, renamed = {}, 0
    for k, v in sd.items():
        m = LEGACY.match(k)
        if m:
            k, renamed = m.group(1) + m.group(2), renamed + 1
        out[k] = v
    return out, renamed


def save_safetensors(path, tensors):
    """The safetensors layout: u64 LE header length, JSON header, raw little-endian data (no extra dependency)."""
    header, blobs, offset = {}, [], 0
    for k, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype not in DTYPES:
            sys.exit(f"error: {k} has dtype {t.dtype}, which this converter does not write")
        data = t.view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[k] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"converted_by": "chestdx scripts/convert_torchvision_weights.py"}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="a .pth/.pt/.pth.tar file in any torch.save format")
    p.add_argument("output", help="the .safetensors (or, with --zip, .pth) file to write")
    p.add_argument("--zip", action="store_true", help="write a zip-format torch.save state_dict instead of safetensors")
    a = p.parse_args()
    obj = torch.load(a.input, map_location="cpu")
    sd, renamed = normalise(state_dict_of(obj))
    if a.zip:
        torch.save(sd, a.output)  # zip format is torch.save's default since PyTorch 1.6
    else:
        save_safetensors(a.output, sd)
    head = sd.get("classifier.weight")
    print(f"{a.output}: {len(sd)} tensors, {renamed} legacy keys renamed, "
          f"classifier {tuple(head.shape) if head is not None else 'absent'}")


if __name__ == "__main__":
    main()
