#!/usr/bin/env bash
# CheXNet on ChestX-ray14: DenseNet-121 from ImageNet weights, the paper's recipe (ChestDx's defaults), on a GPU.
# Edit the paths, then run from the repository root. Every setting is in RUN/config.json afterwards; an interrupted
# run continues with `chestdx train --out "$RUN" --resume`.
set -euo pipefail

PACK=${PACK:-/data/chestdx/nih-cxr14-256}          # from scripts/ingest-nih.sh (256×256, official or random split)
RUN=${RUN:-/data/chestdx/runs/chexnet-$(date +%Y%m%d-%H%M)}
# torchvision's ImageNet weights: download https://download.pytorch.org/models/densenet121-a639ec97.pth once (a legacy
# pickle) and convert it with Python + PyTorch:  python3 scripts/convert_torchvision_weights.py densenet121-a639ec97.pth "$WEIGHTS"
WEIGHTS=${WEIGHTS:-/data/chestdx/weights/densenet121-imagenet.safetensors}
# On a GPU build with -p:ChestDxTorchBackend=cuda, or use the scripts/publish-external.sh bundle with PyTorch's libtorch.
CHESTDX=${CHESTDX:-dotnet run --project src/ChestDx.Cli -c Release --}
EPOCHS=${EPOCHS:-20}

$CHESTDX train --data "$PACK" --out "$RUN" --weights "$WEIGHTS" --epochs "$EPOCHS" --device auto
# Test-split predictions with CheXNet's ten-crop averaging, and heat maps for the top three findings.
$CHESTDX predict --model "$RUN" --data "$PACK" --split test --tta --out "$RUN/test-predictions.csv" --cam "$RUN/cams"
echo "next: RUN=\"$RUN\" PACK=\"$PACK\" scripts/evaluate-nih.sh"
