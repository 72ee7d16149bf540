namespace ChestDx.Core.Models;

/// <summary>
/// The one definition of how a model's input values come from 8-bit grey pixels (<see cref="InputScaling"/>,
/// <see cref="ModelPackage.InputChannels"/>), in plain float arithmetic so every engine (TorchSharp, ONNX Runtime) and
/// every test computes the same numbers. Geometry (crop, resize) comes first, on g = p/255 in [0, 1]; then channel c of
/// the input is <see cref="Scale"/>(g, c). Both scalings are affine in g, so scaling before or after a linear resize is
/// the same up to float rounding.
/// <list type="bullet">
/// <item>imagenet: (g − mean[c]) / std[c] with torchvision's ImageNet statistics, grey copied to 3 channels
/// (torchvision, CheXNet and its reproductions: ToTensor's /255, then Normalize).</item>
/// <item>xrv: (2g − 1)·1024, one value range [−1024, 1024] (torchxrayvision's <c>datasets.normalize(img, 255)</c>,
/// computed in its order: img/255, ×2, −1, ×1024); 1 channel, or the same plane in each of 3 channels.</item>
/// </list>
/// </summary>
public static class PixelScaling
{
    /// <summary>torchvision's ImageNet channel means (R, G, B).</summary>
    public static IReadOnlyList<float> ImagenetMean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>torchvision's ImageNet channel standard deviations (R, G, B).</summary>
    public static IReadOnlyList<float> ImagenetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>torchxrayvision's half range: inputs span [−XrvRange, XrvRange].</summary>
    public const float XrvRange = 1024f;

    /// <summary>The input value of channel <paramref name="channel"/> for grey value g = p/255.</summary>
    public static float Scale(InputScaling scaling, float grey01, int channel) => scaling switch
    {
        InputScaling.Imagenet => (grey01 - ImagenetMean[channel]) / ImagenetStd[channel],
        InputScaling.Xrv => (2f * grey01 - 1f) * XrvRange,
        _ => throw new ArgumentOutOfRangeException(nameof(scaling)),
    };

    /// <summary>The grey value g in [0, 1] that channel <paramref name="channel"/>'s input value came from.</summary>
    public static float Unscale(InputScaling scaling, float value, int channel) => scaling switch
    {
        InputScaling.Imagenet => value * ImagenetStd[channel] + ImagenetMean[channel],
        InputScaling.Xrv => (value / XrvRange + 1f) / 2f,
        _ => throw new ArgumentOutOfRangeException(nameof(scaling)),
    };

    /// <summary>
    /// Fills <paramref name="destination"/> (channels × H·W, channel-major) from one grey plane g (H·W values in
    /// [0, 1]): the reference implementation for engines that work on float arrays.
    /// </summary>
    public static void Apply(InputScaling scaling, int channels, ReadOnlySpan<float> grey01, Span<float> destination)
    {
        Check(scaling, channels);
        if (destination.Length != channels * grey01.Length)
            throw new ArgumentException($"{destination.Length} values for {channels} × {grey01.Length}");
        for (int c = 0; c < channels; c++)
        {
            Span<float> plane = destination.Slice(c * grey01.Length, grey01.Length);
            for (int i = 0; i < grey01.Length; i++) plane[i] = Scale(scaling, grey01[i], c);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a channel count the scaling does not define.</summary>
    public static void Check(InputScaling scaling, int channels)
    {
        if (scaling == InputScaling.Imagenet && channels != 3)
            throw new ArgumentException($"imagenet scaling needs 3 input channels, not {channels}");
        if (channels is not (1 or 3))
            throw new ArgumentException($"input_channels {channels}: expected 1 or 3");
    }
}
