#!/usr/bin/env python3
"""Convert PyTorch DenseNet weights (any torch.save format) to a safetensors file ChestDx loads.

Why: .NET cannot run pickles. torchvision's official ImageNet file densenet121-a639ec97.pth (2017) is a legacy, non-zip
pickle with the old dense-layer key names ("denselayer1.norm.1.weight"); the chest X-ray models people have are
pickles too (data-manifests/MODEL_FORMAT.md, "Importing models"):
  xrv        torchxrayvision's released *.pt files: a whole pickled xrv.models.DenseNet (1 input channel, 18 logits).
             Loaded WITHOUT torchxrayvision: its classes are replaced by stand-ins (plain nn.Module subclasses) while
             unpickling, which is all state_dict() needs, so any torchxrayvision version's files load the same way.
  chexnet    arnoweng/CheXNet and zoogzog/chexnet checkpoints: {"state_dict": ...} with "module.densenet121." prefixes,
             PyTorch-0.3 names ("norm.1") and a classifier Sequential(Linear, Sigmoid) ("classifier.0.*").
  jrzech     jrzech/reproduce-chexnet checkpoints: {"model": <whole torchvision DenseNet>, ...}, Sequential head too.
  torchvision  a plain state_dict (or whole module) with torchvision's names, e.g. the ImageNet weights.
This script unwraps the container, applies torchvision's own key renaming, removes the wrapper prefixes, renames
"classifier.0." to "classifier." (the Sigmoid has no weights: dropping it is recorded as sigmoid_removed so ChestDx
applies the sigmoid exactly once) and writes plain safetensors. It changes no value. `chestdx import-model` runs it
and then writes the ChestDx model file (class set, input scaling, operating points); `chestdx train --weights FILE`
takes its output directly (ImageNet heads are replaced there).

Usage (on any machine with Python and PyTorch; neither torchvision nor torchxrayvision is needed):
    python3 convert_torchvision_weights.py densenet121-a639ec97.pth densenet121-imagenet.safetensors
    python3 convert_torchvision_weights.py nih-densenet121-d121-...-best.pt xrv-nih.safetensors --format xrv
    python3 convert_torchvision_weights.py IN.pth OUT.pth --zip      # zip-format torch.save instead of safetensors

Get the torchvision file from https://download.pytorch.org/models/densenet121-a639ec97.pth (sha256 prefix a639ec97).
"""
import argparse, importlib.abc, importlib.machinery, inspect, json, re, struct, sys, types

import torch
import torch.nn as nn

# torchvision/models/densenet.py, _load_state_dict: "norm.1.weight" -> "norm1.weight" inside dense layers.
LEGACY = re.compile(r"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$")
WRAPPERS = ("module.", "densenet121.")
FORMATS = ("auto", "torchvision", "xrv", "chexnet", "jrzech")
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
          torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}

_STAND_INS = {}


def _stand_in(module, name):
    """An nn.Module subclass standing in for torchxrayvision's class `module.name` (unpickling restores __dict__)."""
    key = (module, name)
    if key not in _STAND_INS:
        _STAND_INS[key] = type(name, (nn.Module,), {"__module__": module})
    return _STAND_INS[key]


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves "torchxrayvision" and its submodules as modules whose every attribute is a stand-in class. Installed in
    front of the real import system, so an installed torchxrayvision is not used either: any version's files load the
    same way. (torch.load's pickle_module argument cannot do this: PyTorch 1.13 ignores it unless weights_only.)"""

    def find_spec(self, fullname, path, target=None):
        if fullname == "torchxrayvision" or fullname.startswith("torchxrayvision."):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda name, _m=spec.name: _stand_in(_m, name)
        return module

    def exec_module(self, module):
        pass


def load(path):
    if not any(isinstance(f, _StandInFinder) for f in sys.meta_path):
        for name in [n for n in sys.modules if n == "torchxrayvision" or n.startswith("torchxrayvision.")]:
            del sys.modules[name]
        sys.meta_path.insert(0, _StandInFinder())
    kwargs = {"map_location": "cpu"}
    if "weights_only" in inspect.signature(torch.load).parameters:
        kwargs["weights_only"] = False  # whole pickled modules are the point (PyTorch >= 2.6 defaults to True)
    return torch.load(path, **kwargs)


def _is_xrv(obj):
    return isinstance(obj, nn.Module) and type(obj).__module__.startswith("torchxrayvision")


def _ends_in_sigmoid(module):
    head = getattr(module, "classifier", None)
    if head is None and hasattr(module, "densenet121"):
        head = getattr(module.densenet121, "classifier", None)
    return isinstance(head, nn.Sequential) and any(isinstance(m, nn.Sigmoid) for m in head.children())


def unwrap(obj):
    """(tensors, detected format, sigmoid_removed, extra metadata) of whatever torch.load returned."""
    extra = {}
    if isinstance(obj, dict) and isinstance(obj.get("model"), nn.Module):
        obj, detected = obj["model"], "jrzech"
    elif _is_xrv(obj):
        detected = "xrv"
        targets = getattr(obj, "targets", None)
        if isinstance(targets, (list, tuple)):
            extra["chestdx.import.targets"] = json.dumps(list(targets))
        if getattr(obj, "apply_sigmoid", False):
            extra["chestdx.import.apply_sigmoid"] = "true"
    else:
        detected = None
    sigmoid = isinstance(obj, nn.Module) and _ends_in_sigmoid(obj)
    if detected == "xrv" and getattr(obj, "apply_sigmoid", False):
        sigmoid = True
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(obj, dict) and key in obj and isinstance(obj[key], dict):
            obj = obj[key]
    if hasattr(obj, "state_dict"):  # a whole pickled nn.Module
        detected = detected or "torchvision"
        obj = obj.state_dict()
    tensors = {k: v for k, v in obj.items() if torch.is_tensor(v)}
    if not tensors:
        sys.exit("error: no tensors found in the file (expected a state_dict, a checkpoint or a whole model)")
    # torchxrayvision keeps op_threshs as a buffer when a named-weights model was saved: not part of the network.
    if "op_threshs" in tensors:
        extra["chestdx.import.op_threshs"] = json.dumps([None if v != v else v for v in tensors.pop("op_threshs").tolist()])
    if detected is None:
        conv0 = next((v for k, v in tensors.items() if k.endswith("features.conv0.weight")), None)
        if any(".densenet121." in "." + k for k in tensors):
            detected = "chexnet"
        elif conv0 is not None and conv0.dim() == 4 and conv0.shape[1] == 1:
            detected = "xrv"
        else:
            detected = "torchvision"
    if any(k.endswith("classifier.0.weight") for k in tensors) and detected in ("chexnet", "jrzech"):
        sigmoid = True  # both CheXNet reproductions' heads are Sequential(Linear, Sigmoid) (notes: their model.py)
    return tensors, detected, sigmoid, extra


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


def state_dict_of(obj):
    """The tensor dictionary inside whatever torch.load returned (kept for callers of the earlier version)."""
    return unwrap(obj)[0]


def save_safetensors(path, tensors, metadata=None):
    """The safetensors layout: u64 LE header length, JSON header, raw little-endian data (no extra dependency)."""
    header, blobs, offset = {}, [], 0
    for k, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype not in DTYPES:
            sys.exit(f"error: {k} has dtype {t.dtype}, which this converter does not write")
        data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[k] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"converted_by": "chestdx scripts/convert_torchvision_weights.py", **(metadata or {})}
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
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="what the input is (default: detected from its contents)")
    p.add_argument("--zip", action="store_true", help="write a zip-format torch.save state_dict instead of safetensors")
    a = p.parse_args()
    try:
        obj = load(a.input)
    except Exception as e:  # one line naming the file: the caller (chestdx import-model) shows it as is
        sys.exit(f"error: {a.input}: torch.load failed: {type(e).__name__}: {e}")
    tensors, detected, sigmoid, extra = unwrap(obj)
    fmt = detected if a.format == "auto" else a.format
    sd, renamed = normalise(tensors)
    if a.zip:
        torch.save(sd, a.output)  # zip format is torch.save's default since PyTorch 1.6
    else:
        save_safetensors(a.output, sd, {"chestdx.import.format": fmt,
                                        "chestdx.import.sigmoid_removed": "true" if sigmoid else "false", **extra})
    head = sd.get("classifier.weight")
    print(f"{a.output}: {len(sd)} tensors, format {fmt}, {renamed} legacy keys renamed, "
          f"classifier {tuple(head.shape) if head is not None else 'absent'}"
          + (", Sigmoid dropped (the file holds logits)" if sigmoid else ""))


if __name__ == "__main__":
    main()
