using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Attributes;

/// <summary>
/// Every attribute ChestDx reads that identifies a person, a visit or an object: the only values ingestion may
/// see, and only to replace them with keyed pseudonyms (HMAC). Kept apart from <see cref="DicomImageAttributes"/>
/// so that nothing else carries them by accident. <see cref="ToString"/> is redacted, so a log line or an
/// exception message built from this record never prints them.
/// </summary>
public sealed record DicomIdentifiers
{
    /// <summary>(0010,0020) Patient ID.</summary>
    public string? PatientId { get; init; }

    /// <summary>(0010,0010) Patient's Name, as stored (PN components separated by ^).</summary>
    public string? PatientName { get; init; }

    /// <summary>(0010,0030) Patient's Birth Date, YYYYMMDD as stored.</summary>
    public string? PatientBirthDate { get; init; }

    /// <summary>(0008,0050) Accession Number.</summary>
    public string? AccessionNumber { get; init; }

    /// <summary>(0020,000D) Study Instance UID.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>(0020,000E) Series Instance UID.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>(0008,0018) SOP Instance UID.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>(0008,0080) Institution Name.</summary>
    public string? InstitutionName { get; init; }

    /// <summary>
    /// Reads the identifiers. UIDs keep their text as stored (some archives write non-UIDs there, e.g. VinDr's MD5s).
    /// </summary>
    public static DicomIdentifiers FromDataset(DicomDataset ds) => new()
    {
        PatientId = ds.GetString(DicomTags.PatientId),
        PatientName = ds.GetString(DicomTags.PatientName),
        PatientBirthDate = ds.GetString(DicomTags.PatientBirthDate),
        AccessionNumber = ds.GetString(DicomTags.AccessionNumber),
        StudyInstanceUid = ds.GetString(DicomTags.StudyInstanceUid)?.TrimEnd('\0'),
        SeriesInstanceUid = ds.GetString(DicomTags.SeriesInstanceUid)?.TrimEnd('\0'),
        SopInstanceUid = ds.GetString(DicomTags.SopInstanceUid)?.TrimEnd('\0'),
        InstitutionName = ds.GetString(DicomTags.InstitutionName),
    };

    /// <summary>
    /// The identifiers by attribute name, for code that pseudonymises each of them (or a local inspection tool).
    /// </summary>
    public IReadOnlyList<(string Name, string? Value)> All() =>
    [
        ("PatientID", PatientId), ("PatientName", PatientName), ("PatientBirthDate", PatientBirthDate),
        ("AccessionNumber", AccessionNumber), ("StudyInstanceUID", StudyInstanceUid),
        ("SeriesInstanceUID", SeriesInstanceUid), ("SOPInstanceUID", SopInstanceUid),
        ("InstitutionName", InstitutionName),
    ];

    /// <summary>Redacted: identifiers must not reach logs through string formatting.</summary>
    public override string ToString() => "DicomIdentifiers { redacted }";
}
