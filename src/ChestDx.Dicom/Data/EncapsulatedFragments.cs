namespace ChestDx.Dicom.Data;

/// <summary>
/// Encapsulated Pixel Data (PS3.5 §A.4): the Basic Offset Table (first item, possibly empty) and the fragments that
/// follow it, each with its byte offset relative to the first fragment's item tag, the origin the offset tables use.
/// </summary>
public sealed class EncapsulatedFragments(
    ReadOnlyMemory<byte> basicOffsetTable, IReadOnlyList<EncapsulatedFragment> fragments)
{
    public ReadOnlyMemory<byte> BasicOffsetTable { get; } = basicOffsetTable;

    public IReadOnlyList<EncapsulatedFragment> Fragments { get; } = fragments;
}

/// <param name="Offset">
/// Offset of this fragment's item tag from the first fragment's item tag (PS3.5 §A.4 Table A.4-1).
/// </param>
public readonly record struct EncapsulatedFragment(long Offset, ReadOnlyMemory<byte> Data);
