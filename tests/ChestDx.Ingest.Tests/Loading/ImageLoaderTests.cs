using System.Security.Cryptography;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Ingest.Tests.Loading;

/// <summary>
/// The one load call ingestion (<see cref="ImageLoader.TryLoad"/>) and predict (<see cref="ImageLoader.Load"/>) share:
/// both give the same pixels for the same file, and each way of refusing a file gives its one-line reason.
/// </summary>
public class ImageLoaderTests
{
    private static readonly ImageLoadSettings Settings =
        new(64, AspectMode.Pad) { Budget = new MemoryBudget(16L << 20) };

    public static TheoryData<string> Images => new()
    {
        Path.Combine(TestData.SampleImages, TestData.RgbaSamples[0]),
        TestData.SampleFiles[0],
        Path.Combine(TestData.Root, "dicom", "real-cxr", "siim_Fake_MONOCHROME1.dcm"),
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Predict_and_ingestion_load_the_same_pixels_and_the_file_hash_is_of_its_bytes(string path)
    {
        Assert.True(ImageLoader.TryLoad(
                path, Path.GetFileName(path), "shown.name", Settings, out LoadedImage? loaded, out string? rejection),
            rejection);
        using (loaded)
        {
            Assert.Equal(64, loaded.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), loaded.FileSha256);
            Assert.Equal(loaded.Pixels.ToArray(), ImageLoader.Load(path, new ImageLoadSettings(64, AspectMode.Pad)));
            Assert.Equal(32 * 32, ImageLoader.Load(path, new ImageLoadSettings(32, AspectMode.Crop)).Length);
            Assert.True(loaded.SourceStatistics.Std > 0, "a radiograph is not one flat grey");
        }
    }

    [Fact]
    public void Empty_unsupported_and_over_budget_files_are_refused_with_a_reason_that_names_no_file()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Sub("empty.png"), []);
        File.WriteAllText(dir.Sub("notes.txt"), "not an image");
        File.WriteAllBytes(dir.Sub("huge.png"), new byte[(16 << 20) + 1]);

        Assert.Equal("empty file", Refusal(dir.Sub("empty.png")));
        Assert.Equal("not a supported image: no PNG, JPEG or DICOM signature", Refusal(dir.Sub("notes.txt")));
        Assert.Equal("file of 16 MiB exceeds the --max-image-memory budget of 16 MiB", Refusal(dir.Sub("huge.png")));
    }

    [Fact]
    public void Predicts_load_call_throws_one_line_that_starts_with_the_path()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Sub("empty.png"), []);
        var empty = Assert.Throws<ChestDxException>(() => ImageLoader.Load(dir.Sub("empty.png"), Settings));
        Assert.Equal($"{dir.Sub("empty.png")}: empty file", empty.Message);
        var missing = Assert.Throws<ChestDxException>(() => ImageLoader.Load(dir.Sub("nope.png"), Settings));
        Assert.Equal($"{dir.Sub("nope.png")}: image file not found", missing.Message);
    }

    private static string? Refusal(string path)
    {
        Assert.False(ImageLoader.TryLoad(
            path, Path.GetFileName(path), "shown.name", Settings, out LoadedImage? loaded, out string? rejection));
        Assert.Null(loaded);
        return rejection;
    }
}
