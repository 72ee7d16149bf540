namespace ChestDx.Dicom.Imaging;

/// <summary>Options for <see cref="GreyscaleRenderer"/>. Immutable, with documented defaults.</summary>
public sealed record GreyscaleRenderOptions
{
    public static GreyscaleRenderOptions Default { get; } = new();

    /// <summary>Defaults to <see cref="VoiChoice.Auto"/> (first window, else first VOI LUT, else min/max).</summary>
    public VoiChoice Voi { get; init; } = VoiChoice.Auto;

    /// <summary>8 (0..255, the CheXNet input) or 16 (0..65535). Defaults to 8.</summary>
    public int OutputBits
    {
        get;
        init => field = value is 8 or 16
            ? value
            : throw new ArgumentOutOfRangeException(nameof(OutputBits), value, "must be 8 or 16");
    } = 8;

    /// <summary>
    /// Apply Rescale Slope/Intercept or the Modality LUT Sequence before VOI (PS3.3 C.11.1). Defaults to true, as
    /// dcmtk (+M).
    /// </summary>
    public bool ApplyModalityLut { get; init; } = true;
}
