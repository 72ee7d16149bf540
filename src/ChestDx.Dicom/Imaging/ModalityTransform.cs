using System.Globalization;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Imaging;

/// <summary>
/// Stored values → modality values (PS3.3 C.11.1): the Modality LUT Sequence when present, else Rescale
/// Slope/Intercept (slope 1, intercept 0 when absent).
/// </summary>
internal sealed class ModalityTransform
{
    private readonly LookupTable? _lut;
    private readonly double _slope;
    private readonly double _intercept;

    private ModalityTransform(LookupTable? lut, double slope, double intercept, string description)
    {
        _lut = lut;
        _slope = slope;
        _intercept = intercept;
        Description = description;
    }

    public static ModalityTransform Identity { get; } = new(null, 1, 0, "identity");

    public string Description { get; }

    public bool IsLut => _lut is not null;

    /// <summary>The bits of a LUT's output, for VOI LUTs and full-range mapping; null for rescale.</summary>
    public LookupTable? Lut => _lut;

    /// <summary>
    /// The modality value of <paramref name="stored"/>. Rescaled values are truncated toward zero: dcmtk keeps
    /// modality values in integer types, and with it the rendered references match exactly (0 of 4096 pixels differ
    /// for slope 0.5, against 128 off by one with exact values). It moves a value by less than one modality unit.
    /// </summary>
    public double Apply(int stored) =>
        _lut is not null ? _lut.Lookup(stored) : Math.Truncate(stored * _slope + _intercept);

    public static ModalityTransform FromDataset(DicomDataset ds, PixelLayout layout, List<string> notes, string? path)
    {
        double? slope = ds.GetNumber(DicomTags.RescaleSlope);
        double? intercept = ds.GetNumber(DicomTags.RescaleIntercept);
        if (ds.GetSequence(DicomTags.ModalityLutSequence) is [var item, ..])
        {
            if (slope is not null || intercept is not null)
                notes.Add("both a Modality LUT Sequence and Rescale Slope/Intercept are present"
                    + " (PS3.3 C.11.1 allows one); the LUT is used");
            LookupTable lut = LookupTable.FromItem(item, layout.IsSigned, "Modality LUT Sequence item 1", path);
            notes.AddRange(lut.Repairs.Select(r => "Modality LUT: " + r));
            return new ModalityTransform(lut, 1, 0,
                $"modality LUT ({lut.Count} entries, {lut.Bits} bits{(lut.Explanation is { } e ? ", " + e : "")})");
        }
        double s = slope ?? 1, i = intercept ?? 0;
        if (s == 0)
        {
            notes.Add("Rescale Slope 0 ignored (it would map every pixel to the intercept); slope 1 used");
            s = 1;
        }
        if (s == 1 && i == 0) return Identity;
        return new ModalityTransform(null, s, i,
            string.Create(CultureInfo.InvariantCulture, $"rescale slope {s:G6} intercept {i:G6}"));
    }
}

/// <summary>
/// Pixel Padding Value (0028,0120) and Pixel Padding Range Limit (0028,0121), PS3.3 C.7.5.1.1.2: stored values
/// that are not image (collimated borders) and must not set the contrast. US or SS by Pixel Representation.
/// </summary>
internal readonly record struct PixelPadding(int Low, int High)
{
    public bool Contains(int stored) => stored >= Low && stored <= High;

    public static PixelPadding? FromDataset(DicomDataset ds, PixelLayout layout)
    {
        int? value = ds.GetUInt16(DicomTags.PixelPaddingValue);
        if (value is null) return null;
        int limit = ds.GetUInt16(DicomTags.PixelPaddingRangeLimit) ?? value.Value;
        int a = layout.IsSigned ? (short)value.Value : value.Value;
        int b = layout.IsSigned ? (short)limit : limit;
        return new PixelPadding(Math.Min(a, b), Math.Max(a, b));
    }
}
