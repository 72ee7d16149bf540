using ChestDx.Core.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Overlays;

/// <summary>
/// A class activation map drawn over the radiograph the network saw, CheXNet-figure style: the jet colour map (blue
/// low, red high) blended onto the grey image, stronger where the map is higher so low-activation anatomy stays
/// readable. Both prediction engines (TorchSharp in Training, ONNX Runtime in ChestDx.Onnx) draw with it.
/// </summary>
public static class HeatmapOverlay
{
    /// <summary>Blend weight of the heat colour at map value 1 (0 at map value 0).</summary>
    public const double MaxAlpha = 0.6;

    public static void WritePng(string path, ReadOnlySpan<byte> grey, ReadOnlySpan<float> map, int size)
    {
        using var image = new Image<Rgb24>(size, size);
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            int i = y * size + x;
            double m = Math.Clamp(map[i], 0f, 1f), a = MaxAlpha * (0.25 + 0.75 * m);
            (double r, double g, double b) = Jet(m);
            double v = grey[i];
            image[x, y] = new Rgb24(Blend(v, r, a), Blend(v, g, a), Blend(v, b, a));
        }
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }

    /// <summary>MATLAB's jet: piecewise-linear blue → cyan → yellow → red, components in [0, 1].</summary>
    public static (double R, double G, double B) Jet(double t) =>
        (Math.Clamp(1.5 - Math.Abs(4 * t - 3), 0, 1), Math.Clamp(1.5 - Math.Abs(4 * t - 2), 0, 1),
            Math.Clamp(1.5 - Math.Abs(4 * t - 1), 0, 1));

    private static byte Blend(double grey, double colour, double alpha) =>
        (byte)Math.Clamp(Math.Round((1 - alpha) * grey + alpha * 255 * colour), 0, 255);
}
