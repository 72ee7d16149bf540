using ChestDx.Core;
using ChestDx.Core.Models;

namespace ChestDx.Onnx.Export;

/// <summary>The float32 tensors of a model file by torchvision state_dict name.</summary>
public delegate (long[] Shape, float[] Values) TensorSource(string name);

/// <summary>
/// torchvision's DenseNet forward (torchvision/models/densenet.py; data/…/models.md §1) as ONNX operators, the
/// weights taken by their state_dict names:
/// <code>
/// x → conv0 → norm0 → relu → maxpool 3/2/1 → denseblock1 → transition1 → … → denseblock4 → norm5 → relu = features
/// features → GlobalAveragePool → Flatten → Gemm(classifier) = logits
/// dense layer:  concat(inputs) → norm1 → relu → conv1 1×1 → norm2 → relu → conv2 3×3/pad 1 → 32 new maps
/// transition:   norm → relu → conv 1×1 → AveragePool 2/2
/// </code>
/// BatchNormalization in inference form (one output: running statistics, opset 13), eps 1e-5 as torch's BatchNorm2d.
/// </summary>
public static class DenseNetGraph
{
    /// <summary>The graph's input: batch × channels × H × W, the batch axis dynamic.</summary>
    public const string InputName = "x";

    /// <summary>The output with one logit per class (no sigmoid: MODEL_FORMAT.md).</summary>
    public const string LogitsName = "logits";

    /// <summary>The final feature maps after norm5 and ReLU, B×C×h×w: what class activation maps weight.</summary>
    public const string FeaturesName = "features";

    /// <summary>torch.nn.BatchNorm2d's default epsilon.</summary>
    public const float BatchNormEpsilon = 1e-5f;

    public static OnnxGraph Build(ModelPackage package, TensorSource tensors, string path)
    {
        DenseNetConfig config = package.Architecture;
        var graph = new OnnxGraph("chestdx_densenet");
        var builder = new Builder(graph, tensors, path);

        (long[] stemShape, _) = tensors("features.conv0.weight");
        if (stemShape.Length != 4 || stemShape[1] != package.InputChannels)
            throw ChestDxException.ForFile(path, $"features.conv0.weight has shape [{string.Join(", ", stemShape)}] "
                + $"but the model says {package.InputChannels} input channel(s)");
        graph.Inputs.Add(new OnnxValue(InputName, ["batch", (long)package.InputChannels, (long)package.InputSize,
            (long)package.InputSize]));

        string x = builder.Conv("features.conv0", InputName, stride: 2, pad: 3);
        x = builder.Relu(builder.BatchNorm("features.norm0", x));
        x = graph.Node("MaxPool", "features.pool0", [x], Kernel(3), Strides(2), Pads(1));
        int side = Pool(Pool(package.InputSize, 7, 2, 3), 3, 2, 1);

        for (int b = 0; b < config.BlockConfig.Count; b++)
        {
            string block = $"features.denseblock{b + 1}";
            for (int l = 0; l < config.BlockConfig[b]; l++)
            {
                string layer = $"{block}.denselayer{l + 1}";
                string h = builder.Relu(builder.BatchNorm($"{layer}.norm1", x));
                h = builder.Conv($"{layer}.conv1", h, stride: 1, pad: 0);
                h = builder.Relu(builder.BatchNorm($"{layer}.norm2", h));
                h = builder.Conv($"{layer}.conv2", h, stride: 1, pad: 1);
                // torchvision concatenates every earlier output with the new maps; appending to the running
                // concatenation gives the same tensor.
                x = graph.Node("Concat", $"{layer}.concat", [x, h], new OnnxAttribute("axis", Int: 1));
            }
            if (b == config.BlockConfig.Count - 1) break;
            string transition = $"features.transition{b + 1}";
            string t = builder.Relu(builder.BatchNorm($"{transition}.norm", x));
            t = builder.Conv($"{transition}.conv", t, stride: 1, pad: 0);
            x = graph.Node("AveragePool", $"{transition}.pool", [t], Kernel(2), Strides(2));
            side = Pool(side, 2, 2, 0);
        }
        string features = graph.Node("Relu", FeaturesName, [builder.BatchNorm("features.norm5", x)]);
        string pooled = graph.Node("GlobalAveragePool", "pool", [features]);
        string flat = graph.Node("Flatten", "flatten", [pooled], new OnnxAttribute("axis", Int: 1));
        string weight = builder.Weight("classifier.weight", 2);
        string bias = builder.Weight("classifier.bias", 1);
        graph.Node("Gemm", LogitsName, [flat, weight, bias], new OnnxAttribute("transB", Int: 1));

        graph.Outputs.Add(new OnnxValue(LogitsName, ["batch", (long)package.Classes.Count]));
        graph.Outputs.Add(new OnnxValue(FeaturesName,
            ["batch", (long)config.FinalFeatures, (long)side, (long)side]));
        return graph;
    }

    /// <summary>Output side of a convolution or pooling window (floor mode, as torch and ONNX's defaults).</summary>
    private static int Pool(int side, int kernel, int stride, int pad) => (side + 2 * pad - kernel) / stride + 1;

    private static OnnxAttribute Kernel(int k) => new("kernel_shape", Ints: [k, k]);
    private static OnnxAttribute Strides(int s) => new("strides", Ints: [s, s]);
    private static OnnxAttribute Pads(int p) => new("pads", Ints: [p, p, p, p]);

    private sealed class Builder(OnnxGraph graph, TensorSource tensors, string path)
    {
        public string Weight(string name, int rank) => Add(name, rank).Name;

        private (string Name, long[] Shape) Add(string name, int rank)
        {
            (long[] shape, float[] values) = tensors(name);
            if (shape.Length != rank)
                throw ChestDxException.ForFile(path, $"{name} has shape [{string.Join(", ", shape)}], "
                    + $"expected {rank} dimensions");
            return (graph.Constant(name, shape, values), shape);
        }

        public string Conv(string module, string input, int stride, int pad)
        {
            (string weight, long[] shape) = Add($"{module}.weight", 4);
            return graph.Node("Conv", module, [input, weight],
                new OnnxAttribute("kernel_shape", Ints: [shape[2], shape[3]]), Strides(stride), Pads(pad));
        }

        public string BatchNorm(string module, string input)
        {
            string[] inputs =
            [
                input, Weight($"{module}.weight", 1), Weight($"{module}.bias", 1),
                Weight($"{module}.running_mean", 1), Weight($"{module}.running_var", 1),
            ];
            return graph.Node("BatchNormalization", module, inputs,
                new OnnxAttribute("epsilon", Float: BatchNormEpsilon));
        }

        private int _relus;

        public string Relu(string input) => graph.Node("Relu", $"{input}.relu{_relus++}", [input]);
    }
}
