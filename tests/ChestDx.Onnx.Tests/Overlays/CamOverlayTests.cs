using ChestDx.Imaging.Overlays;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Onnx.Tests.Overlays;

/// <summary>
/// The shared overlay (Imaging/Overlays, drawn by both engines): the colour bar is MATLAB's jet at the value each row
/// stands for, the header holds the caption's text and no map colour, the image area is the blended map.
/// </summary>
public sealed class CamOverlayTests
{
    private const int Size = 224;
    private static readonly CamLayout Layout = new(Size);

    /// <summary>A map rising left to right (0 at x = 0, 1 at x = S − 1), on a mid-grey image.</summary>
    private static Image<Rgb24> Draw(string className = "Effusion", double p = 0.8734)
    {
        var grey = Enumerable.Repeat((byte)128, Size * Size).ToArray();
        var map = new float[Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                map[y * Size + x] = x / (float)(Size - 1);
        return HeatmapOverlay.Render(grey, map, Size, new CamCaption(className, p));
    }

    /// <summary>
    /// Expected colours written out by hand from jet's definition, r = 1.5 − |4t − 3|, g = 1.5 − |4t − 2|,
    /// b = 1.5 − |4t − 1|, each clamped to [0, 1], times 255: t = 1 → (0.5, 0, 0), t = 0.75 → (1, 0.5, 0),
    /// t = 0.5 → (0.5, 1, 0.5), t = 0.25 → (0, 0.5, 1), t = 0 → (0, 0, 0.5). A row stands for
    /// t = 1 − row/(S − 1), so a value between rows is off by half a row: 3 levels of tolerance.
    /// </summary>
    [Theory]
    [InlineData(1.0, 128, 0, 0)]
    [InlineData(0.75, 255, 128, 0)]
    [InlineData(0.5, 128, 255, 128)]
    [InlineData(0.25, 0, 128, 255)]
    [InlineData(0.0, 0, 0, 128)]
    public void Colour_bar_rows_are_jet_at_the_value_they_stand_for(double value, int r, int g, int b)
    {
        using Image<Rgb24> image = Draw();
        int row = Layout.ImageTop + (int)Math.Round((1 - value) * (Size - 1));
        for (int x = Layout.BarLeft; x < Layout.BarLeft + CamLayout.BarWidth; x++)
        {
            Rgb24 px = image[x, row];
            Assert.True(Math.Abs(px.R - r) <= 3 && Math.Abs(px.G - g) <= 3 && Math.Abs(px.B - b) <= 3,
                $"bar at value {value} (row {row}), column {x}: {px}, expected ({r}, {g}, {b})");
        }
    }

    [Fact]
    public void Header_holds_the_caption_text_and_no_map_colour()
    {
        using Image<Rgb24> image = Draw("Effusion", 0.8734);
        int white = 0;
        for (int y = 0; y < Layout.ImageTop; y++)
            for (int x = 0; x < Layout.Width; x++)
            {
                Rgb24 px = image[x, y];
                Assert.True(px == HeatmapOverlay.Background || px == HeatmapOverlay.TextColour,
                    $"header pixel ({x}, {y}) is {px}: neither background nor text");
                if (px == HeatmapOverlay.TextColour) white++;
            }
        Assert.True(white > 100, $"only {white} text pixels in the header");
        // The first letter, 'E', dot for dot at scale 2: its top row is five dots, its second only the first.
        int s = Layout.TextScale, m = CamLayout.Margin;
        Assert.Equal(2, s);
        for (int col = 0; col < 5; col++)
        {
            Assert.Equal(HeatmapOverlay.TextColour, image[m + col * s, m]);
            Assert.Equal(col == 0 ? HeatmapOverlay.TextColour : HeatmapOverlay.Background,
                image[m + col * s + 1, m + s + 1]);
        }
        Assert.Equal("p = 0.873", new CamCaption("x", 0.8734).ProbabilityText);
    }

    /// <summary>Blend by hand: alpha = 0.6·(0.25 + 0.75·m), out = (1 − alpha)·128 + alpha·255·jet(m).
    /// m = 0: alpha 0.15, jet (0, 0, 0.5) → (108.8, 108.8, 127.9); m = 1: alpha 0.6, jet (0.5, 0, 0) →
    /// (127.7, 51.2, 51.2).</summary>
    [Fact]
    public void Image_area_is_the_grey_image_blended_with_the_map()
    {
        using Image<Rgb24> image = Draw();
        Assert.Equal(new Rgb24(109, 109, 128), image[0, Layout.ImageTop + 10]);
        Assert.Equal(new Rgb24(128, 51, 51), image[Size - 1, Layout.ImageTop + 10]);
        Assert.Equal(Size + Layout.ImageTop, image.Height);
        Assert.True(image.Width > Layout.TickLeft + 10);
    }

    [Fact]
    public void Tick_labels_lie_right_of_the_bar_beside_their_rows()
    {
        using Image<Rgb24> image = Draw();
        foreach ((double value, _) in HeatmapOverlay.Ticks)
        {
            int top = Layout.TickTop(value), text = 0;
            for (int y = top; y < top + 7; y++)
                for (int x = Layout.TickLeft; x < Layout.Width; x++)
                    if (image[x, y] == HeatmapOverlay.TextColour) text++;
            Assert.True(text > 5, $"no tick label for {value} at row {top}");
            Assert.InRange(Layout.ImageTop + (1 - value) * (Size - 1), top - 1, top + 8);
        }
    }

    [Fact]
    public void A_caption_wider_than_the_header_is_cut_with_two_dots()
    {
        string fitted = new CamLayout(32).Fit("Enlarged Cardiomediastinum");
        Assert.EndsWith("..", fitted);
        Assert.True(BitmapFont.Measure(fitted, 1) <= new CamLayout(32).Width - 2 * CamLayout.Margin);
        Assert.Equal("Effusion", Layout.Fit("Effusion"));
    }
}
