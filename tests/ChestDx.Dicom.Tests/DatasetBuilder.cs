using System.Text;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Tests;

/// <summary>
/// Writes small Explicit VR Little Endian Part 10 files for tests that need a specific attribute combination.
/// </summary>
internal sealed class DatasetBuilder
{
    private readonly List<(uint Tag, byte[] Bytes)> _elements = [];

    public DatasetBuilder Text(DicomTag tag, string vr, string value)
    {
        byte[] v = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + (vr == "UI" ? "\0" : " "));
        return Add(tag, vr, v);
    }

    public DatasetBuilder US(DicomTag tag, params ushort[] values) =>
        Add(tag, "US", [.. values.SelectMany(BitConverter.GetBytes)]);

    public DatasetBuilder Sequence(DicomTag tag, params DatasetBuilder[] items)
    {
        var bytes = new List<byte>();
        foreach (DatasetBuilder item in items)
        {
            byte[] body = item.Body();
            bytes.AddRange([0xFE, 0xFF, 0x00, 0xE0, .. BitConverter.GetBytes(body.Length)]);
            bytes.AddRange(body);
        }
        return Add(tag, "SQ", [.. bytes]);
    }

    public DatasetBuilder Add(DicomTag tag, string vr, byte[] value)
    {
        var header = new List<byte>();
        header.AddRange(BitConverter.GetBytes(tag.Group));
        header.AddRange(BitConverter.GetBytes(tag.Element));
        header.AddRange(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT" or "OD" or "OF" or "OL" or "OV" or "UC" or "UR" or "SV" or "UV")
            header.AddRange([0, 0, .. BitConverter.GetBytes(value.Length)]);
        else
            header.AddRange(BitConverter.GetBytes((ushort)value.Length));
        _elements.RemoveAll(e => e.Tag == tag.Value);
        _elements.Add((tag.Value, [.. header, .. value]));
        return this;
    }

    /// <summary>A 64×64 16-bit MONOCHROME2 image of zeros, for tests that need pixels.</summary>
    public DatasetBuilder Pixels16(ushort rows = 4, ushort columns = 4, ushort frames = 1)
    {
        US(DicomTags.SamplesPerPixel, 1).Text(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2")
            .US(DicomTags.Rows, rows).US(DicomTags.Columns, columns)
            .US(DicomTags.BitsAllocated, 16).US(DicomTags.BitsStored, 12).US(DicomTags.HighBit, 11)
            .US(DicomTags.PixelRepresentation, 0);
        if (frames != 1)
            Text(DicomTags.NumberOfFrames, "IS", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        long bytes = Math.Min((long)rows * columns * frames * 2, 1 << 20);
        return Add(DicomTags.PixelData, "OW", new byte[bytes]);
    }

    public byte[] Body() => [.. _elements.OrderBy(e => e.Tag).SelectMany(e => e.Bytes)];

    public byte[] ToFile(TransferSyntax? transferSyntax = null) =>
        Parsing.DicomReaderTests.WithMeta(Body(), (transferSyntax ?? TransferSyntax.ExplicitVRLittleEndian).Uid);

    public DicomFile Read(DicomReaderOptions? options = null) => DicomReader.Read(ToFile(), options, "built.dcm");
}
