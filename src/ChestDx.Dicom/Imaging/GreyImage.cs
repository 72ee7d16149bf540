namespace ChestDx.Dicom.Imaging;

/// <summary>
/// A rendered greyscale frame: row-major display values, 0 = black, in <see cref="Pixels8"/> (8-bit output) or
/// <see cref="Pixels16"/> (16-bit output), with the record of how it was made.
/// </summary>
public sealed class GreyImage
{
    internal GreyImage(int width, int height, int bitDepth, byte[]? pixels8, ushort[]? pixels16, string modality,
        string voi, bool inverted, IReadOnlyList<string> notes)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Pixels8 = pixels8;
        Pixels16 = pixels16;
        ModalityTransform = modality;
        Voi = voi;
        InvertedMonochrome1 = inverted;
        Notes = notes;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>8 or 16.</summary>
    public int BitDepth { get; }

    public byte[]? Pixels8 { get; }
    public ushort[]? Pixels16 { get; }

    /// <summary>The modality transform applied, e.g. "rescale slope 1 intercept -1024" or "identity".</summary>
    public string ModalityTransform { get; }

    /// <summary>The VOI transform applied, e.g. "window C=1500 W=1000 LINEAR (file window 2)".</summary>
    public string Voi { get; }

    /// <summary>MONOCHROME1 data was inverted after VOI (so that high = bright, like MONOCHROME2).</summary>
    public bool InvertedMonochrome1 { get; }

    /// <summary>What the pipeline repaired or ignored (bad LUT descriptors, invalid windows, ...).</summary>
    public IReadOnlyList<string> Notes { get; }

    public int this[int x, int y] => Pixels8 is not null ? Pixels8[y * Width + x] : Pixels16![y * Width + x];
}
