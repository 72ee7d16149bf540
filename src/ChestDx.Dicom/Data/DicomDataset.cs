using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace ChestDx.Dicom.Data;

/// <summary>
/// The elements of a data set or sequence item, in file order, with typed accessors. Accessors never throw for a
/// badly formatted value: they return null (the attribute is then treated as absent), which is what dcmtk and
/// pydicom do for unparsable optional attributes. Callers that need a value throw with context themselves.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements = [];
    private readonly Dictionary<DicomTag, DicomElement> _byTag = [];

    internal DicomDataset(Encoding? characterSet = null) => CharacterSet = characterSet ?? Latin1;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>
    /// Decodes text values (PS3.5 §6.1): from (0008,0005) when set, else the default repertoire (read as Latin-1, a
    /// superset of it).
    /// </summary>
    public Encoding CharacterSet { get; internal set; }

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => _byTag.ContainsKey(tag);

    public DicomElement? this[DicomTag tag] => _byTag.GetValueOrDefault(tag);

    public bool TryGet(DicomTag tag, out DicomElement element) => _byTag.TryGetValue(tag, out element!);

    /// <summary>Adds an element; returns false (and keeps the first) when the tag is already present.</summary>
    internal bool Add(DicomElement element)
    {
        if (!_byTag.TryAdd(element.Tag, element)) return false;
        _elements.Add(element);
        return true;
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The whole value as text with padding removed (trailing spaces and NULs, PS3.5 §6.2), or null.</summary>
    public string? GetString(DicomTag tag)
    {
        if (!_byTag.TryGetValue(tag, out DicomElement? e) || e.Items is not null || e.Value.IsEmpty) return null;
        string s = CharacterSet.GetString(e.Value.Span).TrimEnd(' ', '\0');
        // Leading spaces are significant only for LT/ST/UT; everywhere else they are padding.
        if (e.VR != DicomVR.LT && e.VR != DicomVR.ST && e.VR != DicomVR.UT) s = s.TrimStart(' ');
        return s.Length == 0 ? null : s;
    }

    /// <summary>The backslash-separated values of a multi-valued text element (PS3.5 §6.4), each trimmed.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        string? s = GetString(tag);
        if (s is null) return [];
        string[] parts = s.Split('\\');
        for (int i = 0; i < parts.Length; i++) parts[i] = parts[i].Trim(' ', '\0');
        return parts;
    }

    /// <summary>
    /// The numeric values of a DS/IS (decimal strings, invariant culture, exponents allowed: PS3.5 §6.2) or binary
    /// FL/FD/US/SS/UL/SL element. Values that do not parse are skipped; an element with none returns an empty array.
    /// </summary>
    public double[] GetNumbers(DicomTag tag)
    {
        if (!_byTag.TryGetValue(tag, out DicomElement? e) || e.Items is not null) return [];
        if (IsBinaryNumber(e.VR)) return ReadBinaryNumbers(e);
        var values = new List<double>();
        foreach (string part in GetStrings(tag))
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                && double.IsFinite(v))
            {
                values.Add(v);
            }
        return [.. values];
    }

    /// <summary>The first numeric value, or null (see <see cref="GetNumbers"/>).</summary>
    public double? GetNumber(DicomTag tag) => GetNumbers(tag) is [var first, ..] ? first : null;

    /// <summary>
    /// An unsigned 16-bit value (US, PS3.5 §6.2). In implicit VR the dictionary usually supplies the VR; when it
    /// does not, or the element is text (IS written where US belongs), the value is still read sensibly.
    /// </summary>
    public int? GetUInt16(DicomTag tag)
    {
        if (!_byTag.TryGetValue(tag, out DicomElement? e) || e.Items is not null) return null;
        if (e.VR.IsText)
            return GetNumber(tag) is { } d && d is >= 0 and <= ushort.MaxValue && d == Math.Floor(d) ? (int)d : null;
        if (e.Value.Length < 2) return null;
        return e.BigEndian
            ? BinaryPrimitives.ReadUInt16BigEndian(e.Value.Span)
            : BinaryPrimitives.ReadUInt16LittleEndian(e.Value.Span);
    }

    /// <summary>An IS value (or a binary integer) as an int, or null.</summary>
    public int? GetInt(DicomTag tag) =>
        GetNumber(tag) is { } d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    /// <summary>The items of a sequence, or an empty list.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) =>
        _byTag.TryGetValue(tag, out DicomElement? e) && e.Items is not null ? e.Items : [];

    private static bool IsBinaryNumber(DicomVR vr) =>
        vr == DicomVR.US || vr == DicomVR.SS || vr == DicomVR.UL || vr == DicomVR.SL
        || vr == DicomVR.FL || vr == DicomVR.FD;

    private static double[] ReadBinaryNumbers(DicomElement e)
    {
        ReadOnlySpan<byte> s = e.Value.Span;
        int size = e.VR == DicomVR.US || e.VR == DicomVR.SS ? 2 : e.VR == DicomVR.FD ? 8 : 4;
        var result = new double[s.Length / size];
        for (int i = 0; i < result.Length; i++)
        {
            ReadOnlySpan<byte> v = s.Slice(i * size, size);
            bool be = e.BigEndian;
            result[i] = e.VR switch
            {
                _ when e.VR == DicomVR.US =>
                    be ? BinaryPrimitives.ReadUInt16BigEndian(v) : BinaryPrimitives.ReadUInt16LittleEndian(v),
                _ when e.VR == DicomVR.SS =>
                    be ? BinaryPrimitives.ReadInt16BigEndian(v) : BinaryPrimitives.ReadInt16LittleEndian(v),
                _ when e.VR == DicomVR.UL =>
                    be ? BinaryPrimitives.ReadUInt32BigEndian(v) : BinaryPrimitives.ReadUInt32LittleEndian(v),
                _ when e.VR == DicomVR.SL =>
                    be ? BinaryPrimitives.ReadInt32BigEndian(v) : BinaryPrimitives.ReadInt32LittleEndian(v),
                _ when e.VR == DicomVR.FL =>
                    be ? BinaryPrimitives.ReadSingleBigEndian(v) : BinaryPrimitives.ReadSingleLittleEndian(v),
                _ => be ? BinaryPrimitives.ReadDoubleBigEndian(v) : BinaryPrimitives.ReadDoubleLittleEndian(v),
            };
        }
        return result;
    }
}
