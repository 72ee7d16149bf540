using System.Security.Cryptography;
using ChestDx.Phantoms;
using ChestDx.Phantoms.Output;
using ChestDx.Phantoms.Rendering;

namespace ChestDx.Phantoms.Tests;

/// <summary>Same seed and settings → byte-identical folders, whatever the worker count;
/// another seed → other phantoms.</summary>
public sealed class PhantomDeterminismTests : IDisposable
{
    private readonly string _root = PhantomTestKit.TempDirectory("determinism");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Dictionary<string, byte[]> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes);

    [Fact]
    public void The_same_seed_gives_byte_identical_folders_with_any_number_of_workers()
    {
        PhantomOptions options = PhantomTestKit.Options(count: 6) with { ImagesPerPatient = 2 };
        string a = Path.Combine(_root, "a"), b = Path.Combine(_root, "b");
        PhantomGenerator.Generate(options with { OutputDirectory = a, Workers = 1 });
        PhantomGenerator.Generate(options with { OutputDirectory = b, Workers = 3 });

        Dictionary<string, byte[]> first = Files(a), second = Files(b);
        Assert.Equal(8, first.Count); // 6 images, labels.csv, phantoms.json
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first) Assert.True(bytes.AsSpan().SequenceEqual(second[name]), name);
    }

    [Fact]
    public void Another_seed_gives_other_images_and_labels()
    {
        PhantomOptions options = PhantomTestKit.Options(count: 6);
        for (int i = 0; i < options.Count; i++)
        {
            ushort[] one = PhantomRenderer.Render(PhantomPlanner.Plan(options, i), 64, 8).Pixels;
            ushort[] other = PhantomRenderer.Render(PhantomPlanner.Plan(options with { Seed = 2 }, i), 64, 8).Pixels;
            Assert.False(one.AsSpan().SequenceEqual(other), $"phantom {i}");
        }
        var seeds = Enumerable.Range(1, 3).Select(s => PhantomLabelsCsv.Format(
            Enumerable.Range(0, 40).Select(i =>
                PhantomLabelsCsv.Row(PhantomPlanner.Plan(PhantomTestKit.Options(count: 40, seed: (ulong)s), i)))))
            .ToList();
        Assert.Equal(3, seeds.Distinct().Count());
    }

    [Fact]
    public void A_phantom_does_not_depend_on_how_many_are_made()
    {
        PhantomCase small = PhantomPlanner.Plan(PhantomTestKit.Options(count: 5), 4);
        PhantomCase large = PhantomPlanner.Plan(PhantomTestKit.Options(count: 5000), 4);
        Assert.Equal(PhantomRenderer.Render(small, 64, 8).Pixels, PhantomRenderer.Render(large, 64, 8).Pixels);
        Assert.Equal(small.Labels(), large.Labels());
    }

    /// <summary>
    /// Golden hashes: what seed 1 renders to, pinned. They catch a platform computing different bits (the generator
    /// uses only correctly rounded IEEE-754 operations, so CI on any machine must reproduce them) and a change to the
    /// image model made without bumping <see cref="PhantomGenerator.GeneratorVersion"/>: if you change how phantoms
    /// look, bump the version and update these hashes in the same commit.
    /// </summary>
    [Fact]
    public void Seed_1_renders_to_the_pinned_pixels_and_png_bytes()
    {
        Assert.Equal(1, PhantomGenerator.GeneratorVersion);
        string[] pixels =
        [
            "7518c9ae2b5448f2c2e75c0119bea3796df7efe8d43984510f0370c6179a5994",
            "27b40eb1683ad8257f7cd9343d1dc1ab6783fdd1675af6e141d02e2b60be4c3a",
            "217dad65aff1854785e3dcb62db4d45c0f5ebde417ef4586927256d3064f2725",
        ];
        string[] pngs =
        [
            "f4d8608954bda12fcb5c303df1020cb36ce7976a71e791dde1d28dca4f876e1a",
            "370c73e37d7264c0f3db48b34a52200a7a69ae5ecb1809567896bb49cb963e28",
            "9c788b53cf3e61b68b5750432b6da152ca30c6576ca3ac2e1bd321e0592d9094",
        ];
        PhantomOptions options = PhantomTestKit.Options(count: 3);
        for (int i = 0; i < 3; i++)
        {
            PhantomImage image = PhantomRenderer.Render(PhantomPlanner.Plan(options, i), 64, 8);
            byte[] raw = Array.ConvertAll(image.Pixels, p => (byte)p);
            Assert.Equal(pixels[i], Convert.ToHexStringLower(SHA256.HashData(raw)));
            Assert.Equal(pngs[i], Convert.ToHexStringLower(SHA256.HashData(PhantomPng.Encode(image))));
        }
    }

    /// <summary>The documentation's sample images (samples/phantoms)
    /// are exactly what the generator makes today.</summary>
    [Theory]
    [InlineData("normal.png", "none")]
    [InlineData("findings.png", "Cardiomegaly=1,Effusion=1,Nodule=1")]
    public void The_sample_images_in_the_docs_are_what_the_generator_makes(string file, string findings)
    {
        string sample = Path.Combine(RepositoryRoot(), "samples", "phantoms", file);
        PhantomOptions options = PhantomTestKit.Options(count: 1, size: 256, seed: 2029)
            with { Findings = FindingPrevalence.Parse(findings) };
        byte[] made = PhantomPng.Encode(PhantomRenderer.Render(PhantomPlanner.Plan(options, 0), 256, 8));
        Assert.True(made.AsSpan().SequenceEqual(File.ReadAllBytes(sample)),
            $"{sample} is not what seed 2029 renders to; regenerate it (see its README)");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChestDx.sln"))) return dir.FullName;
        throw new InvalidOperationException("ChestDx.sln not found above " + AppContext.BaseDirectory);
    }
}
