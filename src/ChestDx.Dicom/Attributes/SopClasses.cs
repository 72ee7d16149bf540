namespace ChestDx.Dicom.Attributes;

/// <summary>The storage SOP classes chest radiographs arrive as (PS3.4 Annex B, PS3.6 Table A-1).</summary>
public static class SopClasses
{
    public const string ComputedRadiography = "1.2.840.10008.5.1.4.1.1.1";
    public const string DigitalXRayForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";
    public const string DigitalXRayForProcessing = "1.2.840.10008.5.1.4.1.1.1.1.1";
    public const string SecondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
    public const string MultiFrameGrayscaleByteSecondaryCapture = "1.2.840.10008.5.1.4.1.1.7.2";
    public const string MultiFrameGrayscaleWordSecondaryCapture = "1.2.840.10008.5.1.4.1.1.7.3";

    public static string? NameOf(string? uid) => uid switch
    {
        ComputedRadiography => "Computed Radiography Image Storage",
        DigitalXRayForPresentation => "Digital X-Ray Image Storage - For Presentation",
        DigitalXRayForProcessing => "Digital X-Ray Image Storage - For Processing",
        SecondaryCapture => "Secondary Capture Image Storage",
        MultiFrameGrayscaleByteSecondaryCapture => "Multi-frame Grayscale Byte Secondary Capture Image Storage",
        MultiFrameGrayscaleWordSecondaryCapture => "Multi-frame Grayscale Word Secondary Capture Image Storage",
        "1.2.840.10008.5.1.4.1.1.2" => "CT Image Storage",
        "1.2.840.10008.5.1.4.1.1.4" => "MR Image Storage",
        "1.2.840.10008.5.1.4.1.1.20" => "Nuclear Medicine Image Storage",
        "1.2.840.10008.5.1.4.1.1.6.1" => "Ultrasound Image Storage",
        _ => null,
    };
}
