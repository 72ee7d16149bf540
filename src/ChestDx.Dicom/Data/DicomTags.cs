namespace ChestDx.Dicom.Data;

/// <summary>
/// The tags ChestDx interprets (PS3.6 data dictionary). Everything else is kept but not given meaning.
/// </summary>
public static class DicomTags
{
    public static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);
    public static readonly DicomTag MediaStorageSopClassUid = new(0x0002, 0x0002);

    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    public static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    public static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag PresentationIntentType = new(0x0008, 0x0068);
    public static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    public static readonly DicomTag InstitutionName = new(0x0008, 0x0080);
    public static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    public static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);
    public static readonly DicomTag SeriesDescription = new(0x0008, 0x103E);
    public static readonly DicomTag ManufacturerModelName = new(0x0008, 0x1090);

    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    public static readonly DicomTag PatientSex = new(0x0010, 0x0040);
    public static readonly DicomTag PatientAge = new(0x0010, 0x1010);

    public static readonly DicomTag BodyPartExamined = new(0x0018, 0x0015);
    public static readonly DicomTag ImagerPixelSpacing = new(0x0018, 0x1164);
    public static readonly DicomTag ViewPosition = new(0x0018, 0x5101);

    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);

    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag PixelPaddingValue = new(0x0028, 0x0120);
    public static readonly DicomTag PixelPaddingRangeLimit = new(0x0028, 0x0121);
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag WindowCenterWidthExplanation = new(0x0028, 0x1055);
    public static readonly DicomTag VoiLutFunction = new(0x0028, 0x1056);
    public static readonly DicomTag LossyImageCompression = new(0x0028, 0x2110);
    public static readonly DicomTag ModalityLutSequence = new(0x0028, 0x3000);
    public static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);
    public static readonly DicomTag LutExplanation = new(0x0028, 0x3003);
    public static readonly DicomTag LutData = new(0x0028, 0x3006);
    public static readonly DicomTag VoiLutSequence = new(0x0028, 0x3010);

    public static readonly DicomTag PresentationLutShape = new(0x2050, 0x0020);
    public static readonly DicomTag ViewCodeSequence = new(0x0054, 0x0220);

    public static readonly DicomTag ExtendedOffsetTable = new(0x7FE0, 0x0001);
    public static readonly DicomTag FloatPixelData = new(0x7FE0, 0x0008);
    public static readonly DicomTag DoubleFloatPixelData = new(0x7FE0, 0x0009);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);
}
