using System.Text.RegularExpressions;
using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Training.Weights;

namespace ChestDx.Training.Import;

/// <summary>
/// The DenseNet a state_dict with torchvision's names describes, read from its shapes (torchvision/models/densenet.py:
/// conv0 is [num_init_features, in_channels, 7, 7]; a dense layer's conv1 is [bn_size·k, c, 1, 1] and conv2
/// [k, bn_size·k, 3, 3]; the classifier [classes, features]), so DenseNet-121 and the fixtures' small DenseNets import
/// alike. The strict load that follows checks every other tensor.
/// </summary>
public static partial class WeightsShape
{
    [GeneratedRegex(@"^features\.denseblock(\d+)\.denselayer(\d+)\.conv1\.weight$")]
    private static partial Regex DenseLayerConv1();

    public static (DenseNetConfig Config, int InputChannels) Infer(StateDict weights, string path)
    {
        long[] conv0 = Shape(weights, "features.conv0.weight", path);
        long[] head = Shape(weights, "classifier.weight", path);
        long[] conv1 = Shape(weights, "features.denseblock1.denselayer1.conv1.weight", path);
        long[] conv2 = Shape(weights, "features.denseblock1.denselayer1.conv2.weight", path);
        if (conv0.Length != 4 || head.Length != 2 || conv1.Length != 4 || conv2.Length != 4)
            throw ChestDxException.ForFile(path, "not a DenseNet state_dict (conv0, dense layers or classifier "
                + "have unexpected ranks)");
        var layers = new SortedDictionary<int, int>();
        foreach (string key in weights.Keys)
            if (DenseLayerConv1().Match(key) is { Success: true } m)
            {
                int block = int.Parse(m.Groups[1].Value), layer = int.Parse(m.Groups[2].Value);
                layers[block] = Math.Max(layers.GetValueOrDefault(block), layer);
            }
        int growth = (int)conv2[0];
        var config = new DenseNetConfig
        {
            GrowthRate = growth, BlockConfig = layers.Values.ToArray(), NumInitFeatures = (int)conv0[0],
            BnSize = (int)(conv1[0] / growth), NumClasses = (int)head[0],
        };
        return (config, (int)conv0[1]);
    }

    private static long[] Shape(StateDict weights, string key, string path) =>
        weights.ContainsKey(key)
            ? weights[key].shape
            : throw ChestDxException.ForFile(path, $"not a DenseNet state_dict: no '{key}' (after removing wrapper "
                + "prefixes and renaming legacy keys)");
}
