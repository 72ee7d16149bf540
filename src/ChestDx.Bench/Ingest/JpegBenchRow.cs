namespace ChestDx.Bench.Ingest;

/// <summary>One line of `chestdx bench ingest --format jpeg`: one source size, one kind of work, on
/// <see cref="Workers"/> cores. Both sides do the same work on the same files.</summary>
/// <param name="Source">"1024×1024" or "2500×3000".</param>
/// <param name="Work">
/// "decode + resize" (file → grey → S×S image; Pillow writes it to /dev/null, ChestDx to Stream.Null) or "ingest step"
/// (that plus the file's SHA-256, source and output statistics, the pixel hash, the image appended to a file).
/// </param>
/// <param name="ChestDx">Median images per second (wall clock).</param>
/// <param name="Pillow">Plain Pillow (no draft), decode + resize rows only.</param>
/// <param name="PillowDraft">Pillow with Image.draft("L", (S, S)) first: its fastest JPEG path.</param>
/// <param name="ChestDxCpuMs">Median CPU milliseconds per image, every thread of the process (one-core rows).</param>
/// <param name="PillowDraftCpuMs">The same for Pillow with draft.</param>
public sealed record JpegBenchRow(string Source, int Workers, string Work, double ChestDx, double? Pillow,
    double PillowDraft, double ChestDxCpuMs, double PillowDraftCpuMs)
{
    /// <summary>ChestDx over Pillow with draft, by wall-clock rate.</summary>
    public double RatioToDraft => ChestDx / PillowDraft;

    /// <summary>
    /// Pillow-with-draft's CPU time per image over ChestDx's: the per-core ratio (the goal is at least 2). On a
    /// shared machine it is steadier than the wall-clock ratio, which counts time spent waiting for a core.
    /// </summary>
    public double CpuRatioToDraft => PillowDraftCpuMs / ChestDxCpuMs;
}

/// <param name="Decoder">What decoded ChestDx's JPEGs: libjpeg-turbo (DCT-scaled) or ImageSharp.</param>
public sealed record JpegBenchReport(IReadOnlyList<JpegBenchRow> Rows, int ImagesPerRun, string Decoder);

/// <summary>A timed run: images per second and CPU milliseconds per image.</summary>
internal readonly record struct JpegRun(double Rate, double CpuMs);
