#!/usr/bin/env python3
"""Weight files in torchvision's *2017* DenseNet layout, for ChestDx's import tests.

torchvision's densenet121-a639ec97.pth predates PyTorch 1.6: legacy (non-zip) pickle, dense-layer keys with dots
("denselayer1.norm.1.weight"), no BatchNorm num_batches_tracked, a 1000-class ImageNet head. This script builds a tiny
DenseNet in that layout (same tiny shape as ../densenet-parity) and writes it three ways:

  tiny_imagenet_legacy_names.pth     zip torch.save (PyTorch >= 1.6 default) with the legacy key names
  tiny_imagenet_legacy_pickle.pth    the pre-1.6 legacy pickle format (_use_new_zipfile_serialization=False)
  tiny_imagenet_reference.safetensors  the same tensors under torchvision's current names, num_batches_tracked = 0

Run with Debian's python3-torch 1.13 / python3-torchvision 0.14:  /usr/bin/python3 make_fixture.py .
"""
import json, os, re, struct, sys
import torch, torchvision

def save_safetensors(path, tensors):
    dt = {torch.float32: "F32", torch.int64: "I64"}
    header, blobs, off = {}, [], 0
    for k, t in tensors.items():
        b = t.detach().contiguous().cpu().numpy().tobytes()
        header[k] = {"dtype": dt[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b); off += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h)
        for b in blobs: f.write(b)

def legacy_name(key):
    # inverse of torchvision's rename: ...denselayer1.norm1.weight -> ...denselayer1.norm.1.weight
    return re.sub(r"(denselayer\d+\.(?:norm|relu|conv))([12])\.", r"\1.\2.", key)

def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(3)
    m = torchvision.models.DenseNet(growth_rate=8, block_config=(2, 2, 2, 2), num_init_features=16, bn_size=2,
                                    num_classes=1000)
    # Make the BN statistics non-trivial so a test notices if they are not loaded.
    m.train()
    with torch.no_grad():
        m(torch.randn(4, 3, 64, 64))
    sd = m.state_dict()
    current = {k: (torch.zeros((), dtype=torch.int64) if k.endswith("num_batches_tracked") else v) for k, v in sd.items()}
    save_safetensors(f"{out}/tiny_imagenet_reference.safetensors", current)

    legacy = {legacy_name(k): v for k, v in sd.items() if not k.endswith("num_batches_tracked")}
    assert sum(k != legacy_name(k) for k in sd) > 0
    torch.save(legacy, f"{out}/tiny_imagenet_legacy_names.pth")
    torch.save(legacy, f"{out}/tiny_imagenet_legacy_pickle.pth", _use_new_zipfile_serialization=False)
    print(json.dumps({"torch": torch.__version__, "torchvision": torchvision.__version__, "keys": len(legacy),
                      "renamed": sum(k != legacy_name(k) for k in sd)}))

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
