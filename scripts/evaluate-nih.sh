#!/usr/bin/env bash
# Score test-split predictions on ChestX-ray14: per-class AUROC with DeLong and bootstrap CIs, F1 at thresholds chosen
# on the validation split, calibration, the published CheXNet/Wang/Yao numbers side by side; then the same model on
# Google's radiologist-adjudicated labels. Edit the paths, then run from the repository root.
set -euo pipefail

RUN=${RUN:?set RUN to the training run directory (scripts/train-chexnet.sh)}
PACK=${PACK:-/data/chestdx/nih-cxr14-256}
PREDICTIONS=${PREDICTIONS:-$RUN/test-predictions.csv}
VAL_PREDICTIONS=${VAL_PREDICTIONS:-$RUN/val-predictions.csv}
LABELS=${LABELS:-data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz}
OUT=${OUT:-$RUN/eval}
CHESTDX=${CHESTDX:-dotnet run --project src/ChestDx.Cli -c Release --}
BOOTSTRAP=${BOOTSTRAP:-10000}     # bootstrap resamples for the CIs
DEVICE=${DEVICE:-auto}

# Thresholds are chosen on validation predictions and applied to test, never fitted on test.
[ -f "$VAL_PREDICTIONS" ] || $CHESTDX predict --model "$RUN" --data "$PACK" --split val --tta --out "$VAL_PREDICTIONS" \
    --device "$DEVICE"
$CHESTDX evaluate --predictions "$PREDICTIONS" --labels "$LABELS" --out "$OUT" \
    --val-predictions "$VAL_PREDICTIONS" --val-labels "$LABELS" --threshold-policy max-f1 --bootstrap "$BOOTSTRAP"

# Google's adjudicated test labels (Majkowska et al. 2020) cover Pneumothorax among NIH's classes. Every one of its
# 1,962 test images must have a prediction (all are on NIH's test list, so a full test split covers them); for a pack
# of part of ChestX-ray14, such as samples/nih-cxr14, set GOOGLE=no.
GOOGLE=${GOOGLE:-yes}
if [ "$GOOGLE" = yes ]; then
    $CHESTDX evaluate --predictions "$PREDICTIONS" \
        --labels data-manifests/nih-cxr14/reference-sets/google2019_nih-chest-xray-labels.csv.gz \
        --label-set test --classes Pneumothorax --out "$OUT/google-pneumothorax"
fi
echo "report: $OUT/report.html"
