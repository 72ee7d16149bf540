using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Data;

/// <summary>
/// The ImageNet normalisation CheXNet applies (§3.1) to a grey radiograph replicated to three channels: channel c is
/// (x/255 − mean[c]) / std[c] with torchvision's ImageNet statistics. Pretrained DenseNet weights expect exactly this.
/// </summary>
public static class InputNormalisation
{
    public static IReadOnlyList<double> Mean { get; } = [0.485, 0.456, 0.406];
    public static IReadOnlyList<double> Std { get; } = [0.229, 0.224, 0.225];

    /// <summary>B×1×H×W values in [0, 1] → B×3×H×W normalised (a new tensor).</summary>
    public static Tensor GreyToImageNet(Tensor grey01)
    {
        using Tensor mean = torch.tensor(Mean.Select(v => (float)v).ToArray(), device: grey01.device).view(1, 3, 1, 1);
        using Tensor std = torch.tensor(Std.Select(v => (float)v).ToArray(), device: grey01.device).view(1, 3, 1, 1);
        using Tensor three = grey01.expand(-1, 3, -1, -1);
        return (three - mean).div_(std);
    }
}
