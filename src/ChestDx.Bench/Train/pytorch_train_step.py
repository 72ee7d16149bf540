#!/usr/bin/env python3
"""PyTorch eager baseline for `chestdx bench train`: the same training step ChestDx times.

torchvision densenet121(num_classes=14), random N(0,1) input B×3×S×S, random 0/1 targets, BCEWithLogitsLoss,
Adam(lr=1e-3): zero_grad, forward (under torch.autocast bf16 when asked), loss in fp32, backward, step. Optional
channels_last (model and input). Prints one JSON object: per-step wall and CPU seconds after warm-up, and the versions used.
Run by chestdx (embedded copy); usable alone:  python3 pytorch_train_step.py --device cpu --threads 2
"""
import argparse, json, os, sys, time

import torch
import torch.nn.functional as F

try:
    from torchvision.models import densenet121
except ImportError:  # torchvision missing: say so in the JSON instead of a traceback
    print(json.dumps({"error": "torchvision is not installed (Debian: apt-get install python3-torchvision)"}))
    sys.exit(0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cpu")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    p.add_argument("--channels-last", action="store_true")
    a = p.parse_args()

    # Debian's PyTorch starts with one intra-op thread on some machines; use the cores, as ChestDx does.
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    device = torch.device(a.device)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    fmt = torch.channels_last if a.channels_last else torch.contiguous_format
    model = densenet121(num_classes=14).to(device).to(memory_format=fmt).train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999))
    x = torch.randn(a.batch, 3, a.size, a.size, device=device).to(memory_format=fmt)
    y = (torch.rand(a.batch, 14, device=device) > 0.5).float()

    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=a.precision == "bf16"):
            logits = model(x)
        loss = F.binary_cross_entropy_with_logits(logits.float(), y)
        loss.backward()
        opt.step()
        return loss

    times, cpu = [], []
    for i in range(a.warmup + a.steps):
        if device.type == "cuda":
            torch.cuda.synchronize()
        c0 = time.process_time()  # user + system CPU time of all threads, like .NET's TotalProcessorTime
        t0 = time.perf_counter()
        loss = step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        else:
            loss.item()
        if i >= a.warmup:
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "device": str(device), "threads": torch.get_num_threads(),
        "precision": a.precision, "channels_last": a.channels_last, "batch": a.batch, "size": a.size, "step_seconds": times, "step_cpu_seconds": cpu,
        "gpu": torch.cuda.get_device_name(0) if device.type == "cuda" else None,
    }))


if __name__ == "__main__":
    main()
