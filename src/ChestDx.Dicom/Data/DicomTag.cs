namespace ChestDx.Dicom.Data;

/// <summary>
/// A data element tag (group, element), PS3.5 §7.1. Ordered as the standard orders elements in a data set.
/// </summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value) { }

    /// <summary>(gggg,eeee) as one number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Odd groups other than 0001/0003/0005/0007/FFFF are private (PS3.5 §7.8.1).</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>Group length elements (gggg,0000), retired except in the meta group (PS3.5 §7.2).</summary>
    public bool IsGroupLength => Element == 0x0000;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public override string ToString() => $"({Group:X4},{Element:X4})";
}
