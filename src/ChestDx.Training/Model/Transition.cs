using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// Transition between dense blocks (Huang et al. 2017, §3 "Pooling layers" and "Compression", θ = 0.5):
/// BN-ReLU-Conv(1×1) halving the channels, then 2×2 average pooling. Names <c>norm relu conv pool</c> as torchvision.
/// </summary>
internal sealed class Transition : nn.Module<Tensor, Tensor>
{
    // Field names are torchvision's module names: RegisterComponents() registers each field under its name.
    private readonly BatchNorm2d norm;
    private readonly ReLU relu;
    private readonly Conv2d conv;
    private readonly AvgPool2d pool;

    public Transition(long inputFeatures, long outputFeatures) : base("Transition")
    {
        norm = nn.BatchNorm2d(inputFeatures);
        relu = nn.ReLU(inplace: true);
        conv = nn.Conv2d(inputFeatures, outputFeatures, kernel_size: 1, stride: 1, bias: false);
        pool = nn.AvgPool2d(kernel_size: 2, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using Tensor reduced = conv.forward(relu.forward(norm.forward(input)));
        return pool.forward(reduced);
    }
}
