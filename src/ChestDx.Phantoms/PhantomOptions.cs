using ChestDx.Core;

namespace ChestDx.Phantoms;

/// <summary>What <see cref="PhantomGenerator"/> makes and where. Every setting except the output folder and the
/// worker count is recorded in phantoms.json and must match when a run resumes.</summary>
public sealed record PhantomOptions
{
    public const int MinSize = 32, MaxSize = 2048;

    /// <summary>Folder receiving images/, labels.csv and phantoms.json.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Number of images.</summary>
    public required int Count { get; init; }

    /// <summary>Side length in pixels. Defaults to 256, the size ingestion packs default to;
    /// ChestX-ray14 is 1024.</summary>
    public int Size { get; init; } = 256;

    /// <summary>Seed of every random draw. Defaults to 1.
    /// The same seed and settings give byte-identical files.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>PNG bit depth, 8 (ChestX-ray14's) or 16. Defaults to 8.</summary>
    public int Bits { get; init; } = 8;

    /// <summary>Films per patient (follow-ups share anatomy and chronic findings). Defaults to 1.</summary>
    public int ImagesPerPatient { get; init; } = 1;

    /// <summary>Findings to plant and their prevalences.
    /// Defaults to every plantable finding (<see cref="FindingPrevalence.Defaults"/>).</summary>
    public IReadOnlyList<FindingPrevalence> Findings { get; init; } = FindingPrevalence.Defaults;

    /// <summary>Images rendered in parallel. Defaults to the number of cores; does not change the output.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Number of patients: the last one may have fewer films.</summary>
    public int Patients => (Count + ImagesPerPatient - 1) / ImagesPerPatient;

    /// <summary>Throws a one-line <see cref="ChestDxException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ChestDxException("--out: an output folder is required");
        if (Count < 1) throw new ChestDxException($"--count: must be at least 1, not {Count}");
        if (Size < MinSize || Size > MaxSize)
            throw new ChestDxException($"--size: must be {MinSize}–{MaxSize} pixels, not {Size}");
        if (Bits != 8 && Bits != 16) throw new ChestDxException($"--bits: must be 8 or 16, not {Bits}");
        if (ImagesPerPatient < 1 || ImagesPerPatient > 999)
            throw new ChestDxException($"--images-per-patient: must be 1–999, not {ImagesPerPatient}");
        if (Workers < 1) throw new ChestDxException($"--workers: must be at least 1, not {Workers}");
        if (Findings.Select(f => f.Kind).Distinct().Count() != Findings.Count)
            throw new ChestDxException("--findings: a finding is listed twice");
    }
}
