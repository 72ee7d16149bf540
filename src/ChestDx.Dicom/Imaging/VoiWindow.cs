namespace ChestDx.Dicom.Imaging;

/// <summary>
/// VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3. LINEAR is the default when the attribute is absent.
/// </summary>
public enum VoiFunction
{
    Linear,
    LinearExact,
    Sigmoid,
}

/// <summary>
/// A VOI window: center, width and function, mapping modality values to an output range. The formulas are PS3.3
/// C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT) and C.11.2.1.3.1 (SIGMOID); dcmtk's output equals the floor of
/// them (dcmtk 3.6.7 dcm2pnm +Wi/+Ww, verified against tests/data/dicom/generated/refs/render).
/// </summary>
public sealed record VoiWindow(double Center, double Width, VoiFunction Function = VoiFunction.Linear)
{
    /// <summary>
    /// Maps <paramref name="x"/> into [<paramref name="yMin"/>, <paramref name="yMax"/>] (continuous, not yet
    /// quantised).
    /// </summary>
    public double Apply(double x, double yMin, double yMax)
    {
        double c = Center, w = Width;
        switch (Function)
        {
            case VoiFunction.Linear:
                // C.11.2.1.2.1: width ≥ 1; the -0.5/-1 terms centre the ramp on integer input values.
                if (x <= c - 0.5 - (w - 1) / 2) return yMin;
                if (x > c - 0.5 + (w - 1) / 2) return yMax;
                return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
            case VoiFunction.LinearExact:
                if (x <= c - w / 2) return yMin;
                if (x > c + w / 2) return yMax;
                return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
            default:
                return (yMax - yMin) / (1 + Math.Exp(-4 * (x - c) / w)) + yMin;
        }
    }

    /// <summary>
    /// The quantised display value of <paramref name="x"/> in 0..<paramref name="yMax"/>, inverted for MONOCHROME1.
    /// LINEAR is evaluated the way dcmtk's dcmimgle does it (output = offset + x · gradient with the output range
    /// running high → low for MONOCHROME1, truncated), which is floor(y) resp. floor(yMax − y) of the formula but
    /// also agrees with dcmtk where floating point lands a hair below an integer (rendered references: 0 of 4096
    /// pixels differ, against 3 for the textbook evaluation).
    /// </summary>
    public int Output(double x, double yMax, bool invert)
    {
        if (Function == VoiFunction.Linear)
        {
            double low = invert ? yMax : 0, high = invert ? 0 : yMax;
            double w1 = Width - 1;
            if (x <= Center - 0.5 - w1 / 2) return (int)low;
            if (x > Center - 0.5 + w1 / 2) return (int)high;
            double range = high - low;
            double offset = high - ((Center - 0.5) / w1 + 0.5) * range;
            return Clamp(Math.Truncate(offset + x * (range / w1)), yMax);
        }
        double y = Apply(x, 0, yMax);
        return Clamp(Math.Floor(invert ? yMax - y : y), yMax);
    }

    internal static int Clamp(double v, double yMax) => v <= 0 ? 0 : v >= yMax ? (int)yMax : (int)v;

    /// <summary>Windows PS3.3 forbids: LINEAR needs width ≥ 1, the others width &gt; 0.</summary>
    public string? Problem => Function == VoiFunction.Linear
        ? (Width >= 1 ? null : $"window width {Width} is below 1 (PS3.3 C.11.2.1.2.1)")
        : (Width > 0 ? null : $"window width {Width} is not positive (PS3.3 C.11.2.1.3)");

    public static VoiFunction ParseFunction(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "LINEAR_EXACT" => VoiFunction.LinearExact,
        "SIGMOID" => VoiFunction.Sigmoid,
        _ => VoiFunction.Linear,
    };

    public override string ToString() => $"window C={Center:G6} W={Width:G6} {Function.ToString().ToUpperInvariant()}";
}
