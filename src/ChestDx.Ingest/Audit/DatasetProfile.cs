using System.Globalization;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Audit;

/// <summary>
/// What a pack looks like, for the audit: categorical mixes (view, sex, age band, source resolution, bit depth,
/// colour, vendor), continuous samples (age, per-image mean and contrast of the pack images, source width) and a
/// 256-bin intensity histogram of the pack images. Built from manifest.csv plus images.u8 (every image up to
/// <see cref="MaxHistogramImages"/>, then an even stride), so it costs one pass and flat memory.
/// </summary>
public sealed class DatasetProfile
{
    public const int MaxHistogramImages = 5000;

    public required string Name { get; init; }
    public required PackInfo Info { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Categories { get; init; }
    public required IReadOnlyDictionary<string, double[]> Continuous { get; init; }
    public required double[] Intensity { get; init; }

    public static DatasetProfile Build(string name, DatasetPack pack)
    {
        var categories = new Dictionary<string, Dictionary<string, int>>();
        void Count(string category, string? value)
        {
            if (!categories.TryGetValue(category, out var counts))
                categories[category] = counts = new Dictionary<string, int>();
            string key = string.IsNullOrEmpty(value) ? "(unknown)" : value;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var continuous = new Dictionary<string, List<double>>
        {
            ["age"] = [], ["image mean"] = [], ["image contrast (std)"] = [], ["source width"] = [],
        };
        foreach (PackEntry e in pack.Entries)
        {
            Count("view", e.View);
            Count("sex", e.Sex);
            Count("age band", e.Age is { } a ? $"{a / 10 * 10}-{a / 10 * 10 + 9}" : null);
            Count("source resolution", Extra(e, ManifestColumns.SourceWidth) is { Length: > 0 } w
                ? $"{w}×{Extra(e, ManifestColumns.SourceHeight)}"
                : null);
            Count("source bit depth", Extra(e, ManifestColumns.SourceBitDepth));
            Count("source colour", Extra(e, ManifestColumns.SourceColour));
            Count("manufacturer", Extra(e, ManifestColumns.Manufacturer));
            Count("split", e.Split);
            if (e.Age is { } age) continuous["age"].Add(age);
            if (Number(Extra(e, ManifestColumns.SourceWidth)) is { } width) continuous["source width"].Add(width);
        }

        var histogram = new long[256];
        int stride = Math.Max(1, (pack.Count + MaxHistogramImages - 1) / MaxHistogramImages);
        for (int r = 0; r < pack.Count; r += stride)
        {
            ReadOnlySpan<byte> image = pack.GetImage(r);
            long sum = 0, squares = 0;
            foreach (byte b in image)
            {
                histogram[b]++;
                sum += b;
                squares += b * b;
            }
            double mean = (double)sum / image.Length;
            continuous["image mean"].Add(mean);
            continuous["image contrast (std)"]
                .Add(Math.Sqrt(Math.Max(0, (double)squares / image.Length - mean * mean)));
        }
        double total = Math.Max(1, histogram.Sum());
        return new DatasetProfile
        {
            Name = name,
            Info = pack.Info,
            Categories = categories.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value),
            Continuous = continuous.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()),
            Intensity = histogram.Select(h => h / total).ToArray(),
        };
    }

    private static string? Extra(PackEntry e, string column) => e.Extra.TryGetValue(column, out string? v) ? v : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;
}
