#!/usr/bin/env python3
"""Reference for ChestDx's training-step parity test (tests/ChestDx.Training.Tests/Runs/TrainingStepParityTests.cs).

Three training steps of a torchvision DenseNet on three different batches, written without ChestDx code. The
committed fixture is a tiny DenseNet (CONFIG); with --densenet121 the network is torchvision's DenseNet-121 with 14
classes (DENSENET121), which the test generates at run time (the expected values are 337 MB):
  - the network in float64 (model.double(), inputs cast to float64): float32 training of even a small DenseNet is
    chaotic under summation-order changes (see the test's comment), float64 is reproducible to ~1e-12;
  - the loss in float32, as ChestDx's TrainingStep computes it (logits cast to float32): binary cross-entropy on logits
    with pos_weight over the known labels only, summed and divided by the number of known labels, written out here
    from log-sigmoids rather than with torch's binary_cross_entropy_with_logits;
  - torch.optim.Adam (not AdamW) with two parameter groups, backbone at lr * backbone multiplier and the classifier at
    lr, betas, eps and L2 weight decay from HYPER below.
Recorded per step: the loss, the gradient of every parameter (before Adam's step) and the whole state_dict after the
step (parameters, BatchNorm running_mean / running_var / num_batches_tracked).

Run with Debian's python3-torch 1.13 / python3-torchvision 0.14 (apt-get install python3-torch python3-torchvision):
    /usr/bin/python3 make_fixture.py OUTDIR [--densenet121]
"""
import json, os, struct, sys
import torch, torchvision

DT = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64"}

CONFIG = dict(growth_rate=8, block_config=(2, 2, 2, 2), num_init_features=16, bn_size=2, drop_rate=0.0, num_classes=14)
# torchvision.models.densenet121's architecture (its _densenet arguments), 14 classes.
DENSENET121 = dict(growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64, bn_size=4, drop_rate=0.0,
                   num_classes=14)
# ChestDx TrainConfig keys: learning_rate, backbone_lr_multiplier, beta1, beta2, adam_eps, weight_decay.
HYPER = dict(learning_rate=1e-3, backbone_lr_multiplier=0.5, beta1=0.9, beta2=0.999, adam_eps=1e-3, weight_decay=1e-2)
STEPS, BATCH, SIZE = 3, 4, 64


def save(path, tensors, meta=None):
    header, blobs, off = {}, [], 0
    for k, t in tensors.items():
        t = t.detach().contiguous().cpu()
        b = t.numpy().tobytes()
        header[k] = {"dtype": DT[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    if meta:
        header["__metadata__"] = {k: str(v) for k, v in meta.items()}
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def masked_bce(logits, targets, mask, pos_weight):
    """Mean over known labels of -(w·y·log σ(z) + (1−y)·log(1−σ(z))), with w = pos_weight per class."""
    z = logits
    per = -(pos_weight * targets * torch.nn.functional.logsigmoid(z) + (1 - targets) * torch.nn.functional.logsigmoid(-z))
    return (per * mask).sum() / mask.sum().clamp_min(1)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.DenseNet(**CONFIG)
    g = torch.Generator().manual_seed(3)
    with torch.no_grad():
        # torchvision initialises BatchNorm to weight 1, bias 0, mean 0, var 1 and the classifier bias to 0; perturb
        # them so every term of the backward pass and the running-statistics update is exercised with generic values.
        for name, m in model.named_modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                n = m.num_features
                m.weight.copy_(1 + 0.2 * torch.randn(n, generator=g))
                m.bias.copy_(0.1 * torch.randn(n, generator=g))
                m.running_mean.copy_(0.1 * torch.randn(n, generator=g))
                m.running_var.copy_(1 + 0.5 * torch.rand(n, generator=g))
        model.classifier.bias.copy_(0.1 * torch.randn(CONFIG["num_classes"], generator=g))
    save(f"{out}/weights.safetensors", model.state_dict(), {"config": json.dumps(CONFIG)})

    classes = CONFIG["num_classes"]
    batches = {}
    for s in range(1, STEPS + 1):
        x = torch.randn(BATCH, 3, SIZE, SIZE, generator=g)
        y = (torch.rand(BATCH, classes, generator=g) < 0.3).float()
        known = (torch.rand(BATCH, classes, generator=g) > 0.25).float()
        if s == 2:
            known[:, 5] = 0  # a class unknown in the whole batch
        if s == 3:
            known[1, :] = 0  # an image with no known label
        batches[f"step{s}.inputs"] = x
        batches[f"step{s}.targets"] = y * known  # unknown labels are 0 in the batch, as BatchAssembler makes them
        batches[f"step{s}.mask"] = known
    pos_weight = (0.5 + 3.5 * torch.rand(classes, generator=g)).float()
    batches["pos_weight"] = pos_weight
    save(f"{out}/batches.safetensors", batches)

    model.double()
    model.train()
    backbone = [p for n, p in model.named_parameters() if not n.startswith("classifier.")]
    head = [p for n, p in model.named_parameters() if n.startswith("classifier.")]
    lr = HYPER["learning_rate"]
    opt = torch.optim.Adam(
        [{"params": backbone, "lr": lr * HYPER["backbone_lr_multiplier"]}, {"params": head, "lr": lr}],
        lr=lr, betas=(HYPER["beta1"], HYPER["beta2"]), eps=HYPER["adam_eps"], weight_decay=HYPER["weight_decay"])

    expected, losses = {}, []
    for s in range(1, STEPS + 1):
        opt.zero_grad()
        logits = model(batches[f"step{s}.inputs"].double())
        loss = masked_bce(logits.float(), batches[f"step{s}.targets"], batches[f"step{s}.mask"], pos_weight)
        loss.backward()
        losses.append(float(loss))
        expected[f"step{s}.loss"] = loss.detach().reshape(1)
        for n, p in model.named_parameters():
            expected[f"step{s}.grad.{n}"] = p.grad.clone()
        opt.step()
        for k, v in model.state_dict().items():
            expected[f"step{s}.after.{k}"] = v.clone()
    save(f"{out}/expected.safetensors", expected)

    info = {"torch": torch.__version__, "torchvision": torchvision.__version__, "config": CONFIG, "hyper": HYPER,
            "steps": STEPS, "batch": BATCH, "size": SIZE, "losses": losses,
            "parameters": sum(p.numel() for p in model.parameters()), "state_dict_entries": len(model.state_dict())}
    with open(f"{out}/info.json", "w") as f:
        json.dump(info, f, indent=2)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--densenet121"]
    if "--densenet121" in sys.argv[1:]:
        CONFIG = DENSENET121
    main(args[0] if args else ".")
