using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// torchvision's DenseNet initialisation (densenet.py, end of <c>DenseNet.__init__</c>), drawn from an explicit
/// generator instead of libtorch's process-wide one:
/// <list type="bullet">
/// <item>Conv2d weight: kaiming_normal_ with its defaults (a=0, fan_in, leaky_relu), i.e. N(0, 2/fan_in).</item>
/// <item>BatchNorm weight 1, bias 0.</item>
/// <item>Linear: bias 0; the weight keeps nn.Linear's own reset_parameters,
/// kaiming_uniform_(a=√5) = U(±1/√fan_in).</item>
/// </list>
/// </summary>
public static class ModelInit
{
    public static void TorchvisionDenseNet(nn.Module model, Generator generator)
    {
        using var _ = torch.no_grad();
        foreach (nn.Module m in model.modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    KaimingNormalFanIn(conv.weight!, generator);
                    break;
                case BatchNorm2d bn:
                    bn.weight!.fill_(1.0);
                    bn.bias!.zero_();
                    break;
                case Linear linear:
                    LinearHead(linear, generator);
                    break;
            }
        }
    }

    /// <summary>A fresh classifier as torchvision builds it: nn.Linear's default weight, bias 0.</summary>
    public static void LinearHead(Linear linear, Generator generator)
    {
        using var _ = torch.no_grad();
        double bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
        linear.weight.uniform_(-bound, bound, generator);
        linear.bias?.zero_();
    }

    private static void KaimingNormalFanIn(Tensor weight, Generator generator)
    {
        long fanIn = weight.shape[1] * weight.shape[2] * weight.shape[3];
        double std = Math.Sqrt(2.0) / Math.Sqrt(fanIn); // gain(leaky_relu, a=0) = √2
        weight.normal_(0, std, generator);
    }
}
