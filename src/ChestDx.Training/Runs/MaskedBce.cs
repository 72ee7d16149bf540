using ChestDx.Core.Packs;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>
/// Binary cross-entropy on logits over the known labels only (torchxrayvision masks NaN labels the same way): the
/// per-element losses of nn.BCEWithLogitsLoss(pos_weight) are summed where the label is known and divided by the
/// number of known labels. With every label known this is PyTorch's reduction="mean".
/// </summary>
public static class MaskedBce
{
    /// <summary>Mean loss over known labels (a scalar tensor; 0 when nothing is known).</summary>
    public static Tensor Mean(Tensor logits, Tensor targets, Tensor mask, Tensor? posWeight)
    {
        using Tensor sum = Sum(logits, targets, mask, posWeight);
        using Tensor known = mask.sum().clamp_min(1);
        return sum / known;
    }

    /// <summary>Summed loss over known labels, for averaging over a whole split.</summary>
    public static Tensor Sum(Tensor logits, Tensor targets, Tensor mask, Tensor? posWeight)
    {
        using Tensor elements = nn.functional.binary_cross_entropy_with_logits(logits, targets,
            reduction: nn.Reduction.None, pos_weights: posWeight);
        using Tensor masked = elements * mask;
        return masked.sum();
    }

    /// <summary>
    /// pos_weight per class = negatives / positives among the known labels of <paramref name="rows"/> (the
    /// BCEWithLogitsLoss convention: a class with 1% positives weighs each positive 99×). A class without positives
    /// gets 1 and is reported in <paramref name="noPositives"/>.
    /// </summary>
    public static float[] PositiveWeights(DatasetPack pack, IReadOnlyList<int> rows, out List<string> noPositives)
    {
        int classes = pack.Classes.Count;
        var pos = new long[classes];
        var neg = new long[classes];
        foreach (int r in rows)
        {
            float[] labels = pack.Entries[r].Labels;
            for (int c = 0; c < classes; c++)
            {
                if (labels[c] == 1f) pos[c]++;
                else if (labels[c] == 0f) neg[c]++;
            }
        }
        noPositives = [];
        var weights = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            if (pos[c] == 0) noPositives.Add(pack.Classes[c]);
            weights[c] = pos[c] == 0 ? 1f : (float)((double)neg[c] / pos[c]);
        }
        return weights;
    }
}
