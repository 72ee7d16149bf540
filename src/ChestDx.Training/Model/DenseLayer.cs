using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// One DenseNet-BC layer (Huang et al. 2017, §3 "Bottleneck layers"): BN-ReLU-Conv(1×1, bn_size·k) then
/// BN-ReLU-Conv(3×3, k), over the concatenation of every earlier feature map of the block. Submodule names are
/// torchvision's (<c>norm1 relu1 conv1 norm2 relu2 conv2</c>) so its state_dict keys match.
/// </summary>
internal sealed class DenseLayer : nn.Module<Tensor, Tensor>
{
    // Field names are torchvision's module names: RegisterComponents() registers each field under its name.
    private readonly BatchNorm2d norm1;
    private readonly ReLU relu1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d norm2;
    private readonly ReLU relu2;
    private readonly Conv2d conv2;
    private readonly double _dropRate;
    private readonly DropoutRng _dropout;

    public DenseLayer(long inputFeatures, int growthRate, int bnSize, double dropRate, DropoutRng dropout)
        : base("DenseLayer")
    {
        norm1 = nn.BatchNorm2d(inputFeatures);
        relu1 = nn.ReLU(inplace: true);
        conv1 = nn.Conv2d(inputFeatures, bnSize * growthRate, kernel_size: 1, stride: 1, bias: false);
        norm2 = nn.BatchNorm2d(bnSize * growthRate);
        relu2 = nn.ReLU(inplace: true);
        conv2 = nn.Conv2d(bnSize * growthRate, growthRate, kernel_size: 3, stride: 1, padding: 1, bias: false);
        _dropRate = dropRate;
        _dropout = dropout;
        RegisterComponents();
    }

    /// <param name="concatenated">All earlier feature maps of the block, concatenated on channels.</param>
    public override Tensor forward(Tensor concatenated)
    {
        using Tensor bottleneck = conv1.forward(relu1.forward(norm1.forward(concatenated)));
        Tensor output = conv2.forward(relu2.forward(norm2.forward(bottleneck)));
        if (_dropRate > 0 && training)
        {
            Tensor dropped = _dropout.Apply(output, _dropRate);
            output.Dispose();
            return dropped;
        }
        return output;
    }
}
