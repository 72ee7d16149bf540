namespace ChestDx.Core.Labels;

/// <summary>
/// The one in-memory label encoding of the labels contract: <see cref="Positive"/> 1, <see cref="Negative"/> 0,
/// <see cref="Unknown"/> −1, one <c>sbyte</c> per class. Unknown is never read as negative: it is left out of a
/// class's metrics and masked out of training's loss. manifest.csv writes it as 1, 0 and blank; training's tensors
/// hold it as 1, 0 and NaN (<see cref="ToFloat"/>).
/// </summary>
public static class LabelValue
{
    public const sbyte Positive = 1;
    public const sbyte Negative = 0;
    public const sbyte Unknown = -1;

    /// <summary>
    /// A labels-file cell: "1"/"1.0" positive, "0"/"0.0" negative (pandas writes the ".0"), blank unknown, and
    /// CheXpert's "-1"/"-1.0" (uncertain) unknown too: an uncertain finding is neither a positive nor a negative.
    /// Null for anything else.
    /// </summary>
    public static sbyte? Parse(ReadOnlySpan<char> text) => text.Trim() switch
    {
        "1" or "1.0" => Positive,
        "0" or "0.0" => Negative,
        "" or "-1" or "-1.0" => Unknown,
        _ => null,
    };

    /// <summary>1, 0 or NaN for unknown: the encoding of training's targets and of the manifest's reader.</summary>
    public static float ToFloat(sbyte value) => value switch { Positive => 1f, Negative => 0f, _ => float.NaN };

    public static float[] ToFloats(IReadOnlyList<sbyte> values)
    {
        var result = new float[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = ToFloat(values[i]);
        return result;
    }

    /// <summary>All unknown: an image without labels.</summary>
    public static sbyte[] AllUnknown(int count)
    {
        var labels = new sbyte[count];
        Array.Fill(labels, Unknown);
        return labels;
    }
}
