using ChestDx.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// DenseNet with torchvision's exact module tree, so its state_dict keys, shapes and order are torchvision's
/// (DenseNet-121 with 14 classes: 727 entries, 6,968,206 parameters) and weights move both ways by name:
/// <code>
/// features.conv0 norm0 relu0 pool0 · denseblockN.denselayerM.{norm1 relu1 conv1 norm2 relu2 conv2}
///          · transitionN.{norm relu conv pool} · norm5
/// classifier
/// </code>
/// Forward = features → ReLU → global average pool → classifier (logits; CheXNet's sigmoid is applied by callers).
/// </summary>
public sealed class DenseNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Name of the backbone submodule (every key starting "features.").</summary>
    public const string FeaturesName = "features";

    /// <summary>Name of the head (keys "classifier.weight", "classifier.bias").</summary>
    public const string ClassifierName = "classifier";

    private readonly Sequential _features;
    private readonly Linear _classifier;
    private readonly DropoutRng _dropout;

    /// <param name="config">Architecture; <see cref="DenseNetConfig.DenseNet121"/> for CheXNet.</param>
    /// <param name="seed">
    /// Seeds the weight initialisation and the dropout stream, so two models built with one seed are equal.
    /// </param>
    /// <param name="inputChannels">
    /// Channels of the stem convolution: 3 (torchvision, CheXNet) or 1 (torchxrayvision: conv0 is [64, 1, 7, 7]);
    /// a model file's <see cref="ModelPackage.InputChannels"/>.
    /// </param>
    public DenseNet(DenseNetConfig config, long seed = 0, int inputChannels = 3) : base("DenseNet")
    {
        if (inputChannels is not (1 or 3))
            throw new ArgumentException($"input_channels {inputChannels}: expected 1 or 3");
        config.Validate();
        if (config.NumClasses == 0)
            throw new ArgumentException(
                "num_classes is 0: a network needs its class count (training takes the pack's)");
        Config = config;
        InputChannels = inputChannels;
        _dropout = new DropoutRng(seed);

        // Stem: 7×7/2 conv, BN, ReLU, 3×3/2 max pool (Huang et al. 2017, Table 1, ImageNet variant).
        _features = nn.Sequential(
            ("conv0", nn.Conv2d(inputChannels, config.NumInitFeatures, kernel_size: 7, stride: 2, padding: 3,
                bias: false)),
            ("norm0", nn.BatchNorm2d(config.NumInitFeatures)),
            ("relu0", nn.ReLU(inplace: true)),
            ("pool0", nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1)));

        long features = config.NumInitFeatures;
        for (int i = 0; i < config.BlockConfig.Count; i++)
        {
            int layers = config.BlockConfig[i];
            _features.append($"denseblock{i + 1}",
                new DenseBlock(layers, features, config.BnSize, config.GrowthRate, config.DropRate, _dropout));
            features += layers * config.GrowthRate;
            if (i != config.BlockConfig.Count - 1)
            {
                _features.append($"transition{i + 1}", new Transition(features, features / 2));
                features /= 2;
            }
        }
        _features.append("norm5", nn.BatchNorm2d(features));
        _classifier = nn.Linear(features, config.NumClasses);

        register_module(FeaturesName, _features);
        register_module(ClassifierName, _classifier);

        using var generator = new Generator((ulong)seed);
        ModelInit.TorchvisionDenseNet(this, generator);
    }

    public DenseNetConfig Config { get; }

    /// <summary>Channels of the input (1 or 3).</summary>
    public int InputChannels { get; }

    /// <summary>The classifier (head); transfer learning replaces and trains it.</summary>
    public Linear Classifier => _classifier;

    /// <summary>The dropout stream; checkpoints save and restore its state.</summary>
    public DropoutRng Dropout => _dropout;

    public override Tensor forward(Tensor input)
    {
        using Tensor maps = ForwardFeatures(input);
        return Classify(maps);
    }

    /// <summary>The final feature maps after norm5 and ReLU (B×C×h×w): what class activation maps weight.</summary>
    public Tensor ForwardFeatures(Tensor input)
    {
        Tensor maps = _features.forward(input);
        return nn.functional.relu(maps, inplace: true);
    }

    /// <summary>
    /// Global average pool and classifier over <see cref="ForwardFeatures"/>'s output: logits B×classes.
    /// </summary>
    public Tensor Classify(Tensor featureMaps)
    {
        using Tensor pooled = nn.functional.adaptive_avg_pool2d(featureMaps, 1);
        using Tensor flat = torch.flatten(pooled, 1);
        return _classifier.forward(flat);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _dropout.Dispose();
        base.Dispose(disposing);
    }
}
