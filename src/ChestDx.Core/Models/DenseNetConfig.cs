using System.Text.Json.Serialization;

namespace ChestDx.Core.Models;

/// <summary>
/// The shape of a DenseNet (Huang et al., "Densely Connected Convolutional Networks", CVPR 2017), with torchvision's
/// constructor arguments and defaults (torchvision/models/densenet.py, <c>DenseNet.__init__</c>). The defaults are
/// DenseNet-121 (the CheXNet backbone); the head's size is the class count of the data, which training takes from the
/// pack (<see cref="NumClasses"/> 0).
/// </summary>
public sealed record DenseNetConfig
{
    /// <summary>Channels each dense layer adds (k in the paper). Default 32, DenseNet-121.</summary>
    public int GrowthRate { get; init; } = 32;

    /// <summary>Dense layers per block. Default (6, 12, 24, 16), DenseNet-121.</summary>
    public IReadOnlyList<int> BlockConfig { get; init; } = [6, 12, 24, 16];

    /// <summary>Channels of the stem convolution. Default 64 (2k).</summary>
    public int NumInitFeatures { get; init; } = 64;

    /// <summary>
    /// Bottleneck width as a multiple of the growth rate (the 1×1 conv makes bn_size·k maps). Default 4.
    /// </summary>
    public int BnSize { get; init; } = 4;

    /// <summary>Dropout after each dense layer. Default 0, as in torchvision and CheXNet.</summary>
    public double DropRate { get; init; }

    /// <summary>
    /// Outputs of the classifier, one per class. Default 0: not fixed by the config, training sets it to the number of
    /// classes of the pack's class set (pack.json <c>classes</c>). A network is only built with a positive count.
    /// </summary>
    public int NumClasses { get; init; }

    /// <summary>DenseNet-121 (torchvision <c>densenet121</c>) with <paramref name="classes"/> outputs.</summary>
    public static DenseNetConfig DenseNet121(int classes) => new() { NumClasses = classes };

    /// <summary>
    /// Channels entering the final norm5/classifier: each block adds layers·k, each transition halves.
    /// </summary>
    [JsonIgnore]
    public int FinalFeatures
    {
        get
        {
            int features = NumInitFeatures;
            for (int i = 0; i < BlockConfig.Count; i++)
            {
                features += BlockConfig[i] * GrowthRate;
                if (i != BlockConfig.Count - 1) features /= 2;
            }
            return features;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first impossible value.</summary>
    public void Validate()
    {
        if (GrowthRate <= 0) throw new ArgumentException($"growth_rate must be positive, not {GrowthRate}");
        if (BlockConfig.Count == 0 || BlockConfig.Any(n => n <= 0))
            throw new ArgumentException(
                $"block_config must list positive layer counts, not [{string.Join(", ", BlockConfig)}]");
        if (NumInitFeatures <= 0)
            throw new ArgumentException($"num_init_features must be positive, not {NumInitFeatures}");
        if (BnSize <= 0) throw new ArgumentException($"bn_size must be positive, not {BnSize}");
        if (DropRate is < 0 or >= 1 || double.IsNaN(DropRate))
            throw new ArgumentException($"drop_rate must be in [0, 1), not {DropRate}");
        if (NumClasses < 0)
            throw new ArgumentException(
                $"num_classes must be positive (or 0: the pack's class count), not {NumClasses}");
    }

    // Records compare lists by reference; configs compare by value (checkpoints check the architecture matches).
    public bool Equals(DenseNetConfig? other) =>
        other is not null && GrowthRate == other.GrowthRate && BlockConfig.SequenceEqual(other.BlockConfig)
        && NumInitFeatures == other.NumInitFeatures && BnSize == other.BnSize && DropRate.Equals(other.DropRate)
        && NumClasses == other.NumClasses;

    public override int GetHashCode() =>
        HashCode.Combine(GrowthRate, string.Join(",", BlockConfig), NumInitFeatures, BnSize, DropRate, NumClasses);

    public override string ToString() =>
        $"DenseNet(growth_rate={GrowthRate}, block_config=({string.Join(", ", BlockConfig)}), " +
        $"num_init_features={NumInitFeatures}, bn_size={BnSize}, drop_rate={DropRate}, num_classes={NumClasses})";
}
