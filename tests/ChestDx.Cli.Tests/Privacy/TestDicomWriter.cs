using System.Text;

namespace ChestDx.Cli.Tests.Privacy;

/// <summary>
/// Writes minimal DICOM Part 10 files (PS3.10 §7.1: 128-byte preamble, "DICM", File Meta group; Explicit VR Little
/// Endian dataset, PS3.5 §7.1.2) holding whatever header text a test plants, and a 16-bit MONOCHROME2 gradient.
/// Elements are written in ascending tag order as PS3.5 §7.1 requires; values are padded to even length with a
/// space (a NUL for UI, PS3.5 §6.2).
/// </summary>
internal sealed class TestDicomWriter
{
    private const string DigitalXRay = "1.2.840.10008.5.1.4.1.1.1.1";
    private const string ExplicitLittle = "1.2.840.10008.1.2.1";
    private readonly SortedDictionary<uint, (string Vr, byte[] Value)> _elements = [];

    public TestDicomWriter Text(ushort group, ushort element, string vr, string value)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, vr == "UI" ? (byte)0 : (byte)' '];
        _elements[((uint)group << 16) | element] = (vr, bytes);
        return this;
    }

    public TestDicomWriter UShort(ushort group, ushort element, ushort value)
    {
        _elements[((uint)group << 16) | element] = ("US", BitConverter.GetBytes(value));
        return this;
    }

    /// <summary>A <paramref name="rows"/>×<paramref name="columns"/>
    /// 12-bit MONOCHROME2 image: a diagonal gradient, so the image is not uniform.</summary>
    public TestDicomWriter Gradient(ushort rows, ushort columns)
    {
        UShort(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .UShort(0x0028, 0x0010, rows).UShort(0x0028, 0x0011, columns)
            .UShort(0x0028, 0x0100, 16).UShort(0x0028, 0x0101, 12).UShort(0x0028, 0x0102, 11).UShort(0x0028, 0x0103, 0);
        var pixels = new byte[rows * columns * 2];
        for (int y = 0; y < rows; y++)
        for (int x = 0; x < columns; x++)
            BitConverter.TryWriteBytes(pixels.AsSpan((y * columns + x) * 2),
                (ushort)((x + y) * 4095 / (rows + columns - 2)));
        _elements[0x7FE00010] = ("OW", pixels);
        return this;
    }

    public byte[] ToBytes()
    {
        string sopInstance = _elements.TryGetValue(0x00080018, out var uid)
            ? Encoding.ASCII.GetString(uid.Value).TrimEnd('\0')
            : "1.2.3.4";
        var meta = new MemoryStream();
        WriteElement(meta, 0x00020001, "OB", [0, 1]);
        WriteElement(meta, 0x00020002, "UI", Even(DigitalXRay, 0));
        WriteElement(meta, 0x00020003, "UI", Even(sopInstance, 0));
        WriteElement(meta, 0x00020010, "UI", Even(ExplicitLittle, 0));

        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        WriteElement(file, 0x00020000, "UL", BitConverter.GetBytes((uint)meta.Length));
        meta.WriteTo(file);
        if (!_elements.ContainsKey(0x00080016)) Text(0x0008, 0x0016, "UI", DigitalXRay);
        foreach ((uint tag, (string vr, byte[] value)) in _elements) WriteElement(file, tag, vr, value);
        return file.ToArray();
    }

    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, ToBytes());
    }

    private static byte[] Even(string text, byte pad)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        return bytes.Length % 2 == 0 ? bytes : [.. bytes, pad];
    }

    /// <summary>PS3.5 §7.1.2: OB, OW, SQ, UN, UT…
    /// have two reserved bytes and a 32-bit length; the others a 16-bit length.</summary>
    private static void WriteElement(Stream s, uint tag, string vr, byte[] value)
    {
        s.Write(BitConverter.GetBytes((ushort)(tag >> 16)));
        s.Write(BitConverter.GetBytes((ushort)tag));
        s.Write(Encoding.ASCII.GetBytes(vr));
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT" or "UC" or "UR")
        {
            s.Write([0, 0]);
            s.Write(BitConverter.GetBytes((uint)value.Length));
        }
        else
        {
            s.Write(BitConverter.GetBytes((ushort)value.Length));
        }
        s.Write(value);
    }
}
