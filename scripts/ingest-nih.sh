#!/usr/bin/env bash
# ChestX-ray14 (112,120 PNGs, 42 GB) → a 256×256 dataset pack with NIH's official patient-disjoint split and a
# validation carve-out by patient. Edit the paths, then run from the repository root. Rerunning the same command
# resumes after an interruption; `chestdx pack verify` re-checks a finished pack.
set -euo pipefail

# The NIH release unpacked as downloaded: images_001/images/*.png … images_012/images/*.png (a flat folder works too).
NIH=${NIH:-/data/nih-cxr14}
# NIH's labels: the v2020 Data_Entry ships in this repository; the 2017 file from NIH works as well.
LABELS=${LABELS:-data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz}
PACK=${PACK:-/data/chestdx/nih-cxr14-256}
SIZE=${SIZE:-256}                 # 256 lets training take CheXNet's random 224 crops; 224 or 512 also allowed
SPLIT=${SPLIT:-official}          # official (NIH lists, val carved out of train_val) or random (CheXNet's 70/10/20)
# Fraction of the training patients moved to val (train needs val). 0.1 suits the full release; the 11-image
# samples/nih-cxr14 needs 0.2, or val is empty (ingest then warns).
VAL_FRACTION=${VAL_FRACTION:-0.1}
CHESTDX=${CHESTDX:-dotnet run --project src/ChestDx.Cli -c Release --}

# NIH's patient ids are NIH's own public numbers, so no site key is needed (hospital data: --key-file instead).
$CHESTDX ingest --source "$NIH" --labels "$LABELS" --out "$PACK" --size "$SIZE" --split "$SPLIT" \
    --val-fraction "$VAL_FRACTION" --no-pseudonym
$CHESTDX pack verify "$PACK"
# How the pack's images and labels are distributed (the start of the negative-transfer checks).
$CHESTDX audit "$PACK" --out "$PACK/audit"
echo "next: PACK=$(printf %q "$PACK") scripts/train-chexnet.sh"

# Many machines: job i of N (Slurm: i=$SLURM_ARRAY_TASK_ID; Kubernetes indexed jobs: i=$JOB_COMPLETION_INDEX) runs
#   $CHESTDX ingest --source "$NIH" --labels "$LABELS" --size "$SIZE" --split "$SPLIT" \
#       --val-fraction "$VAL_FRACTION" --no-pseudonym --out "$PACK.shard-$i" --shard "$i/$N"
# and once all N are done:
#   $CHESTDX pack merge --out "$PACK" "$PACK".shard-*
#
# Memory per job: peak ≈ 100 MB + --workers × (the largest image's working set), and never above
# 100 MB + --workers × --max-image-memory (default 1G). PNG, RLE and native DICOM are decoded by rows (NIH's 1024²
# PNGs need a few MB each); interlaced/palette PNG and JPEG-family DICOM are decoded whole, and an image whose
# header-based estimate exceeds the budget is rejected into rejected.csv with the reason, never an OOM kill
# (src/ChestDx.Ingest/README.md, "Memory"). A pod with a 4 GiB limit: --workers 3 --max-image-memory 1G, or
# --workers 6 --max-image-memory 512M.
