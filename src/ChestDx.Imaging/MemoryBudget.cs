using System.Globalization;
using ChestDx.Core;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging;

/// <summary>
/// `--max-image-memory`: the most memory one worker may hold for one image. Before any pixel is decoded, the file's
/// size plus what its decoder will hold (<see cref="GreyRows.WorkingBytes"/>, from the header: a few rows for PNG,
/// RLE and native DICOM, which are decoded by rows; the whole frame several times over for the codecs that cannot
/// stream) plus the reducer's S×S state is compared with it, and an image over budget becomes a rejected.csv row that
/// names its dimensions and the estimate. Peak memory of a run is then about workers × budget plus the runtime.
/// </summary>
public sealed record MemoryBudget(long Bytes)
{
    /// <summary>1 GiB: room for a whole-frame JPEG 2000 of 8000 × 8000 16-bit (a 43 cm detector at 0.1 mm is 4300²),
    /// and far more by rows.</summary>
    public static MemoryBudget Default { get; } = new(1L << 30);

    /// <summary>"512M", "2G", "1GiB", "800MB", "1073741824" (binary multiples: K = 1024).</summary>
    public static MemoryBudget Parse(string text)
    {
        string t = text.Trim();
        int end = t.Length;
        while (end > 0 && char.IsLetter(t[end - 1])) end--;
        string unit = t[end..].ToUpperInvariant();
        long multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            _ => 0,
        };
        if (multiplier == 0
            || !double.TryParse(t[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !(value > 0) || value * multiplier > long.MaxValue)
            throw new ChestDxException($"--max-image-memory '{text}': expected a size such as 512M, "
                + $"2G or 1073741824 bytes");
        long bytes = (long)(value * multiplier);
        if (bytes < 16L << 20)
            throw new ChestDxException($"--max-image-memory '{text}': "
                + $"at least 16M (a 1024 × 1024 radiograph needs a few MB)");
        return new MemoryBudget(bytes);
    }

    /// <summary>A refusal reason when the file alone is over budget (it is read whole), else null.</summary>
    public string? RefuseFile(string path)
    {
        long length = new FileInfo(path).Length;
        return length > Bytes ? $"file of {Format(length)} exceeds the --max-image-memory budget of {Format(Bytes)}"
            : null;
    }

    /// <summary>A refusal reason when decoding <paramref name="pixels"/> would exceed the budget, else null.</summary>
    public string? Refuse(GreyRows pixels, long fileBytes, int size)
    {
        long estimate = Estimate(pixels, fileBytes, size);
        return estimate > Bytes
            ? $"{pixels.Width} × {pixels.Height} image would need about {Format(estimate)} to decode "
            + $"({pixels.Decoding}), over the --max-image-memory budget of {Format(Bytes)}"
            : null;
    }

    /// <summary>Bytes one image holds at its peak: the file,
    /// the decoder's working set and the reduction to S×S.</summary>
    public static long Estimate(GreyRows pixels, long fileBytes, int size) =>
        fileBytes + pixels.WorkingBytes + GreyReducer.WorkingBytes(pixels.Width, size) + (long)size * size;

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
    };

    public override string ToString() => Format(Bytes);
}
