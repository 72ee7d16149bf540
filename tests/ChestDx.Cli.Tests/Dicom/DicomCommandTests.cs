using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Cli.Tests.Dicom;

public sealed class DicomCommandTests : IDisposable
{
    private static readonly string Generated = Path.Combine(AppContext.BaseDirectory, "data", "dicom", "generated");
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"chestdx-dicom-cli-{Guid.NewGuid():N}");

    public DicomCommandTests() => Directory.CreateDirectory(_out);

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Info_prints_attributes_identifiers_and_no_warnings()
    {
        var (exit, output, error) = Run("dicom", "info", Path.Combine(Generated, "base_u12_ele.dcm"));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("1.2.840.10008.1.2.1 (Explicit VR Little Endian)", output);
        Assert.Contains("Digital X-Ray Image Storage - For Presentation", output);
        Assert.Contains("PA (from ViewPosition: PA)", output);
        Assert.Contains("C=1500 W=1000 (LUNG)", output);
        Assert.Contains("FX001", output);   // identifiers are shown: a local inspection tool, as its help says
        Assert.Contains("No reader warnings.", output);
    }

    [Fact]
    public void Info_json_is_one_parsable_object()
    {
        var (exit, output, _) = Run("dicom", "info", Path.Combine(Generated, "u12_nometa_ile.raw.dcm"), "--json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal("1.2.840.10008.1.2", root.GetProperty("transfer_syntax_uid").GetString());
        Assert.Equal(64, root.GetProperty("rows").GetInt32());
        Assert.Equal(0.139, root.GetProperty("imager_pixel_spacing")[0].GetDouble());
        Assert.Equal("Fixture^Synthetic", root.GetProperty("identifiers").GetProperty("PatientName").GetString());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains("no 128-byte preamble", StringComparison.Ordinal));
    }

    [Fact]
    public void Info_json_keys_are_snake_case_except_the_dicom_keywords_of_the_identifiers()
    {
        var (exit, output, _) = Run("dicom", "info", Path.Combine(Generated, "u12_nometa_ile.raw.dcm"), "--json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        var keys = new List<string>();
        void Collect(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array) foreach (JsonElement item in e.EnumerateArray()) Collect(item);
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (JsonProperty p in e.EnumerateObject())
            {
                keys.Add(p.Name);
                if (p.Name != "identifiers") Collect(p.Value);
            }
        }
        Collect(doc.RootElement);
        Assert.Contains("number_of_frames", keys);
        Assert.All(keys, k => Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(k), k));
    }

    [Fact]
    public void Info_help_warns_that_identifiers_are_shown()
    {
        var (_, output, _) = Run("dicom", "info", "--help");
        Assert.Contains("INCLUDES PATIENT IDENTIFIERS", output);
    }

    [Fact]
    public void Export_raw_writes_the_dcmtk_reference_bytes()
    {
        string outPath = Path.Combine(_out, "frame.raw");
        var (exit, _, error) = Run("dicom", "export", Path.Combine(Generated, "u12_rle.dcm"), "--out", outPath);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Generated, "refs", "u12_rle.raw")), File.ReadAllBytes(outPath));
    }

    [Fact]
    public void Export_png_with_the_second_window_equals_dcm2pnm()
    {
        string outPath = Path.Combine(_out, "lung.png");
        var (exit, output, _) =
            Run("dicom", "export", Path.Combine(Generated, "base_u12_ele.dcm"), "--out", outPath, "--voi", "2");
        Assert.Equal(0, exit);
        Assert.Contains("file window 2", output);
        using var png = Image.Load<L8>(outPath);
        var pixels = new byte[64 * 64];
        png.CopyPixelDataTo(pixels);
        byte[] pgm = File.ReadAllBytes(Path.Combine(Generated, "refs", "render", "u12_win2_c1500_w1000.pgm"));
        Assert.Equal(pgm[^(64 * 64)..], pixels);
    }

    [Fact]
    public void Export_16_bit_png_equals_dcm2pnm()
    {
        string outPath = Path.Combine(_out, "w16.png");
        var (exit, _, _) = Run("dicom", "export", Path.Combine(Generated, "base_u12_ele.dcm"), "--out", outPath,
            "--window", "1500,1000", "--bits", "16");
        Assert.Equal(0, exit);
        using var ours = Image.Load<L16>(outPath);
        using var reference = Image.Load<L16>(Path.Combine(Generated, "refs", "render", "u12_c1500_w1000_16bit.png"));
        var a = new L16[64 * 64];
        var b = new L16[64 * 64];
        ours.CopyPixelDataTo(a);
        reference.CopyPixelDataTo(b);
        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("--window", "1500,1000", "--voi", "1", "--window and --voi are alternatives")]
    [InlineData("--voi", "bogus", "--frame", "1", "--voi bogus: not a VOI choice")]
    [InlineData("--frame", "3", "--bits", "8", "--frame 3: the file has 1 frame(s)")]
    public void Export_option_errors_are_one_line_with_exit_1(string o1, string v1, string o2, string v2,
        string message)
    {
        var (exit, _, error) = Run("dicom", "export", Path.Combine(Generated, "base_u12_ele.dcm"),
            "--out", Path.Combine(_out, "x.png"), o1, v1, o2, v2);
        Assert.Equal(1, exit);
        Assert.StartsWith("chestdx dicom export: error: ", error);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_out, "x.png")));
    }

    [Fact]
    public void Unreadable_input_is_reported_with_the_file_name()
    {
        string bad = Path.Combine(_out, "bad.dcm");
        File.WriteAllBytes(bad, new byte[200]);
        var (exit, _, error) = Run("dicom", "export", bad, "--out", Path.Combine(_out, "y.raw"));
        Assert.Equal(1, exit);
        Assert.Contains($"{bad}: ", error);
        Assert.Contains("not a DICOM file", error);
    }
}
