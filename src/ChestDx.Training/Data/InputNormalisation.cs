using ChestDx.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Data;

/// <summary>
/// Grey values in [0, 1] to the network's input, as the model's weights expect (<see cref="PixelScaling"/>, the one
/// definition: this class applies it to tensors). ImageNet scaling is what CheXNet applies (§3.1) to a grey radiograph
/// replicated to three channels; torchxrayvision's is (2g − 1)·1024 on one channel.
/// </summary>
public static class InputNormalisation
{
    public static IReadOnlyList<double> Mean { get; } = PixelScaling.ImagenetMean.Select(v => (double)v).ToArray();
    public static IReadOnlyList<double> Std { get; } = PixelScaling.ImagenetStd.Select(v => (double)v).ToArray();

    /// <summary>B×1×H×W values in [0, 1] → B×3×H×W normalised (a new tensor).</summary>
    public static Tensor GreyToImageNet(Tensor grey01) => Apply(grey01, InputScaling.Imagenet, 3);

    /// <summary>
    /// B×1×H×W values in [0, 1] → B×<paramref name="channels"/>×H×W input values (a new tensor), per
    /// <see cref="PixelScaling.Scale"/>.
    /// </summary>
    public static Tensor Apply(Tensor grey01, InputScaling scaling, int channels)
    {
        PixelScaling.Check(scaling, channels);
        if (scaling == InputScaling.Xrv)
        {
            // Same operations in the same order as PixelScaling.Scale (float32): (2g − 1)·1024.
            Tensor scaled = grey01.mul(2f).sub_(1f).mul_(PixelScaling.XrvRange);
            if (channels == 1) return scaled;
            using (scaled) return scaled.expand(-1, channels, -1, -1).contiguous();
        }
        using Tensor mean = torch.tensor(PixelScaling.ImagenetMean.ToArray(), device: grey01.device).view(1, 3, 1, 1);
        using Tensor std = torch.tensor(PixelScaling.ImagenetStd.ToArray(), device: grey01.device).view(1, 3, 1, 1);
        using Tensor three = grey01.expand(-1, 3, -1, -1);
        return (three - mean).div_(std);
    }

    /// <summary>Channel 0 of one input (C×H×W or H×W) back to grey values in [0, 1] (for overlays).</summary>
    public static Tensor ToGrey01(Tensor input, InputScaling scaling)
    {
        Tensor plane = input.dim() == 3 ? input[0] : input;
        return scaling == InputScaling.Xrv
            ? (plane.to(ScalarType.Float32) / PixelScaling.XrvRange + 1f) / 2f
            : plane.to(ScalarType.Float32) * PixelScaling.ImagenetStd[0] + PixelScaling.ImagenetMean[0];
    }
}
