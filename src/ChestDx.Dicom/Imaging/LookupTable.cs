using System.Buffers.Binary;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Imaging;

/// <summary>
/// A Modality or VOI LUT from a sequence item (PS3.3 C.11.1, C.11.2): LUT Descriptor (entries, first input value
/// mapped, bits per entry) and LUT Data. Inputs below the first mapped value take the first entry, inputs past the
/// end the last (C.11.2.1.1). Descriptors in the wild are often wrong, so the reader applies dcmtk's and pydicom's
/// repairs, each reported in <see cref="Repairs"/>:
/// 0 entries means 65536 (C.11.1.1.1); entries packed 8-bit in a 16-bit OW value are unpacked; a declared depth the
/// data exceeds is raised to what the data needs (dcmtk's +Mv heuristic); a depth outside 8..16 is taken from the data.
/// </summary>
public sealed class LookupTable
{
    private readonly int[] _entries;

    private LookupTable(int[] entries, int firstMapped, int bits, string? explanation, List<string> repairs)
    {
        _entries = entries;
        FirstMapped = firstMapped;
        Bits = bits;
        Explanation = explanation;
        Repairs = repairs;
    }

    public int FirstMapped { get; }

    /// <summary>Bits per output entry, after repairs: outputs are 0..2^Bits − 1.</summary>
    public int Bits { get; }

    public int Count => _entries.Length;

    public string? Explanation { get; }

    public IReadOnlyList<string> Repairs { get; }

    public int MaxOutput => (1 << Bits) - 1;

    public int Lookup(double input)
    {
        double i = Math.Floor(input) - FirstMapped;
        if (i <= 0) return _entries[0];
        if (i >= _entries.Length - 1) return _entries[^1];
        return _entries[(int)i];
    }

    /// <summary>
    /// Reads the LUT in <paramref name="item"/>; <paramref name="signedInput"/> is true when the first mapped value
    /// is SS (Pixel Representation 1).
    /// </summary>
    public static LookupTable FromItem(DicomDataset item, bool signedInput, string what, string? path)
    {
        if (!item.TryGet(DicomTags.LutDescriptor, out DicomElement descriptor) || descriptor.Value.Length < 6)
            throw DicomThrowHelper.Create(path, $"{what} has no valid LUT Descriptor (0028,3002)",
                DicomTags.LutDescriptor);
        if (!item.TryGet(DicomTags.LutData, out DicomElement data) || data.Value.IsEmpty)
            throw DicomThrowHelper.Create(path, $"{what} has no LUT Data (0028,3006)", DicomTags.LutData);

        ReadOnlySpan<byte> d = descriptor.Value.Span;
        bool be = descriptor.BigEndian;
        int entries = Read16(d, 0, be);
        int firstRaw = Read16(d, 2, be);
        int bits = Read16(d, 4, be);
        var repairs = new List<string>();
        if (entries == 0) entries = 65536;
        int first = signedInput ? (short)firstRaw : firstRaw;

        ReadOnlySpan<byte> raw = data.Value.Span;
        int[] values = new int[entries];
        if (raw.Length >= entries * 2)
        {
            for (int i = 0; i < entries; i++) values[i] = Read16(raw, i * 2, data.BigEndian);
        }
        else if (raw.Length >= entries && bits <= 8)
        {
            // 8-bit entries packed two per 16-bit word (allowed for 8-bit LUTs in OW; pydicom handles the same).
            for (int i = 0; i < entries; i++) values[i] = raw[i];
            repairs.Add("8-bit LUT entries packed in 16-bit words unpacked");
        }
        else
        {
            throw DicomThrowHelper.Create(path, $"{what}: LUT Data holds {raw.Length} bytes for {entries} entries",
                DicomTags.LutData);
        }

        int max = values.Max();
        int needed = Math.Max(1, 32 - int.LeadingZeroCount(max));
        if (bits is < 8 or > 16)
        {
            repairs.Add($"LUT Descriptor depth {bits} is not 8..16; {Math.Max(8, needed)} bits taken from the data");
            bits = Math.Max(8, needed);
        }
        else if (needed > bits)
        {
            repairs.Add($"LUT Data exceeds the declared {bits} bits (max entry {max}); {needed} bits used (dcmtk +Mv)");
            bits = needed;
        }
        return new LookupTable(values, first, bits, item.GetString(DicomTags.LutExplanation), repairs);
    }

    private static int Read16(ReadOnlySpan<byte> s, int at, bool be) =>
        be ? BinaryPrimitives.ReadUInt16BigEndian(s[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
}
