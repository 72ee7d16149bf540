namespace ChestDx.Core.Labels;

/// <summary>
/// One image's labels and demographics from a labels file. <see cref="PatientId"/> is the clear id: ingestion
/// pseudonymises it and never writes or logs it. <see cref="Labels"/> has one <see cref="LabelValue"/> per class of
/// the table's <see cref="LabelTable.Classes"/>. <see cref="Line"/> is the row's line in the file.
/// </summary>
public sealed record LabelRow(
    int Line,
    string ImageId,
    string? PatientId,
    string? View,
    string? Sex,
    int? Age,
    sbyte[] Labels,
    IReadOnlyList<string> Notes)
{
    /// <summary>The labels file's name, for <see cref="Error"/>.</summary>
    public string Source { get; init; } = "";

    /// <summary>Why the row's id or labels cannot be used (no location); null when they can.
    /// Both stages refuse such a row.</summary>
    public string? LabelProblem { get; init; }

    /// <summary>Why the row's age or sex cannot be read; its labels are still usable (evaluation
    /// reads only labels).</summary>
    public string? DemographicsProblem { get; init; }

    /// <summary>"file line N: problem" for the first problem of the row, or null:
    /// ingestion's rejection reason.</summary>
    public string? Error => (LabelProblem ?? DemographicsProblem) is { } p ? $"{Source} line {Line}: {p}" : null;
}
