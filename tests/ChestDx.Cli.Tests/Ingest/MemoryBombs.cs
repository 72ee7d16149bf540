using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace ChestDx.Cli.Tests.Ingest;

/// <summary>
/// Files that are small on disk and huge decoded (issue 11): all-zero images whose encodings compress to almost
/// nothing. Written by hand from the format specifications (PNG 3rd ed. §5, §8.2 Adam7; DICOM PS3.10 §7, PS3.5 Annex G
/// and §A.4), so that no decoder under test produces its own test input.
/// </summary>
internal static class MemoryBombs
{
    /// <summary>A PNG of <paramref name="width"/> × <paramref name="height"/> zero pixels;
    /// 16-bit RGBA is 8 bytes a pixel decoded.</summary>
    public static void Png(string path, int width, int height, int bitDepth, byte colourType, bool interlaced)
    {
        int channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
        long bytesPerPixel = bitDepth / 8 * channels;
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[bytesPerPixel * width + 1]; // filter byte 0 (None) then the zero samples
            foreach ((int w, int h) in Passes(width, height, interlaced))
                for (int y = 0; y < h; y++) zlib.Write(zeros, 0, (int)(bytesPerPixel * w + 1));
        }
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = colourType;
        ihdr[12] = (byte)(interlaced ? 1 : 0);
        Chunk(file, "IHDR", ihdr);
        Chunk(file, "IDAT", idat.ToArray());
        Chunk(file, "IEND", []);
    }

    /// <summary>Adam7's seven reduced images (PNG §8.2), or the whole image.</summary>
    private static IEnumerable<(int Width, int Height)> Passes(int width, int height, bool interlaced)
    {
        if (!interlaced)
        {
            yield return (width, height);
            yield break;
        }
        (int X, int Y, int Dx, int Dy)[] adam7 =
            [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        foreach (var (x, y, dx, dy) in adam7)
        {
            int w = (width - x + dx - 1) / dx, h = (height - y + dy - 1) / dy;
            if (w > 0 && h > 0) yield return (w, h);
        }
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32.HashToUInt32(typed));
        file.Write(length);
    }

    /// <summary>
    /// An 8-bit MONOCHROME2 DICOM of zeros, RLE Lossless (PS3.5 Annex G: one segment, each row PackBits-encoded as
    /// runs of 128 zeros, byte pairs 0x81 0x00) or native Explicit VR Little Endian.
    /// </summary>
    public static void Dicom(string path, int rows, int columns, bool rle)
    {
        const string rleUid = "1.2.840.10008.1.2.5", explicitLe = "1.2.840.10008.1.2.1",
            secondaryCapture = "1.2.840.10008.5.1.4.1.1.7";
        using var file = File.Create(path);
        using var w = new BinaryWriter(file);
        w.Write(new byte[128]);
        w.Write("DICM"u8);
        var meta = new MemoryStream();
        using (var m = new BinaryWriter(meta, Encoding.ASCII, leaveOpen: true))
        {
            Element(m, 0x0002, 0x0001, "OB", [0, 1]);
            Element(m, 0x0002, 0x0002, "UI", Ui(secondaryCapture));
            Element(m, 0x0002, 0x0003, "UI", Ui($"1.2.826.0.1.3680043.2.1143.11.{(rle ? 1 : 2)}.{rows}.{columns}"));
            Element(m, 0x0002, 0x0010, "UI", Ui(rle ? rleUid : explicitLe));
        }
        Element(w, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)meta.Length));
        w.Write(meta.ToArray());
        Element(w, 0x0008, 0x0016, "UI", Ui(secondaryCapture));
        Element(w, 0x0008, 0x0018, "UI", Ui($"1.2.826.0.1.3680043.2.1143.11.{(rle ? 1 : 2)}.{rows}.{columns}"));
        Element(w, 0x0010, 0x0020, "LO", Ascii("BOMB01"));
        Element(w, 0x0028, 0x0002, "US", U16(1));
        Element(w, 0x0028, 0x0004, "CS", Ascii("MONOCHROME2"));
        Element(w, 0x0028, 0x0010, "US", U16(rows));
        Element(w, 0x0028, 0x0011, "US", U16(columns));
        Element(w, 0x0028, 0x0100, "US", U16(8));
        Element(w, 0x0028, 0x0101, "US", U16(8));
        Element(w, 0x0028, 0x0102, "US", U16(7));
        Element(w, 0x0028, 0x0103, "US", U16(0));
        if (!rle)
        {
            long length = (long)rows * columns;
            Header(w, 0x7FE0, 0x0010, "OB", (uint)(length + (length & 1)));
            var row = new byte[columns];
            for (int y = 0; y < rows; y++) w.Write(row);
            if ((length & 1) != 0) w.Write((byte)0);
            return;
        }
        // One row: runs of 128 zeros (n = −127 repeats the next byte 128 times), then the rest.
        var encodedRow = new List<byte>();
        for (int left = columns; left > 0; left -= 128)
        {
            int run = Math.Min(128, left);
            encodedRow.Add(run == 1 ? (byte)0 : (byte)(sbyte)(1 - run));
            encodedRow.Add(0);
        }
        long segment = (long)encodedRow.Count * rows;
        long fragment = 64 + segment + (segment & 1);
        Header(w, 0x7FE0, 0x0010, "OB", 0xFFFFFFFF);
        Item(w, 0); // empty Basic Offset Table
        Item(w, (uint)fragment);
        var rleHeader = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(rleHeader, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(rleHeader.AsSpan(4), 64);
        w.Write(rleHeader);
        byte[] encoded = [.. encodedRow];
        for (int y = 0; y < rows; y++) w.Write(encoded);
        if ((segment & 1) != 0) w.Write((byte)0);
        w.Write((ushort)0xFFFE);
        w.Write((ushort)0xE0DD);
        w.Write(0u);
    }

    private static byte[] Ui(string uid) => Encoding.ASCII.GetBytes(uid.Length % 2 == 0 ? uid : uid + "\0");
    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text.Length % 2 == 0 ? text : text + " ");
    private static byte[] U16(int value) => BitConverter.GetBytes((ushort)value);

    private static void Element(BinaryWriter w, ushort group, ushort element, string vr, byte[] value)
    {
        Header(w, group, element, vr, (uint)value.Length);
        w.Write(value);
    }

    /// <summary>Explicit VR Little Endian element header (PS3.5 §7.1.2):
    /// OB/OW/UN have a reserved word and a 32-bit length.</summary>
    private static void Header(BinaryWriter w, ushort group, ushort element, string vr, uint length)
    {
        w.Write(group);
        w.Write(element);
        w.Write(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "UN")
        {
            w.Write((ushort)0);
            w.Write(length);
        }
        else
        {
            w.Write((ushort)length);
        }
    }

    private static void Item(BinaryWriter w, uint length)
    {
        w.Write((ushort)0xFFFE);
        w.Write((ushort)0xE000);
        w.Write(length);
    }
}
