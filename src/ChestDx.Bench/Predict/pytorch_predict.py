#!/usr/bin/env python3
"""PyTorch eager baseline for `chestdx bench predict`: the forward pass ChestDx times.

torchvision densenet121(num_classes=14) with random weights in eval mode under torch.inference_mode(), random N(0,1)
input B×3×S×S, forward only (logits); wall and process CPU seconds per pass. Peak memory: VmHWM of /proc/self/status, reset through /proc/self/clear_refs
(value 5, Linux proc(5)) after the imports, so it covers model creation and inference; also the RSS at the reset.
Prints one JSON object. Run by chestdx (embedded copy); usable alone:  python3 pytorch_predict.py --threads 2 --batch 16
"""
import argparse, json, os, sys, time

import torch

try:
    from torchvision.models import densenet121
except ImportError:  # torchvision missing: say so in the JSON instead of a traceback
    print(json.dumps({"error": "torchvision is not installed (Debian: apt-get install python3-torchvision)"}))
    sys.exit(0)


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    reset = reset_peak()
    rss_before = status_kib("VmRSS")
    model = densenet121(num_classes=14).eval()
    x = torch.randn(a.batch, 3, a.size, a.size)
    times, cpu = [], []
    with torch.inference_mode():
        for i in range(a.warmup + a.repeats):
            c0 = time.process_time()  # user + system CPU time of all threads, like .NET's TotalProcessorTime
            t0 = time.perf_counter()
            model(x).sum().item()
            if i >= a.warmup:
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(), "batch": a.batch,
        "size": a.size, "seconds": times, "cpu_seconds": cpu, "peak_rss_kib": status_kib("VmHWM"), "rss_before_kib": rss_before,
        "peak_reset": reset,
    }))


if __name__ == "__main__":
    main()
