using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Phantoms;
using ChestDx.Phantoms.Findings;
using ChestDx.Phantoms.Output;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChestDx.Phantoms.Tests;

/// <summary>What a phantom folder contains (images/, labels.csv, phantoms.json) and how a rerun resumes it.</summary>
public sealed class PhantomFolderTests : IDisposable
{
    private readonly string _root = PhantomTestKit.TempDirectory("folder");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private PhantomOptions Options(int count = 7, int perPatient = 3) =>
        PhantomTestKit.Options(Path.Combine(_root, "out"), count) with { ImagesPerPatient = perPatient };

    [Fact]
    public void Labels_csv_has_the_generic_header_and_one_valid_row_per_image()
    {
        PhantomOptions options = Options();
        PhantomGenerator.Generate(options);
        string[] lines = File.ReadAllLines(Path.Combine(options.OutputDirectory, PhantomLabelsCsv.FileName));

        Assert.Equal("image_id,patient_id,view,sex,age," + string.Join(",", ClassSet.ChestXray14.Names), lines[0]);
        Assert.Equal(options.Count + 1, lines.Length);
        var planted = FindingCatalog.All.Select(f => f.ClassIndex).ToHashSet();
        var imagesPerPatient = new Dictionary<string, int>();
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            Assert.Equal(5 + ClassSet.ChestXray14.Count, f.Length);
            Assert.True(File.Exists(Path.Combine(options.OutputDirectory, PhantomGenerator.ImagesFolder, f[0])), f[0]);
            Assert.Matches(@"^ph\d{6}_\d{3}\.png$", f[0]);
            Assert.StartsWith(f[1] + "_", f[0]);
            Assert.Contains(f[2], new[] { "PA", "AP" });
            Assert.Contains(f[3], new[] { "M", "F" });
            Assert.InRange(int.Parse(f[4], CultureInfo.InvariantCulture), 18, 95);
            for (int c = 0; c < ClassSet.ChestXray14.Count; c++)
            {
                Assert.Contains(f[5 + c], new[] { "0", "1" });
                if (!planted.Contains(c)) Assert.Equal("0", f[5 + c]);
            }
            imagesPerPatient[f[1]] = imagesPerPatient.GetValueOrDefault(f[1]) + 1;
        }
        // 7 images at 3 per patient: patients of 3, 3 and 1 films.
        Assert.Equal([3, 3, 1], imagesPerPatient.Values);
    }

    [Fact]
    public void Follow_ups_share_sex_and_chronic_findings()
    {
        PhantomOptions options = Options(count: 60, perPatient: 3);
        for (int patient = 0; patient < 20; patient++)
        {
            PhantomCase[] films = Enumerable.Range(0, 3).Select(k => PhantomPlanner.Plan(options, patient * 3 + k))
                .ToArray();
            Assert.All(films, f => Assert.Equal(films[0].Sex, f.Sex));
            Assert.All(films, f => Assert.Equal(films[0].PatientId, f.PatientId));
            foreach (FindingKind chronic in FindingCatalog.All.Where(i => i.Chronic).Select(i => i.Kind))
            {
                Assert.All(films, f => Assert.Equal(films[0].Has(chronic), f.Has(chronic)));
                Assert.All(films, f => Assert.Equal(Describe(films[0], chronic), Describe(f, chronic)));
            }
        }
    }

    [Fact]
    public void Phantoms_json_records_the_settings_and_the_positives()
    {
        PhantomOptions options = Options(count: 30, perPatient: 2);
        PhantomRunSummary summary = PhantomGenerator.Generate(options);
        using JsonDocument json =
            JsonDocument.Parse(File.ReadAllText(Path.Combine(options.OutputDirectory, PhantomManifestJson.FileName)));
        JsonElement root = json.RootElement;

        Assert.Equal(PhantomGenerator.GeneratorVersion, root.GetProperty("generator_version").GetInt32());
        Assert.Equal(1UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(30, root.GetProperty("count").GetInt32());
        Assert.Equal(64, root.GetProperty("size").GetInt32());
        Assert.Equal(8, root.GetProperty("bits").GetInt32());
        Assert.Equal(15, root.GetProperty("patients").GetInt32());
        Assert.Equal(["Atelectasis", "Cardiomegaly", "Effusion", "Mass", "Nodule", "Pneumothorax", "Consolidation"],
            root.GetProperty("planted_classes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, root.GetProperty("unplanted_classes_written_as_0").GetArrayLength());
        Assert.Equal(7, root.GetProperty("findings").GetArrayLength());
        JsonElement nodule = root.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("class").GetString() == "Nodule");
        Assert.Equal(Nodule.RadiusRange.Min,
            nodule.GetProperty("parameters").GetProperty("radius").GetProperty("min").GetDouble());

        // The positives equal the 1s in labels.csv.
        string[] lines = File.ReadAllLines(Path.Combine(options.OutputDirectory, PhantomLabelsCsv.FileName));
        for (int c = 0; c < ClassSet.ChestXray14.Count; c++)
        {
            int ones = lines.Skip(1).Count(l => l.Split(',')[5 + c] == "1");
            Assert.Equal(ones, root.GetProperty("positives").GetProperty(ClassSet.ChestXray14.Names[c]).GetInt32());
            Assert.Equal(ones, summary.Positives[c]);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Images_are_greyscale_pngs_of_the_requested_size_and_depth_without_metadata(int bits)
    {
        PhantomOptions options = Options(count: 2) with { Bits = bits, Size = 48 };
        PhantomGenerator.Generate(options);
        string path = Path.Combine(options.OutputDirectory, PhantomGenerator.ImagesFolder, "ph000000_000.png");
        byte[] png = File.ReadAllBytes(path);
        // IHDR: width, height, bit depth, colour type 0 (greyscale), no interlace.
        Assert.Equal(48, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(48, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(bits, png[24]);
        Assert.Equal(0, png[25]);
        Assert.Equal(0, png[28]);
        Assert.Equal(["IHDR", "IDAT", "IEND"], ChunkTypes(png).Distinct());
    }

    [Fact]
    public void Sixteen_bit_images_hold_the_same_picture_at_finer_steps()
    {
        PhantomCase phantom = PhantomPlanner.Plan(PhantomTestKit.Options(), 0);
        ushort[] eight = ChestDx.Phantoms.Rendering.PhantomRenderer.Render(phantom, 64, 8).Pixels;
        ushort[] sixteen = ChestDx.Phantoms.Rendering.PhantomRenderer.Render(phantom, 64, 16).Pixels;
        int finer = 0;
        for (int i = 0; i < eight.Length; i++)
        {
            Assert.InRange(sixteen[i] / 257.0 - eight[i], -0.5 - 1e-9, 0.5 + 1e-9);
            if (sixteen[i] % 257 != 0) finer++;
        }
        Assert.True(finer > eight.Length / 2, "16-bit values should not all be multiples of 257");

        using var decoded = Image.Load<L16>(PhantomPngBytes(phantom, 16));
        Assert.Equal(sixteen[64 * 30 + 20], decoded[20, 30].PackedValue);
    }

    private static byte[] PhantomPngBytes(PhantomCase phantom, int bits) =>
        PhantomPng.Encode(ChestDx.Phantoms.Rendering.PhantomRenderer.Render(phantom, 64, bits));

    [Fact]
    public void A_rerun_keeps_finished_images_writes_missing_ones_and_ends_identical()
    {
        PhantomOptions options = Options(count: 5, perPatient: 1);
        PhantomGenerator.Generate(options);
        string images = Path.Combine(options.OutputDirectory, PhantomGenerator.ImagesFolder);
        var before = Directory.EnumerateFiles(options.OutputDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);

        // A killed run: two images and labels.csv missing, a temporary left behind.
        File.Delete(Path.Combine(images, "ph000001_000.png"));
        File.Delete(Path.Combine(images, "ph000003_000.png"));
        File.Delete(Path.Combine(options.OutputDirectory, PhantomLabelsCsv.FileName));
        File.WriteAllText(Path.Combine(images, ".ph000003_000.png.tmp-123-abc"), "partial");

        PhantomRunSummary summary = PhantomGenerator.Generate(options);
        Assert.Equal(2, summary.Written);
        Assert.Equal(3, summary.Skipped);
        var after = Directory.EnumerateFiles(options.OutputDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (path, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[path]), path);
    }

    [Fact]
    public void A_rerun_with_other_settings_into_the_same_folder_is_refused()
    {
        PhantomOptions options = Options(count: 3, perPatient: 1);
        PhantomGenerator.Generate(options);
        var e = Assert.Throws<ChestDxException>(() => PhantomGenerator.Generate(options with { Seed = 2 }));
        Assert.Equal(Path.Combine(options.OutputDirectory, PhantomManifestJson.FileName), e.Path);
        Assert.Contains("other settings", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Findings_none_makes_normal_phantoms_only()
    {
        PhantomOptions options = Options(count: 20) with { Findings = FindingPrevalence.Parse("none") };
        PhantomGenerator.Generate(options);
        string[] lines = File.ReadAllLines(Path.Combine(options.OutputDirectory, PhantomLabelsCsv.FileName));
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(",1", l));
    }

    // A finding's parameters as JSON (records holding lists do not compare by value).
    private static string Describe(PhantomCase phantom, FindingKind kind) =>
        phantom.Findings.FirstOrDefault(f => f.Kind == kind) is { } finding
            ? JsonSerializer.Serialize(finding, finding.GetType()) : "";

    private static IEnumerable<string> ChunkTypes(byte[] png)
    {
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            yield return System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            offset += 12 + length;
        }
    }
}
