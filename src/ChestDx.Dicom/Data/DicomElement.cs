namespace ChestDx.Dicom.Data;

/// <summary>
/// One data element as read: its tag, its VR (from the stream, or from the small implicit-VR dictionary, or
/// <see cref="DicomVR.UN"/>), and its value: bytes, sequence items, or encapsulated fragments. Values are slices of
/// the file's buffer, not copies.
/// </summary>
public sealed class DicomElement
{
    internal DicomElement(DicomTag tag, DicomVR vr, long offset, bool bigEndian, ReadOnlyMemory<byte> value,
        IReadOnlyList<DicomDataset>? items = null, EncapsulatedFragments? fragments = null,
        bool undefinedLength = false)
    {
        Tag = tag;
        VR = vr;
        Offset = offset;
        BigEndian = bigEndian;
        Value = value;
        Items = items;
        Fragments = fragments;
        HadUndefinedLength = undefinedLength;
    }

    public DicomTag Tag { get; }

    public DicomVR VR { get; }

    /// <summary>Offset of the element's header in the file (in the inflated stream for deflated files).</summary>
    public long Offset { get; }

    /// <summary>Binary values are big endian (Explicit VR Big Endian).</summary>
    public bool BigEndian { get; }

    /// <summary>The value bytes; empty for sequences and encapsulated pixel data.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Sequence items, when the element is a sequence (SQ, or undefined-length UN per CP-246).</summary>
    public IReadOnlyList<DicomDataset>? Items { get; }

    /// <summary>Encapsulated Pixel Data fragments, when the element is (7FE0,0010) with undefined length.</summary>
    public EncapsulatedFragments? Fragments { get; }

    public bool HadUndefinedLength { get; }

    public override string ToString() => $"{Tag} {VR} " +
        (Items is not null ? $"{Items.Count} item(s)"
            : Fragments is not null ? $"{Fragments.Fragments.Count} fragment(s)"
            : $"{Value.Length} bytes");
}
