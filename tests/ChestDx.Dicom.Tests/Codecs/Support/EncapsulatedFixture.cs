using System.Buffers.Binary;
using System.Text;
using ChestDx.Dicom.Codecs;

namespace ChestDx.Dicom.Tests.Codecs.Support;

/// <summary>
/// TEST SCAFFOLDING ONLY, not a DICOM parser: pulls the encapsulated Pixel Data fragments and the handful of
/// image-pixel attributes the codec tests need out of a Part 10 fixture, so the codecs can be tested before (and
/// independently of) the library's real reader. It knows only what the fixtures use: preamble + file meta,
/// Explicit VR Little Endian datasets (every encapsulated transfer syntax, PS3.5 §A.4), undefined-length sequences
/// (including undefined-length UN holding Implicit VR items, CP-246) and the encapsulated layout of PS3.5 §A.4
/// (Basic Offset Table item, fragment items, sequence delimiter).
/// </summary>
internal sealed class EncapsulatedFixture
{
    private const uint PixelDataTag = 0x7FE00010, ItemTag = 0xFFFEE000, ItemDelimiterTag = 0xFFFEE00D,
        SequenceDelimiterTag = 0xFFFEE0DD;
    private const uint Undefined = 0xFFFFFFFF;

    private readonly Dictionary<uint, byte[]> _values = [];
    private readonly List<uint> _fragmentOffsets = [];

    public required string Path { get; init; }
    public required string TransferSyntaxUid { get; init; }
    public byte[] BasicOffsetTable { get; private set; } = [];
    public List<byte[]> Fragments { get; } = [];

    public static EncapsulatedFixture Load(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 132 || Encoding.ASCII.GetString(file, 128, 4) != "DICM")
            throw new InvalidDataException($"{path}: no DICM preamble");
        int position = 132;
        string? syntax = null;
        // File meta (PS3.10 §7.1): Explicit VR LE, group 0002.
        while (position + 8 <= file.Length && BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position)) == 0x0002)
        {
            (uint tag, uint length, int valueStart) = ReadExplicitHeader(file, position);
            if (tag == 0x00020010) syntax = Encoding.ASCII.GetString(file, valueStart, (int)length).TrimEnd('\0', ' ');
            position = valueStart + (int)length;
        }
        var fixture = new EncapsulatedFixture
        {
            Path = path, TransferSyntaxUid = syntax ?? throw new InvalidDataException($"{path}: no transfer syntax"),
        };
        fixture.ReadDataset(file, position);
        return fixture;
    }

    private int Int(uint tag, int fallback = 0)
    {
        if (!_values.TryGetValue(tag, out byte[]? v)) return fallback;
        // Number of Frames is IS (text); the other image-pixel attributes used here are US.
        return tag != 0x00280008
            ? BinaryPrimitives.ReadUInt16LittleEndian(v)
            : int.Parse(Encoding.ASCII.GetString(v).Trim('\0', ' '), System.Globalization.CultureInfo.InvariantCulture);
    }

    public int NumberOfFrames => Int(0x00280008, 1);

    public string PhotometricInterpretation =>
        _values.TryGetValue(0x00280004, out byte[]? v) ? Encoding.ASCII.GetString(v).Trim('\0', ' ') : "";

    public FrameInfo Frame => new(
        Rows: Int(0x00280010), Columns: Int(0x00280011), SamplesPerPixel: Int(0x00280002, 1),
        BitsAllocated: Int(0x00280100), BitsStored: Int(0x00280101), PixelRepresentation: Int(0x00280103),
        PhotometricInterpretation: PhotometricInterpretation, PlanarConfiguration: Int(0x00280006));

    /// <summary>Frame <paramref name="index"/>'s bytes: by the Basic Offset Table when there is one, else one
    /// fragment per frame (multi-frame) or all fragments joined (single frame), PS3.5 §A.4.</summary>
    public byte[] FrameBytes(int index)
    {
        if (NumberOfFrames == 1) return Fragments.SelectMany(f => f).ToArray();
        if (BasicOffsetTable.Length < 4 * NumberOfFrames) return Fragments[index];
        // BOT offsets count from the first fragment item's header, item headers included.
        uint start = BinaryPrimitives.ReadUInt32LittleEndian(BasicOffsetTable.AsSpan(4 * index));
        uint end = index + 1 < NumberOfFrames
            ? BinaryPrimitives.ReadUInt32LittleEndian(BasicOffsetTable.AsSpan(4 * index + 4))
            : uint.MaxValue;
        var frame = new List<byte>();
        for (int i = 0; i < Fragments.Count; i++)
        {
            if (_fragmentOffsets[i] >= start && _fragmentOffsets[i] < end) frame.AddRange(Fragments[i]);
        }
        return frame.ToArray();
    }

    private void ReadDataset(byte[] file, int position)
    {
        while (position + 8 <= file.Length)
        {
            (uint tag, uint length, int valueStart) = ReadExplicitHeader(file, position);
            if (tag == PixelDataTag)
            {
                if (length != Undefined) throw new InvalidDataException($"{Path}: native pixel data, not encapsulated");
                ReadFragments(file, valueStart);
                return;
            }
            if (length == Undefined)
            {
                bool implicitItems = Encoding.ASCII.GetString(file, position + 4, 2) == "UN";
                position = SkipSequence(file, valueStart, implicitItems);
                continue;
            }
            if ((tag >> 16) == 0x0028) _values[tag] = file.AsSpan(valueStart, (int)length).ToArray();
            position = valueStart + (int)length;
        }
        throw new InvalidDataException($"{Path}: no Pixel Data element");
    }

    private void ReadFragments(byte[] file, int position)
    {
        bool first = true;
        int firstFragment = -1;
        while (position + 8 <= file.Length)
        {
            uint tag = ReadTag(file, position);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4));
            if (tag == SequenceDelimiterTag) return;
            if (tag != ItemTag) throw new InvalidDataException($"{Path}: expected a fragment item at {position}");
            // A file cut short keeps what is there: the codec under test must then report the broken codestream.
            int available = (int)Math.Min(length, (uint)(file.Length - position - 8));
            byte[] value = file.AsSpan(position + 8, available).ToArray();
            if (first)
            {
                BasicOffsetTable = value;
            }
            else
            {
                if (firstFragment < 0) firstFragment = position;
                _fragmentOffsets.Add((uint)(position - firstFragment));
                Fragments.Add(value);
            }
            first = false;
            position += 8 + available;
        }
    }

    /// <summary>Skips an undefined-length sequence's items up to and including its delimiter.</summary>
    private static int SkipSequence(byte[] file, int position, bool implicitItems)
    {
        while (position + 8 <= file.Length)
        {
            uint tag = ReadTag(file, position);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4));
            position += 8;
            if (tag == SequenceDelimiterTag) return position;
            if (tag != ItemTag) throw new InvalidDataException($"unexpected tag {tag:X8} in a sequence");
            if (length != Undefined) { position += (int)length; continue; }
            while (true)
            {
                uint inner = ReadTag(file, position);
                if (inner == ItemDelimiterTag) { position += 8; break; }
                uint innerLength;
                int valueStart;
                if (implicitItems)
                {
                    innerLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4));
                    valueStart = position + 8;
                }
                else
                {
                    (_, innerLength, valueStart) = ReadExplicitHeader(file, position);
                }
                position = innerLength == Undefined
                    ? SkipSequence(file, valueStart,
                        implicitItems || Encoding.ASCII.GetString(file, position + 4, 2) == "UN")
                    : valueStart + (int)innerLength;
            }
        }
        return position;
    }

    private static uint ReadTag(byte[] file, int position) =>
        (uint)BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position)) << 16
        | BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 2));

    /// <summary>
    /// PS3.5 §7.1.2: OB OD OF OL OV OW SQ SV UC UN UR UT UV have a 4-byte length after 2 reserved bytes.
    /// </summary>
    private static (uint Tag, uint Length, int ValueStart) ReadExplicitHeader(byte[] file, int position)
    {
        uint tag = ReadTag(file, position);
        if ((tag >> 16) == 0xFFFE)
            return (tag, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 4)), position + 8);
        string vr = Encoding.ASCII.GetString(file, position + 4, 2);
        return vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT"
            or "UV"
            ? (tag, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 8)), position + 12)
            : (tag, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(position + 6)), position + 8);
    }
}
