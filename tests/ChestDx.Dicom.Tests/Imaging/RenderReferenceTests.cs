using ChestDx.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Dicom.Tests.Imaging;

/// <summary>
/// The grey pipeline reproduces dcmtk's rendered references (generated/refs/render, made by make_refs.sh) exactly.
/// </summary>
public sealed class RenderReferenceTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        // fixture, VOI (dcm2pnm option it mirrors), reference
        { "base_u12_ele.dcm", "file:0", "u12_win1_c2048_w4096.pgm" },          // +Wi 1
        { "base_u12_ele.dcm", "file:1", "u12_win2_c1500_w1000.pgm" },          // +Wi 2
        { "base_u12_mono1_ele.dcm", "file:0", "m1_win1_c1500_w1000.pgm" },     // MONOCHROME1 + INVERSE: inverted once
        // slope 0.5, intercept -1024, +Ww 0 1000
        { "base_u12_rescale_ele.dcm", "window:0,1000", "rescale_c0_w1000.pgm" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Eight_bit_render_equals_dcmtk(string fixture, string voi, string reference)
    {
        GreyImage image = GreyscaleRenderer.Render(
            DicomReader.ReadFile(TestFiles.Generated(fixture)), new GreyscaleRenderOptions { Voi = Parse(voi) });
        Assert.Equal(ReadPgm(reference), image.Pixels8);
    }

    [Fact]
    public void Sixteen_bit_render_equals_dcmtk()
    {
        GreyImage image = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")),
            new GreyscaleRenderOptions { Voi = VoiChoice.Window(1500, 1000), OutputBits = 16 });
        using var png = Image.Load<L16>(
            Path.Combine(TestFiles.Root, "generated", "refs", "render", "u12_c1500_w1000_16bit.png"));
        var expected = new ushort[64 * 64];
        png.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < 64; y++)
            {
                Span<L16> row = rows.GetRowSpan(y);
                for (int x = 0; x < 64; x++) expected[y * 64 + x] = row[x].PackedValue;
            }
        });
        Assert.Equal(expected, image.Pixels16);
    }

    [Fact]
    public void Auto_voi_uses_the_first_window()
    {
        GreyImage image = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")));
        Assert.Equal(ReadPgm("u12_win1_c2048_w4096.pgm"), image.Pixels8);
        Assert.Contains("file window 1", image.Voi);
    }

    [Fact]
    public void Monochrome1_is_the_exact_inverse_of_monochrome2_with_the_same_window()
    {
        // Same stored values, same window: MONOCHROME1 output = floor(255 - y), MONOCHROME2 = floor(y); for the
        // LINEAR window these sum to 255 wherever y is not an integer, and never differ by more than that.
        GreyImage m1 = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Generated("base_u12_mono1_ele.dcm")),
            new GreyscaleRenderOptions { Voi = VoiChoice.Window(1500, 1000) });
        GreyImage m2 = GreyscaleRenderer.Render(DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")),
            new GreyscaleRenderOptions { Voi = VoiChoice.Window(1500, 1000) });
        Assert.True(m1.InvertedMonochrome1);
        for (int i = 0; i < m1.Pixels8!.Length; i++) Assert.InRange(m1.Pixels8[i] + m2.Pixels8![i], 254, 255);
    }

    internal static VoiChoice Parse(string voi) => voi.Split(':') switch
    {
        ["file", var i] => VoiChoice.FileWindow(int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)),
        ["window", var cw] => VoiChoice.Window(
            double.Parse(cw.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(cw.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException(voi),
    };

    internal static byte[] ReadPgm(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestFiles.Root, "generated", "refs", "render", name));
        // P5 header: magic, width, height, maxval, each followed by one whitespace byte.
        int fields = 0, i = 0;
        while (fields < 4)
        {
            while (char.IsWhiteSpace((char)bytes[i])) i++;
            while (!char.IsWhiteSpace((char)bytes[i])) i++;
            fields++;
        }
        return bytes[(i + 1)..];
    }
}
