using ChestDx.Core.Models;

namespace ChestDx.Onnx.Inference;

/// <summary>Where a network input window lies in the S×S image, and whether it is mirrored.</summary>
public readonly record struct InputWindow(int X, int Y, bool Flip);

/// <summary>
/// A model's network input on float arrays, for ONNX Runtime: the same windows as Training's ImageGeometry
/// (torchvision CenterCrop: offset round-half-even((S − H)/2); TenCrop: four corners, centre, then the five mirrored),
/// g = p/255, PyTorch's antialiased bilinear resize when the window is not H×H (crop = resize), then
/// <see cref="PixelScaling"/>. Tests hold it equal to the TorchSharp path (BatchAssembler).
/// </summary>
public sealed class InputBatch(ModelPackage package)
{
    public int ImageSize => package.ImageSize;
    public int InputSize => package.InputSize;
    public int Channels => package.InputChannels;

    /// <summary>Side of the window cut from the image: all of it when resizing, else H.</summary>
    public int Window => package.EvalCrop == EvalCrop.Resize ? package.ImageSize : package.InputSize;

    /// <summary>Values per image: channels × H × H.</summary>
    public int ValuesPerImage => Channels * InputSize * InputSize;

    public InputWindow Centre()
    {
        int offset = (int)Math.Round((ImageSize - Window) / 2.0, MidpointRounding.ToEven);
        return new InputWindow(offset, offset, false);
    }

    public IReadOnlyList<InputWindow> TenCrop()
    {
        int far = ImageSize - Window;
        InputWindow[] five = [new(0, 0, false), new(far, 0, false), new(0, far, false), new(far, far, false), Centre()];
        return [.. five, .. five.Select(v => v with { Flip = true })];
    }

    /// <summary>Writes the input of <paramref name="window"/> of <paramref name="image"/> (S×S bytes).</summary>
    public void Fill(ReadOnlySpan<byte> image, InputWindow window, Span<float> destination)
    {
        int s = ImageSize, w = Window, h = InputSize;
        if (image.Length != s * s) throw new ArgumentException($"{image.Length} bytes for a {s}×{s} image");
        var grey = new float[w * w];
        for (int y = 0; y < w; y++)
        {
            ReadOnlySpan<byte> row = image.Slice((window.Y + y) * s + window.X, w);
            for (int x = 0; x < w; x++) grey[y * w + x] = (window.Flip ? row[w - 1 - x] : row[x]) / 255f;
        }
        float[] input = w == h ? grey : AntialiasedResize.Resize(grey, w, h);
        PixelScaling.Apply(package.InputScaling, Channels, input, destination[..ValuesPerImage]);
    }
}
