using System.Globalization;
using ChestDx.Core.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Imaging.Overlays;

/// <summary>What an overlay says about itself: the finding and the model's probability for it.</summary>
public sealed record CamCaption(string ClassName, double Probability)
{
    /// <summary>The second header line: the probability with three decimals.</summary>
    public string ProbabilityText => "p = " + Probability.ToString("0.000", CultureInfo.InvariantCulture);
}

/// <summary>
/// A class activation map drawn over the radiograph the network saw, CheXNet-figure style: the jet colour map (blue
/// low, red high) blended onto the grey image, stronger where the map is higher so low-activation anatomy stays
/// readable. Above the image, a header names the class and its probability; right of it, a colour bar shows the pure
/// colour map from 0 (bottom) to 1 (top) with its scale. The map is scaled to [0, 1] within each image
/// (<see cref="CamLayout"/> says where each part lies). Both prediction engines (TorchSharp in Training, ONNX Runtime
/// in ChestDx.Onnx) draw with it, so their files agree.
/// </summary>
public static class HeatmapOverlay
{
    /// <summary>Blend weight of the heat colour at map value 1 (0 at map value 0).</summary>
    public const double MaxAlpha = 0.6;

    /// <summary>
    /// Both engines' CAMs call a map flat (all 0) when its range is below this fraction of its largest magnitude:
    /// what varies then is float rounding (a 1×1 feature map upsampled, sums in another order), which scaling to
    /// [0, 1] would paint as full-range noise, different in each engine.
    /// </summary>
    public const double FlatRelativeRange = 1e-4;

    /// <summary>Whether a map from <paramref name="min"/> to <paramref name="max"/> is flat (see
    /// <see cref="FlatRelativeRange"/>).</summary>
    public static bool IsFlat(double min, double max) =>
        !(max - min > FlatRelativeRange * Math.Max(Math.Abs(min), Math.Abs(max)));

    public static readonly Rgb24 Background = new(16, 16, 16);
    public static readonly Rgb24 TextColour = new(255, 255, 255);

    /// <summary>The colour bar's tick labels, top to bottom, at map values 1, 0.5 and 0.</summary>
    public static readonly (double Value, string Label)[] Ticks = [(1, "1.0"), (0.5, "0.5"), (0, "0.0")];

    public static void WritePng(string path, ReadOnlySpan<byte> grey, ReadOnlySpan<float> map, int size,
        CamCaption caption)
    {
        using Image<Rgb24> image = Render(grey, map, size, caption);
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }

    public static Image<Rgb24> Render(ReadOnlySpan<byte> grey, ReadOnlySpan<float> map, int size, CamCaption caption)
    {
        var layout = new CamLayout(size);
        var image = new Image<Rgb24>(layout.Width, layout.Height, Background);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                image[x, layout.ImageTop + y] = Pixel(grey[y * size + x], map[y * size + x]);
        for (int y = 0; y < size; y++)
        {
            Rgb24 colour = Colour(layout.BarValue(layout.ImageTop + y));
            for (int x = 0; x < CamLayout.BarWidth; x++) image[layout.BarLeft + x, layout.ImageTop + y] = colour;
        }
        foreach ((double value, string label) in Ticks)
            BitmapFont.Draw(image, label, layout.TickLeft, layout.TickTop(value), 1, TextColour);
        int line = BitmapFont.LineHeight * layout.TextScale;
        BitmapFont.Draw(image, layout.Fit(caption.ClassName), CamLayout.Margin, CamLayout.Margin, layout.TextScale,
            TextColour);
        BitmapFont.Draw(image, layout.Fit(caption.ProbabilityText), CamLayout.Margin, CamLayout.Margin + line,
            layout.TextScale, TextColour);
        return image;
    }

    /// <summary>One image pixel: grey blended with the jet colour of the map value.</summary>
    public static Rgb24 Pixel(byte grey, float map)
    {
        double m = Math.Clamp(map, 0f, 1f), a = MaxAlpha * (0.25 + 0.75 * m);
        (double r, double g, double b) = Jet(m);
        return new Rgb24(Blend(grey, r, a), Blend(grey, g, a), Blend(grey, b, a));
    }

    /// <summary>The colour bar's colour for a map value: the jet colour itself, unblended.</summary>
    public static Rgb24 Colour(double t)
    {
        (double r, double g, double b) = Jet(t);
        return new Rgb24(Byte(r), Byte(g), Byte(b));
    }

    /// <summary>MATLAB's jet: piecewise-linear blue → cyan → yellow → red, components in [0, 1].</summary>
    public static (double R, double G, double B) Jet(double t) =>
        (Math.Clamp(1.5 - Math.Abs(4 * t - 3), 0, 1), Math.Clamp(1.5 - Math.Abs(4 * t - 2), 0, 1),
            Math.Clamp(1.5 - Math.Abs(4 * t - 1), 0, 1));

    private static byte Byte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255), 0, 255);

    private static byte Blend(double grey, double colour, double alpha) =>
        (byte)Math.Clamp(Math.Round((1 - alpha) * grey + alpha * 255 * colour), 0, 255);
}

/// <summary>
/// Where an overlay's parts lie for an S×S map: a header of two text lines (class, probability) across the top, the
/// image below it at the left, the colour bar right of the image spanning its height, tick labels right of the bar.
/// Text is drawn at scale 2 from S = 160 up (legible at CheXNet's 224), else at scale 1.
/// </summary>
public sealed class CamLayout(int size)
{
    public const int Margin = 4, BarGap = 6, BarWidth = 12, TickGap = 3;

    public int TextScale => size >= 160 ? 2 : 1;
    public int ImageTop => Margin * 2 + 2 * BitmapFont.LineHeight * TextScale;
    public int BarLeft => size + BarGap;
    public int TickLeft => BarLeft + BarWidth + TickGap;
    public int Width => TickLeft + BitmapFont.Measure("0.0", 1) + Margin;
    public int Height => ImageTop + size;

    /// <summary>The map value the colour bar shows at image row <paramref name="y"/> (1 at the top, 0 at the
    /// bottom).</summary>
    public double BarValue(int y) => size == 1 ? 1 : 1 - (double)(y - ImageTop) / (size - 1);

    /// <summary>Top row of the tick label for <paramref name="value"/>, centred on its bar row and kept beside the
    /// bar.</summary>
    public int TickTop(double value)
    {
        int row = ImageTop + (int)Math.Round((1 - value) * (size - 1));
        // Max last: a map shorter than a glyph (tests' 4-pixel maps) puts the label at the image's top.
        return Math.Max(ImageTop, Math.Min(row - BitmapFont.GlyphHeight / 2, Height - BitmapFont.GlyphHeight));
    }

    /// <summary>The text, cut with ".." when it is wider than the header (the file name and index page carry it
    /// whole).</summary>
    public string Fit(string text)
    {
        int room = (Width - 2 * Margin) / (BitmapFont.Advance * TextScale);
        return text.Length <= room ? text : text[..Math.Max(0, room - 2)] + "..";
    }
}
