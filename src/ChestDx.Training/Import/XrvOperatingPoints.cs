namespace ChestDx.Training.Import;

/// <summary>
/// torchxrayvision's published operating points (<c>model_urls[key]["op_threshs"]</c> in torchxrayvision/models.py,
/// version 1.5.2; tests/data/model-import/PROVENANCE.md) per weights key, in its 18-target output order
/// (ClassSet.TorchXrayVision); NaN where the weights were not trained for the target (op_norm then outputs 0.5).
/// Each is the Youden-optimal threshold on a held-out 20 % of the training data. Also the weight files' name prefixes
/// (<c>&lt;prefix&gt;-densenet121-d121-tw-lr001-rot45-tr15-sc15-seed0-best.pt</c>), so a file keeps its key.
/// </summary>
public static class XrvOperatingPoints
{
    private const double N = double.NaN;

    public static IReadOnlyList<double> For(XrvWeightsKey key) => key switch
    {
        XrvWeightsKey.All =>
        [
            0.07422872, 0.038290843, 0.09814756, 0.0098118475, 0.023601074, 0.0022490358, 0.010060724, 0.103246614,
            0.056810737, 0.026791653, 0.050318155, 0.023985857, 0.01939503, 0.042889766, 0.053369623, 0.035975814,
            0.20204692, 0.05015312,
        ],
        XrvWeightsKey.Nih =>
        [
            0.039117552, 0.0034529066, 0.11396341, 0.0057298196, 0.00045666535, 0.0018880932, 0.012037827,
            0.038744126, 0.0037213727, 0.014730946, 0.016149804, 0.054241467, 0.037198864, 0.0004403434, N, N, N, N,
        ],
        XrvWeightsKey.Pc =>
        [
            0.031012505, 0.013347598, 0.081435576, 0.001262615, 0.002587246, 0.0035944257, 0.0023071, 0.055412333,
            0.044385884, 0.042766232, 0.043258056, 0.037629247, 0.005658899, 0.0091741895, N, 0.026507627, N, N,
        ],
        XrvWeightsKey.Chex =>
        [
            0.1988969, 0.05710573, N, 0.0531293, 0.1435217, N, N, 0.27212676, 0.07749717, N, 0.19712369, N, N, N,
            0.09932402, 0.09273402, 0.3270967, 0.10888247,
        ],
        XrvWeightsKey.MimicNb =>
        [
            0.08558747, 0.011884617, N, 0.0040595434, 0.010733786, N, N, 0.118761964, 0.022924708, N, 0.06358637, N,
            N, N, 0.022143636, 0.017476924, 0.1258702, 0.014020768,
        ],
        XrvWeightsKey.MimicCh =>
        [
            0.09121389, 0.010573786, N, 0.005023008, 0.003698257, N, N, 0.08001232, 0.037242252, N, 0.05006329, N, N,
            N, 0.019866971, 0.03823637, 0.11303808, 0.0069147074,
        ],
        XrvWeightsKey.Rsna => [N, N, N, N, N, N, N, N, 0.13486601, N, N, N, N, N, N, N, 0.13511065, N],
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>The released file name's prefix for <paramref name="key"/>.</summary>
    public static string FilePrefix(XrvWeightsKey key) => key switch
    {
        XrvWeightsKey.All => "nih-pc-chex-mimic_ch-google-openi-kaggle",
        XrvWeightsKey.Rsna => "kaggle",
        _ => Core.Choices.Choice<XrvWeightsKey>.Name(key),
    };

    /// <summary>The key a released file's name says (its prefix before "-densenet121"), or null.</summary>
    public static XrvWeightsKey? FromFileName(string path)
    {
        string name = Path.GetFileName(path);
        int end = name.IndexOf("-densenet121", StringComparison.Ordinal);
        if (end <= 0) return null;
        string prefix = name[..end];
        foreach (XrvWeightsKey key in Enum.GetValues<XrvWeightsKey>())
            if (FilePrefix(key) == prefix) return key;
        return null;
    }
}
