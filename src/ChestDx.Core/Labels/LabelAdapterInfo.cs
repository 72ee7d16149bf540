namespace ChestDx.Core.Labels;

/// <summary>
/// What a dataset adapter did with a labels file, recorded in pack.json's settings.labels and printed in the ingest
/// summary. Null members do not apply to the dataset.
/// </summary>
public sealed record LabelAdapterInfo
{
    /// <summary>Where patient ids came from.</summary>
    public required PatientIdSource PatientIds { get; init; }

    /// <summary>The policy applied to each class's uncertain cells (CheXpert, MIMIC-CXR).</summary>
    public IReadOnlyDictionary<string, UncertainPolicy>? Uncertain { get; init; }

    /// <summary>Uncertain (−1) cells per class before the policy, over every row of the file.</summary>
    public IReadOnlyDictionary<string, int>? UncertainCells { get; init; }

    /// <summary>How radiologists were combined (VinDr-CXR).</summary>
    public ReaderRule? Readers { get; init; }

    /// <summary>Fleiss' kappa per class over the images read by the same number of radiologists (VinDr-CXR); null
    /// where it is undefined (every reader gave every image the same label).</summary>
    public IReadOnlyDictionary<string, double?>? ReaderAgreement { get; init; }

    /// <summary>The second file's name (MIMIC metadata.csv, RSNA DICOM headers) and SHA-256.</summary>
    public string? MetadataFile { get; init; }

    public string? MetadataSha256 { get; init; }

    /// <summary>Lines for the ingest summary: the adapter's counts (views, uncertain cells, readers,
    /// skipped rows).</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];
}
