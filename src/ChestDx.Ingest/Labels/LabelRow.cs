namespace ChestDx.Ingest.Labels;

/// <summary>
/// One image's labels and demographics from a labels file. <see cref="PatientId"/> is the clear id: the pipeline
/// pseudonymises it and never writes or logs it. <see cref="Labels"/> has one value per CheXNet class: 1, 0 or NaN
/// (unknown). <see cref="Error"/> is set when the row cannot be used (its reason goes to rejected.csv).
/// </summary>
public sealed record LabelRow(
    int Line,
    string ImageId,
    string? PatientId,
    string? View,
    string? Sex,
    int? Age,
    float[] Labels,
    IReadOnlyList<string> Notes,
    string? Error = null);
