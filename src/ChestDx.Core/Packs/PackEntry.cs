namespace ChestDx.Core.Packs;

/// <summary>
/// One image of a pack, as manifest.csv describes it.
/// </summary>
/// <param name="Row">Index of the image in images.u8 (0-based, equal to the manifest row order).</param>
/// <param name="ImageId">The image's identifier (NIH "Image Index", or a pseudonymous id for DICOM).</param>
/// <param name="PatientId">Keyed pseudonym of the patient (never the clear id),
/// or NIH's public id with --no-pseudonym.</param>
/// <param name="Labels">One value per class of the pack: 1, 0, or NaN when the label is unknown (masked from
/// losses and metrics).</param>
/// <param name="Extra">Every other manifest column (source, statistics…), by column name.</param>
public sealed record PackEntry(
    int Row,
    string ImageId,
    string PatientId,
    string? View,
    string? Sex,
    int? Age,
    float[] Labels,
    string Split,
    IReadOnlyDictionary<string, string> Extra);
