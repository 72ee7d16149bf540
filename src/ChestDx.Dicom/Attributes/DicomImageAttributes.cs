using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Attributes;

/// <summary>
/// A VOI window stored in the file (PS3.3 C.11.2): one pair of Window Center/Width and its explanation.
/// </summary>
public sealed record StoredWindow(double Center, double Width, string? Explanation);

/// <summary>Pixel spacing in mm: between rows (vertical) and between columns (horizontal), PS3.3 10.7.1.3.</summary>
public readonly record struct Spacing(double Row, double Column);

/// <summary>
/// The non-identifying attributes ChestDx uses to select, describe and render a chest radiograph. Identifiers are
/// deliberately absent (see <see cref="DicomIdentifiers"/>). Missing attributes are null.
/// </summary>
public sealed record DicomImageAttributes
{
    public string? SopClassUid { get; init; }
    public string? SopClassName { get; init; }

    /// <summary>
    /// DX "For Processing" (SOP class 1.2.840.10008.5.1.4.1.1.1.1.1, or Presentation Intent Type FOR PROCESSING):
    /// raw detector data, not meant for display; a model trained on presentation images must not read it.
    /// </summary>
    public bool IsForProcessing { get; init; }

    public string? Modality { get; init; }
    public string? BodyPartExamined { get; init; }
    public required ResolvedView View { get; init; }

    /// <summary>(0028,0030): calibrated in the patient plane, or absent.</summary>
    public Spacing? PixelSpacing { get; init; }

    /// <summary>(0018,1164): at the detector plane (CR/DX), not corrected for magnification.</summary>
    public Spacing? ImagerPixelSpacing { get; init; }

    public int? Rows { get; init; }
    public int? Columns { get; init; }
    public int NumberOfFrames { get; init; } = 1;
    public int? SamplesPerPixel { get; init; }
    public int? BitsAllocated { get; init; }
    public int? BitsStored { get; init; }
    public int? HighBit { get; init; }
    public int? PixelRepresentation { get; init; }
    public string? PhotometricInterpretation { get; init; }

    /// <summary>
    /// (2050,0020) IDENTITY or INVERSE; INVERSE describes the MONOCHROME1 inversion, it is not a second one.
    /// </summary>
    public string? PresentationLutShape { get; init; }

    public double? RescaleSlope { get; init; }
    public double? RescaleIntercept { get; init; }
    public bool HasModalityLutSequence { get; init; }
    public IReadOnlyList<StoredWindow> Windows { get; init; } = [];
    public string? VoiLutFunction { get; init; }
    public int VoiLutCount { get; init; }

    /// <summary>(0028,2110) "01": the pixels went through lossy compression at some point.</summary>
    public bool LossyImageCompression { get; init; }

    public string? Manufacturer { get; init; }
    public string? ManufacturerModelName { get; init; }
    public required string TransferSyntaxUid { get; init; }
    public required string TransferSyntaxName { get; init; }

    public static DicomImageAttributes FromFile(DicomFile file)
    {
        DicomDataset ds = file.Dataset;
        string? sopClass = (ds.GetString(DicomTags.SopClassUid)
            ?? file.FileMeta.GetString(DicomTags.MediaStorageSopClassUid))?.TrimEnd('\0');
        double[] centers = ds.GetNumbers(DicomTags.WindowCenter);
        double[] widths = ds.GetNumbers(DicomTags.WindowWidth);
        string[] explanations = ds.GetStrings(DicomTags.WindowCenterWidthExplanation);
        var windows = new List<StoredWindow>();
        for (int i = 0; i < Math.Min(centers.Length, widths.Length); i++)
            windows.Add(new StoredWindow(centers[i], widths[i],
                i < explanations.Length && explanations[i].Length > 0 ? explanations[i] : null));

        return new DicomImageAttributes
        {
            SopClassUid = sopClass,
            SopClassName = SopClasses.NameOf(sopClass),
            IsForProcessing = sopClass == SopClasses.DigitalXRayForProcessing ||
                              string.Equals(ds.GetString(DicomTags.PresentationIntentType), "FOR PROCESSING",
                                  StringComparison.OrdinalIgnoreCase),
            Modality = ds.GetString(DicomTags.Modality),
            BodyPartExamined = ds.GetString(DicomTags.BodyPartExamined),
            View = ResolvedView.FromDataset(ds),
            PixelSpacing = SpacingOf(ds, DicomTags.PixelSpacing),
            ImagerPixelSpacing = SpacingOf(ds, DicomTags.ImagerPixelSpacing),
            Rows = ds.GetUInt16(DicomTags.Rows),
            Columns = ds.GetUInt16(DicomTags.Columns),
            NumberOfFrames = ds.GetInt(DicomTags.NumberOfFrames) is > 0 and var n ? n : 1,
            SamplesPerPixel = ds.GetUInt16(DicomTags.SamplesPerPixel),
            BitsAllocated = ds.GetUInt16(DicomTags.BitsAllocated),
            BitsStored = ds.GetUInt16(DicomTags.BitsStored),
            HighBit = ds.GetUInt16(DicomTags.HighBit),
            PixelRepresentation = ds.GetUInt16(DicomTags.PixelRepresentation),
            PhotometricInterpretation = ds.GetString(DicomTags.PhotometricInterpretation),
            PresentationLutShape = ds.GetString(DicomTags.PresentationLutShape),
            RescaleSlope = ds.GetNumber(DicomTags.RescaleSlope),
            RescaleIntercept = ds.GetNumber(DicomTags.RescaleIntercept),
            HasModalityLutSequence = ds.GetSequence(DicomTags.ModalityLutSequence).Count > 0,
            Windows = windows,
            VoiLutFunction = ds.GetString(DicomTags.VoiLutFunction),
            VoiLutCount = ds.GetSequence(DicomTags.VoiLutSequence).Count,
            LossyImageCompression = ds.GetString(DicomTags.LossyImageCompression) == "01",
            Manufacturer = ds.GetString(DicomTags.Manufacturer),
            ManufacturerModelName = ds.GetString(DicomTags.ManufacturerModelName),
            TransferSyntaxUid = file.TransferSyntax.Uid,
            TransferSyntaxName = file.TransferSyntax.Name,
        };
    }

    private static Spacing? SpacingOf(DicomDataset ds, DicomTag tag) =>
        ds.GetNumbers(tag) is [var row, var column, ..] && row > 0 && column > 0 ? new Spacing(row, column) : null;
}
