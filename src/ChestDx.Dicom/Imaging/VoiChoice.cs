using System.Globalization;

namespace ChestDx.Dicom.Imaging;

/// <summary>
/// Which VOI transform the grey pipeline applies (PS3.3 C.11.2). Named choices so that ingestion can record exactly
/// which one produced each image. File indices are 0-based.
/// </summary>
public abstract record VoiChoice
{
    private VoiChoice() { }

    /// <summary>
    /// A linear ramp from the smallest to the largest modality value in the frame, excluding Pixel Padding
    /// Value/Range.
    /// </summary>
    public static VoiChoice MinMax { get; } = new MinMaxChoice();

    /// <summary>
    /// The default: the file's first valid window (what dcmtk's <c>+Wi 1</c> shows and the rendered references use),
    /// else its first VOI LUT, else <see cref="MinMax"/>. Windows come before VOI LUTs because their meaning is
    /// exact (PS3.3 C.11.2.1.2), while VOI LUT descriptors are often wrong in the wild (dcmtk has its +Mv/+Mm
    /// "ignore LUT depth" options for this reason).
    /// </summary>
    public static VoiChoice Auto { get; } = new AutoChoice(MinMax);

    /// <summary>
    /// The file's VOI as <see cref="Auto"/> chooses it (first valid window, else first VOI LUT), and
    /// <paramref name="fallback"/> when the file has none, e.g. <c>FileElse(Percentile(0.5, 99.5))</c> for ingestion.
    /// </summary>
    public static VoiChoice FileElse(VoiChoice fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback is AutoChoice)
            throw new ArgumentException("the fallback must not itself be a file choice", nameof(fallback));
        return new AutoChoice(fallback);
    }

    /// <summary>
    /// No VOI: the whole range the stored bits can hold, after the modality transform, mapped linearly (dcmtk's
    /// default without <c>+W</c>).
    /// </summary>
    public static VoiChoice FullRange { get; } = new FullRangeChoice();

    /// <summary>
    /// The <paramref name="index"/>-th Window Center/Width pair in the file, with the file's VOI LUT Function.
    /// </summary>
    public static VoiChoice FileWindow(int index) =>
        new FileWindowChoice(index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(index)));

    /// <summary>The <paramref name="index"/>-th item of the file's VOI LUT Sequence (0028,3010).</summary>
    public static VoiChoice FileLut(int index) =>
        new FileLutChoice(index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(index)));

    /// <summary>An explicit window, in modality units (after Rescale Slope/Intercept).</summary>
    public static VoiChoice Window(double center, double width, VoiFunction function = VoiFunction.Linear)
    {
        var window = new VoiWindow(center, width, function);
        if (window.Problem is { } problem) throw new ArgumentOutOfRangeException(nameof(width), width, problem);
        return new ExplicitWindowChoice(window);
    }

    /// <summary>
    /// A linear ramp between two percentiles of the frame's modality values, padding excluded, e.g. (0.5, 99.5) to
    /// keep collimator edges and burned-in labels from setting the contrast. Percentiles are nearest-rank: the
    /// p-th is the smallest value with at least ⌈p/100 · N⌉ values at or below it.
    /// </summary>
    public static VoiChoice Percentile(double low, double high)
    {
        if (!(low >= 0 && high <= 100 && low < high))
            throw new ArgumentOutOfRangeException(nameof(low),
                $"percentiles must satisfy 0 <= low < high <= 100 (got {low}, {high})");
        return new PercentileChoice(low, high);
    }

    internal sealed record AutoChoice(VoiChoice Fallback) : VoiChoice
    {
        public override string ToString() => Fallback is MinMaxChoice ? "auto" : $"file VOI, else {Fallback}";
    }
    internal sealed record MinMaxChoice : VoiChoice { public override string ToString() => "minmax"; }
    internal sealed record FullRangeChoice : VoiChoice { public override string ToString() => "full"; }
    internal sealed record FileWindowChoice(int Index) : VoiChoice
    {
        public override string ToString() => $"window {Index + 1} of the file";
    }
    internal sealed record FileLutChoice(int Index) : VoiChoice
    {
        public override string ToString() => $"VOI LUT {Index + 1} of the file";
    }
    internal sealed record ExplicitWindowChoice(VoiWindow Value) : VoiChoice
    {
        public override string ToString() => Value.ToString();
    }
    internal sealed record PercentileChoice(double Low, double High) : VoiChoice
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"percentile {Low}-{High}");
    }
}
