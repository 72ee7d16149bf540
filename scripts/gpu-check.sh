#!/usr/bin/env bash
# ChestDx on a CUDA machine with PyTorch but no .NET and no internet (run from the unpacked publish-external.sh bundle).
#
#   ./gpu-check.sh                      # results in ./gpu-check-results/ (summary.md + the raw files)
#   PYTHON=/opt/conda/bin/python STEPS=50 ./gpu-check.sh
#
# 1. finds PyTorch's libtorch (torch/lib) and checks that every libtorch symbol libLibTorchSharp.so imports is there
#    (TorchSharp binds ~1,200 C++ symbols lazily: a missing one loads fine and fails only when called);
# 2. `chestdx doctor` with LD_LIBRARY_PATH pointing at torch/lib;
# 3. the same STEPS DenseNet-121 training steps (same init, same data) on CUDA fp32, CUDA bf16 and CPU fp32, and how
#    far their losses agree;
# 4. training-step images/s of ChestDx vs PyTorch eager (channels_last + autocast) on the same GPU, batch 64 and 16;
# 5. `chestdx train` (one epoch, then --resume to a second) and `predict` on a generated 256-pixel pack on CUDA
#    (pack on the GPU, bf16 autocast, channels-last).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CHESTDX=${CHESTDX:-$HERE/chestdx}
PYTHON=${PYTHON:-python3}
OUT=${OUT:-$PWD/gpu-check-results}
STEPS=${STEPS:-50}
BENCH_STEPS=${BENCH_STEPS:-20}
mkdir -p "$OUT"
SUMMARY=$OUT/summary.md
: > "$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }
fail() { say "FAILED: $*"; exit 1; }

say "# ChestDx GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
say ""
[ -x "$CHESTDX" ] || fail "chestdx not found at $CHESTDX (set CHESTDX=)"

# ---- 1. PyTorch's libtorch and the symbols LibTorchSharp needs --------------------------------------------------
read -r TORCH_LIB TORCH_VERSION CUDA_VERSION GPU < <("$PYTHON" - <<'PY'
import os, torch
# The folder of the libtorch this PyTorch loaded: torch/lib for pip and conda installs, a system folder for distro packages.
lib = os.path.join(os.path.dirname(torch.__file__), "lib")
for line in open("/proc/self/maps"):
    if "libtorch_cpu.so" in line:
        lib = os.path.dirname(line.split()[-1]); break
gpu = torch.cuda.get_device_name(0).replace(" ", "_") if torch.cuda.is_available() else "none"
print(lib, torch.__version__, torch.version.cuda or "none", gpu)
PY
) || fail "$PYTHON cannot import torch"
say "- PyTorch $TORCH_VERSION (CUDA $CUDA_VERSION), libtorch in $TORCH_LIB"
say "- GPU: ${GPU//_/ }"
[ "$GPU" != none ] || fail "PyTorch sees no CUDA device"
command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/- nvidia-smi: /' | tee -a "$SUMMARY"

SYMTOOL=""
if command -v nm > /dev/null; then SYMTOOL=nm; elif command -v objdump > /dev/null; then SYMTOOL=objdump; fi
if [ -n "$SYMTOOL" ]; then
  undefined() { if [ $SYMTOOL = nm ]; then nm -D --undefined-only "$1" | awk '{print $NF}'; else objdump -T "$1" | awk '$4=="*UND*"{print $NF}'; fi; }
  defined() { if [ $SYMTOOL = nm ]; then nm -D --defined-only "$1" | awk '{print $NF}'; else objdump -T "$1" | awk '$4!="*UND*"{print $NF}'; fi; }
  # libtorch's own namespaces: at::, c10::, torch::, caffe2:: (std:: and libc come from the system).
  undefined "$HERE/libLibTorchSharp.so" | sed 's/@.*//' | grep -E '^_ZN(K)?(2at|3c10|5torch|6caffe2)' | sort -u > "$OUT/libtorchsharp-imports.txt"
  for so in "$TORCH_LIB"/libtorch*.so* "$TORCH_LIB"/libc10*.so*; do [ -f "$so" ] && defined "$so"; done | sed 's/@.*//' | sort -u > "$OUT/libtorch-exports.txt"
  comm -23 "$OUT/libtorchsharp-imports.txt" "$OUT/libtorch-exports.txt" > "$OUT/missing-symbols.txt"
  MISSING=$(wc -l < "$OUT/missing-symbols.txt")
  say "- libtorch symbols imported by libLibTorchSharp.so: $(wc -l < "$OUT/libtorchsharp-imports.txt"), missing from this PyTorch: $MISSING"
  if [ "$MISSING" -gt 0 ]; then
    say "  (ABI mismatch: the ops below fail when first called; TorchSharp 0.107 is built for libtorch 2.10)"
    { command -v c++filt > /dev/null && c++filt < "$OUT/missing-symbols.txt" || cat "$OUT/missing-symbols.txt"; } | head -20 | sed 's/^/    /' | tee -a "$SUMMARY"
  fi
else
  say "- symbol check skipped: neither nm nor objdump is installed (binutils)"
fi

export LD_LIBRARY_PATH="$TORCH_LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# ---- 2. doctor ---------------------------------------------------------------------------------------------------
say ""
say "## chestdx doctor"
"$CHESTDX" doctor --require-cuda > "$OUT/doctor.txt" 2>&1; DOCTOR=$?   # 1 unless a training step passes on CUDA
sed 's/^/    /' "$OUT/doctor.txt" | tee -a "$SUMMARY"
say "(exit code $DOCTOR)"

# ---- 3. loss agreement: the same steps on CUDA fp32, CUDA bf16 and CPU fp32 -----------------------------------------
say ""
say "## $STEPS training steps, DenseNet-121, batch 16 at 224, same init and data"
run_steps() { # device precision file
  "$CHESTDX" bench train --device "$1" --precision "$2" --batch 16 --size 224 --warmup 0 --steps "$STEPS" --python none --json "$3" \
    > "$3.log" 2>&1 || { say "FAILED: bench on $1 $2 (see $3.log)"; tail -5 "$3.log" | sed 's/^/    /' | tee -a "$SUMMARY"; return 1; }
}
run_steps cuda fp32 "$OUT/steps-cuda-fp32.json"
run_steps cuda bf16 "$OUT/steps-cuda-bf16.json"
run_steps cpu fp32 "$OUT/steps-cpu-fp32.json"
"$PYTHON" - "$OUT" <<'PY' | tee -a "$SUMMARY"
import json, sys, os
out = sys.argv[1]
def losses(name):
    p = os.path.join(out, f"steps-{name}.json")
    if not os.path.exists(p): return None
    return json.load(open(p))["results"][0]["chestdx"]["losses"]
ref = losses("cpu-fp32")
# Tolerances: CUDA fp32 convolutions may use TF32 (10-bit mantissa) and other kernels than the CPU, so trajectories
# drift apart slowly; bf16 autocast keeps 8 mantissa bits in the matmuls.
for name, tol in (("cuda-fp32", 0.02), ("cuda-bf16", 0.10)):
    l = losses(name)
    if ref is None or l is None:
        print(f"- {name}: not available"); continue
    rel = [abs(a - b) / max(abs(b), 1e-8) for a, b in zip(l, ref)]
    first, last = rel[0], rel[-1]
    verdict = "agree" if max(rel) <= tol else "DIFFER"
    print(f"- {name} vs cpu-fp32: {verdict} within {tol:g} relative (step 1 {first:.2e}, max {max(rel):.2e}, last {last:.2e}); "
          f"loss {l[0]:.4f} → {l[-1]:.4f} (cpu {ref[0]:.4f} → {ref[-1]:.4f})")
PY

# ---- 4. throughput: ChestDx vs PyTorch eager on the same GPU -----------------------------------------------------
say ""
say "## Training-step throughput on the GPU (channels_last + autocast for both; median of $BENCH_STEPS steps)"
for B in 64 16; do
  "$CHESTDX" bench train --device cuda --batch "$B" --size 224 --warmup 5 --steps "$BENCH_STEPS" --precision fp32 bf16 \
    --python "$PYTHON" --json "$OUT/bench-b$B.json" > "$OUT/bench-b$B.txt" 2>&1 || say "FAILED: bench batch $B (see bench-b$B.txt)"
  grep -v -E '^ChestDx (fp32|bf16) on (cpu|cuda): ' "$OUT/bench-b$B.txt" | tee -a "$SUMMARY"  # drop progress lines
done

# ---- 5. end to end on a generated pack: train one epoch on CUDA, predict -------------------------------------------
say ""
say "## One epoch on a generated 256-pixel pack (CUDA, pack on the GPU, bf16)"
"$PYTHON" - "$OUT/pack" <<'PY'
import json, os, sys, random
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
classes = ["Atelectasis","Cardiomegaly","Effusion","Infiltration","Mass","Nodule","Pneumonia","Pneumothorax",
           "Consolidation","Edema","Emphysema","Fibrosis","Pleural_Thickening","Hernia"]
n, s, rng = 512, 256, random.Random(0)
with open(f"{out}/images.u8", "wb") as f:
    for i in range(n): f.write(rng.randbytes(s * s))
with open(f"{out}/manifest.csv", "w") as f:
    f.write("row,image_id,patient,view,sex,age," + ",".join(classes) + ",split\n")
    for i in range(n):
        split = "train" if i < 384 else "val"
        f.write(f"{i},img{i:05d}.png,p{i:05d},PA,F,50," + ",".join(str(int(rng.random() < 0.2)) for _ in classes) + f",{split}\n")
json.dump({"schema_version": 1, "image_size": s, "count": n, "classes": classes}, open(f"{out}/pack.json", "w"))
PY
START=$(date +%s)
"$CHESTDX" train --data "$OUT/pack" --out "$OUT/run" --epochs 1 --device cuda > "$OUT/train.txt" 2>&1 \
  && say "- train: ok in $(( $(date +%s) - START )) s ($(grep -m1 'training images on the' "$OUT/train.txt" || echo 'pack read from the host'))" \
  || { say "- train: FAILED (see train.txt)"; tail -5 "$OUT/train.txt" | sed 's/^/    /' | tee -a "$SUMMARY"; }
# Resume on the GPU: optimizer state and weights come back from the checkpoint onto CUDA tensors.
"$CHESTDX" train --out "$OUT/run" --resume --epochs 2 > "$OUT/resume.txt" 2>&1 \
  && say "- resume to epoch 2: ok ($(grep -c . "$OUT/run/metrics.csv") lines in metrics.csv)" \
  || { say "- resume: FAILED (see resume.txt)"; tail -5 "$OUT/resume.txt" | sed 's/^/    /' | tee -a "$SUMMARY"; }
"$CHESTDX" predict --model "$OUT/run" --data "$OUT/pack" --split val --out "$OUT/predictions.csv" --device cuda --tta --cam "$OUT/cams" --cam-top 1 \
  > "$OUT/predict.txt" 2>&1 && say "- predict: $(grep -m1 ' predictions (' "$OUT/predict.txt")" \
  || { say "- predict: FAILED (see predict.txt)"; tail -5 "$OUT/predict.txt" | sed 's/^/    /' | tee -a "$SUMMARY"; }

say ""
say "Results: $OUT (summary.md; copy BENCHMARKS.md-worthy numbers from here)"
