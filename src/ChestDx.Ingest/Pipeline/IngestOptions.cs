using ChestDx.Core;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// Everything `chestdx ingest` can be told. Defaults are the documented ones; settings that change the pack are
/// recorded in pack.json.
/// </summary>
public sealed record IngestOptions
{
    /// <summary>The source folder (NIH layout, flat folder, DICOM tree).</summary>
    public required string Source { get; init; }

    /// <summary>Labels file (NIH Data_Entry or generic CSV, plain or .gz); null for an inference-only pack.</summary>
    public string? Labels { get; init; }

    /// <summary>
    /// The class set of a generic labels CSV (`--classes`: auto, a known set's id, or names); NIH files are
    /// ChestX-ray14.
    /// </summary>
    public LabelClassChoice Classes { get; init; } = LabelClassChoice.Auto;

    /// <summary>
    /// `--format`, `--uncertain`, `--readers`, `--metadata`: which dataset adapter reads the labels and the label
    /// semantics it applies (data-manifests/LABEL_SCHEMA.md). Default: detected from the header, dataset defaults.
    /// </summary>
    public LabelReadOptions LabelReading { get; init; } = new();

    /// <summary>`--views PA,AP`: labelled images of other views are rejected inputs, counted in the summary.</summary>
    public ViewFilter? Views { get; init; }

    /// <summary>The pack directory to create (or resume).</summary>
    public required string Output { get; init; }

    /// <summary>
    /// How patient ids become pseudonyms. Required: there is no silent default. With a key, image ids, source paths
    /// and every message naming a file or labels id are pseudonymised too (<see cref="SourceNames"/>).
    /// </summary>
    public required Pseudonymiser Pseudonymiser { get; init; }

    /// <summary>
    /// Side of the square pack images. Default 256; 224 and 512 also allowed (<see cref="Normaliser.AllowedSizes"/>).
    /// </summary>
    public int Size { get; init; } = 256;

    /// <summary>Default <see cref="AspectMode.Pad"/>: nothing of the image is cut off.</summary>
    public AspectMode Aspect { get; init; } = AspectMode.Pad;

    /// <summary>
    /// Default <see cref="SplitSpec.Auto"/>: official for NIH Data_Entry labels, random for other labels, none without
    /// labels.
    /// </summary>
    public SplitSpec Split { get; init; } = SplitSpec.Auto;

    /// <summary>
    /// Fraction of training patients carved out as "val" (official and random splits). Default 0.1; 0 disables.
    /// </summary>
    public double ValFraction { get; init; } = 0.1;

    /// <summary>Fraction of patients in "test" for the random split. Default 0.2 (CheXNet's 70/10/20).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the patient draws behind the random split and the val carve-out. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// `--one-image-per-patient`: the user states that images without a patient id are each a different patient.
    /// Without it, a split by patient (random, or official's val carve-out) refuses a source that has no patient ids
    /// and rejects single images without one. Recorded in pack.json; `pack verify` then reports disjointness as
    /// assumed.
    /// </summary>
    public bool OneImagePerPatient { get; init; }

    /// <summary>
    /// `--id-map FILE`: where to write pseudonym → original (see <see cref="IdMap"/>); only with a site key,
    /// outside the pack and outside the source folder. Null: the link back is written nowhere.
    /// </summary>
    public string? IdMap { get; init; }

    /// <summary>This process's slice of the inputs (`--shard i/N`), or null for all of them.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Decoding threads. Default: one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Most memory one worker may hold for one image (`--max-image-memory`); larger images are rejected with the
    /// reason. Default 1 GiB.
    /// </summary>
    public MemoryBudget MemoryBudget { get; init; } = MemoryBudget.Default;

    /// <summary>Image readers, asked in order. Default: PNG and JPEG (by signature), then DICOM.</summary>
    public IReadOnlyList<IImageFileReader> Readers { get; init; } = ImageLoadSettings.DefaultReaders;

    public void Validate()
    {
        if (!Normaliser.AllowedSizes.Contains(Size))
            throw new ChestDxException(
                $"--size {Size}: allowed sizes are {string.Join(", ", Normaliser.AllowedSizes)}");
        if (ValFraction is < 0 or >= 1) throw new ChestDxException($"--val-fraction {ValFraction}: must be in [0, 1)");
        if (TestFraction is < 0 or >= 1 || ValFraction + TestFraction >= 1)
            throw new ChestDxException(
                $"test fraction {TestFraction} with val fraction {ValFraction} leaves no training patients");
        if (Workers < 1) throw new ChestDxException($"--workers {Workers}: must be at least 1");
        if (IdMap is not null) Privacy.IdMap.Validate(IdMap, Output, Source, Pseudonymiser);
        if (Views is not null && Labels is null)
            throw new ChestDxException("--views filters by the labels file's view: it needs --labels");
    }
}

/// <summary>
/// `--shard i/N`: this process ingests the i-th of N contiguous slices of the ordered inputs (0-based).
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], out int i) || !int.TryParse(parts[1], out int n)
            || n < 1 || i < 0 || i >= n)
            throw new ChestDxException($"--shard '{text}': expected i/N with 0 ≤ i < N, e.g. 0/8");
        return new ShardSpec(i, n);
    }

    /// <summary>
    /// Inputs [First, First + Length) of <paramref name="total"/>: slice sizes differ by at most one.
    /// </summary>
    public (int First, int Length) Range(int total)
    {
        int first = (int)((long)total * Index / Count);
        int end = (int)((long)total * (Index + 1) / Count);
        return (first, end - first);
    }

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>`--split official|random|file:PATH|none` (or auto), parsed once by the CLI.</summary>
public sealed record SplitSpec(SplitMethod Method, string? File = null)
{
    public static SplitSpec Auto { get; } = new(SplitMethod.Auto);

    public static SplitSpec Parse(string text) => text switch
    {
        "auto" => Auto,
        "official" => new SplitSpec(SplitMethod.Official),
        "random" => new SplitSpec(SplitMethod.Random),
        "none" => new SplitSpec(SplitMethod.None),
        _ when text.StartsWith("file:", StringComparison.Ordinal) && text.Length > 5 =>
            new SplitSpec(SplitMethod.File, text[5..]),
        _ => throw new ChestDxException($"--split '{text}': expected official, random, file:PATH or none"),
    };

    /// <summary>As written on the command line: "auto", "random", "file:PATH".</summary>
    public override string ToString() =>
        Method == SplitMethod.File ? $"file:{File}" : Method.ToString().ToLowerInvariant();
}
