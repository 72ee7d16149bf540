namespace ChestDx.Core.Models;

/// <summary>
/// The one definition of how a grey value becomes a network input value (model metadata chestdx.input_scaling and
/// chestdx.input_channels, data-manifests/MODEL_FORMAT.md), for every engine: TorchSharp applies it to tensors,
/// ONNX Runtime's path (ChestDx.Onnx) to float arrays, and a test holds the two equal. g is the 8-bit grey value p
/// divided by 255 (after any resize, which works on g):
/// <list type="bullet">
/// <item>imagenet: channel c = (g − mean[c]) / std[c] with torchvision's ImageNet statistics, the grey plane copied to
/// every channel (CheXNet §3.1);</item>
/// <item>xrv: (2g − 1)·1024, i.e. torchxrayvision's <c>normalize(p, 255)</c> = (2p/255 − 1)·1024, every channel.</item>
/// </list>
/// Arithmetic is float32 in this order (subtract, then divide), as the tensor path computes it.
/// </summary>
public static class InputPixels
{
    public static IReadOnlyList<float> ImagenetMean { get; } = [0.485f, 0.456f, 0.406f];
    public static IReadOnlyList<float> ImagenetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>The torchxrayvision range: inputs lie in [−XrvRange, XrvRange].</summary>
    public const float XrvRange = 1024f;

    /// <summary>The input value of channel <paramref name="channel"/> for grey value g in [0, 1].</summary>
    public static float Value(float g, int channel, InputScaling scaling) => scaling switch
    {
        InputScaling.Imagenet => (g - ImagenetMean[channel]) / ImagenetStd[channel],
        InputScaling.Xrv => (2f * g - 1f) * XrvRange,
        _ => throw new ArgumentOutOfRangeException(nameof(scaling)),
    };

    /// <summary>
    /// One image's input planes (channels × H·W, channel-major as NCHW) from its grey values g (H·W).
    /// </summary>
    public static void Fill(ReadOnlySpan<float> grey, Span<float> planes, int channels, InputScaling scaling)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "1 or 3 channels");
        if (planes.Length != channels * grey.Length)
            throw new ArgumentException($"{planes.Length} values for {channels} planes of {grey.Length}");
        for (int c = 0; c < channels; c++)
        {
            Span<float> plane = planes.Slice(c * grey.Length, grey.Length);
            for (int i = 0; i < grey.Length; i++) plane[i] = Value(grey[i], c, scaling);
        }
    }

    /// <summary>The grey value g in [0, 1] that channel 0's input value <paramref name="value"/> came from.</summary>
    public static float Grey(float value, InputScaling scaling) => scaling switch
    {
        InputScaling.Imagenet => value * ImagenetStd[0] + ImagenetMean[0],
        InputScaling.Xrv => (value / XrvRange + 1f) / 2f,
        _ => throw new ArgumentOutOfRangeException(nameof(scaling)),
    };
}
