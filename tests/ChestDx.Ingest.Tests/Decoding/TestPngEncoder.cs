using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace ChestDx.Ingest.Tests.Decoding;

/// <summary>
/// A deliberately plain PNG encoder for tests (PNG spec §6–§10): any colour type and bit depth, and the filter type
/// of every scanline chosen by the caller, so the decoder meets each filter on purpose. Samples are given unpacked,
/// one int per sample, row-major, channels interleaved.
/// </summary>
internal static class TestPngEncoder
{
    public static byte[] Encode(
        int width, int height, int bitDepth, int colourType, int[] samples, Func<int, byte> filterOfRow)
    {
        int channels = colourType switch
        {
            0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new ArgumentException("colour type"),
        };
        int bitsPerPixel = channels * bitDepth;
        int rowBytes = (width * bitsPerPixel + 7) / 8;
        int bpp = Math.Max(1, bitsPerPixel / 8);
        var raw = new byte[height][];
        for (int y = 0; y < height; y++)
        {
            raw[y] = new byte[rowBytes];
            for (int x = 0; x < width * channels; x++)
            {
                int v = samples[y * width * channels + x];
                if (bitDepth == 16) BinaryPrimitives.WriteUInt16BigEndian(raw[y].AsSpan(2 * x), (ushort)v);
                else if (bitDepth == 8) raw[y][x] = (byte)v;
                else
                {
                    int bit = x * bitDepth;
                    raw[y][bit / 8] |= (byte)(v << (8 - bitDepth - bit % 8));
                }
            }
        }

        using var filtered = new MemoryStream();
        var zero = new byte[rowBytes];
        for (int y = 0; y < height; y++)
        {
            byte filter = filterOfRow(y);
            byte[] row = raw[y], prior = y == 0 ? zero : raw[y - 1];
            filtered.WriteByte(filter);
            for (int i = 0; i < rowBytes; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => Paeth(a, b, c),
                };
                filtered.WriteByte((byte)(row[i] - predictor));
            }
        }

        using var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true)) z.Write(filtered.ToArray());
        byte[] compressed = zlib.ToArray();

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colourType;
        Chunk(png, "IHDR", ihdr);
        // Several IDAT chunks, as encoders write them, to exercise joining.
        for (int off = 0; off < compressed.Length; off += 1000)
            Chunk(png, "IDAT", compressed.AsSpan(off, Math.Min(1000, compressed.Length - off)));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static void Chunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header[4..]);
        s.Write(header);
        s.Write(data);
        var crc = new Crc32();
        crc.Append(header[4..]);
        crc.Append(data);
        Span<byte> c = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(c, crc.GetCurrentHashAsUInt32());
        s.Write(c);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>
    /// Smooth gradients plus seeded noise: exercises every predictor branch and carries across bytes.
    /// </summary>
    public static int[] Pattern(int width, int height, int channels, int maxValue, int seed)
    {
        var rng = new Random(seed);
        var s = new int[width * height * channels];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    double smooth = (double)(x * (c + 1) + y * 3) / (width + height * 3) * maxValue;
                    int v = (int)smooth + rng.Next(-maxValue / 8 - 1, maxValue / 8 + 2);
                    s[(y * width + x) * channels + c] = Math.Clamp(v, 0, maxValue);
                }
        return s;
    }
}
