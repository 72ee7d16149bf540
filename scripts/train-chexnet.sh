#!/usr/bin/env bash
# CheXNet on ChestX-ray14: DenseNet-121 from ImageNet weights, the paper's recipe (ChestDx's defaults), on a GPU.
# Edit the paths, then run from the repository root. Every setting is in RUN/config.json afterwards; an interrupted
# run continues with `chestdx train --out "$RUN" --resume`.
set -euo pipefail

PACK=${PACK:-/data/chestdx/nih-cxr14-256}          # from scripts/ingest-nih.sh (256×256, official or random split)
RUN=${RUN:-/data/chestdx/runs/chexnet-$(date +%Y%m%d-%H%M)}
# torchvision's ImageNet weights: download https://download.pytorch.org/models/densenet121-a639ec97.pth once (a legacy
# pickle) and convert it with Python + PyTorch:  python3 scripts/convert_torchvision_weights.py densenet121-a639ec97.pth "$WEIGHTS"
# WEIGHTS= (empty) trains from scratch: only for a pipeline check.
WEIGHTS=${WEIGHTS-/data/chestdx/weights/densenet121-imagenet.safetensors}
# On a GPU build with -p:ChestDxTorchBackend=cuda, or use the scripts/publish-external.sh bundle with PyTorch's libtorch.
CHESTDX=${CHESTDX:-dotnet run --project src/ChestDx.Cli -c Release --}
EPOCHS=${EPOCHS:-20}
DEVICE=${DEVICE:-auto}
# More `chestdx train` options, word-split, e.g. TRAIN_ARGS="--input-size 32 --batch-size 4" for a quick check.
TRAIN_ARGS=${TRAIN_ARGS:-}

# shellcheck disable=SC2086  # TRAIN_ARGS is a list of options
$CHESTDX train --data "$PACK" --out "$RUN" ${WEIGHTS:+--weights "$WEIGHTS"} --epochs "$EPOCHS" --device "$DEVICE" \
    $TRAIN_ARGS
# Test-split predictions with CheXNet's ten-crop averaging, and heat maps for the top three findings.
$CHESTDX predict --model "$RUN" --data "$PACK" --split test --tta --out "$RUN/test-predictions.csv" --cam "$RUN/cams" \
    --device "$DEVICE"
echo "next: RUN=$(printf %q "$RUN") PACK=$(printf %q "$PACK") scripts/evaluate-nih.sh"
