using System.Text.Json;
using ChestDx.Core.Packs;

namespace ChestDx.Training.Tests;

/// <summary>
/// Writes a small dataset pack in Core's format whose two classes are trivially separable by eye:
/// "Disc" = a bright disc in the middle, "Stripes" = horizontal stripes; images have noise and random contrast,
/// and each class is positive in about half the images, independently. A third column, "Unknown", is blank (NaN)
/// everywhere except a few rows, to exercise label masking.
/// </summary>
internal static class TinyPack
{
    public static readonly string[] Classes = ["Disc", "Stripes"];

    public static string Create(
        string directory, int size = 32, int train = 64, int val = 32, int test = 0, int seed = 1,
        bool withUnknown = false,
        AspectMode aspect = AspectMode.Pad)
    {
        Directory.CreateDirectory(directory);
        string[] classes = withUnknown ? [.. Classes, "Unknown"] : Classes;
        int count = train + val + test;
        var rng = new Random(seed);
        var images = new byte[count * size * size];
        var entries = new List<PackEntry>();
        for (int i = 0; i < count; i++)
        {
            bool disc = rng.NextDouble() < 0.5, stripes = rng.NextDouble() < 0.5;
            double contrast = 0.6 + 0.4 * rng.NextDouble();
            for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double v = 60 + 40 * rng.NextDouble();
                double dx = x - size / 2.0 + 0.5, dy = y - size / 2.0 + 0.5;
                if (disc && dx * dx + dy * dy < size * size / 16.0) v += 110 * contrast;
                if (stripes && (y / 2) % 2 == 0) v += 70 * contrast;
                images[i * size * size + y * size + x] = (byte)Math.Clamp(v, 0, 255);
            }
            string split = i < train ? PackFormat.Train : i < train + val ? PackFormat.Val : PackFormat.Test;
            float[] labels = withUnknown
                ? [disc ? 1 : 0, stripes ? 1 : 0, i % 8 == 0 ? (i % 16 == 0 ? 1 : 0) : float.NaN]
                : [disc ? 1 : 0, stripes ? 1 : 0];
            entries.Add(new PackEntry(
                i, $"img{i:D4}.png", $"p{i:D4}", "PA", "F", 50, labels, split, new Dictionary<string, string>()));
        }
        File.WriteAllBytes(Path.Combine(directory, PackFormat.ImagesFile), images);
        using (var writer = new StreamWriter(Path.Combine(directory, PackFormat.ManifestFile)))
            ManifestCsv.Write(writer, classes, [], entries);
        var info = new PackInfo
        {
            ImageSize = size, Count = count, Classes = classes, Settings = new PackSettings { Aspect = aspect },
        };
        File.WriteAllText(
            Path.Combine(directory, PackFormat.InfoFile), JsonSerializer.Serialize(info, PackInfo.JsonOptions));
        return directory;
    }
}
