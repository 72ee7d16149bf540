using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Numerics;
using ChestDx.Core;
using ChestDx.Imaging.Normalisation;

namespace ChestDx.Imaging.Png;

/// <summary>
/// The fast path for the PNGs chest datasets are made of: non-interlaced grey (8 or 16 bits) and grey+alpha, RGB and
/// RGBA of 8 or 16 bits (NIH ships some grey radiographs as RGBA; <see cref="GreyConversion"/>). It walks the chunks
/// (checking every CRC, PNG spec §5.3), inflates the joined IDAT data with .NET's zlib-ng ZLibStream (which also checks
/// the Adler-32 of the image data, RFC 1950 §2.2) a few scanlines at a time, un-filters them in place and sends each
/// row, converted to grey, to an <see cref="IGreyRowSink"/>: the image never exists whole, so a 12000 × 12000 RGBA
/// PNG of 1 MB on disk costs a few rows of memory, not gigabytes (issue 11). Pillow needs ~17 ms for a 1024² NIH
/// PNG, ImageSharp ~42 ms; this path is what lets ingestion beat Pillow. Everything else goes to ImageSharp.
/// Output is checked bit-exactly against ImageSharp in the tests.
/// </summary>
public static class GreyPngDecoder
{
    public static bool Supports(PngHeader header) => !header.Interlaced && header switch
    {
        { ColourType: PngColourType.Grey, BitDepth: 8 or 16 } => true,
        { ColourType: PngColourType.GreyAlpha or PngColourType.Rgb or PngColourType.Rgba, BitDepth: 8 or 16 } => true,
        _ => false,
    };

    /// <summary>Scanlines inflated per step: 32 KB for NIH's 1024-pixel rows, cache-resident.</summary>
    private const int ChunkRows = 32;

    /// <summary>Bytes <see cref="Stream"/> holds besides the file: the joined IDAT data, a chunk of scanlines,
    /// a prior row and a grey row. Each is rented from <see cref="ArrayPool{T}.Shared"/>,
    /// which hands out arrays rounded up to a power of two, so the estimate rounds the same way (an image 6 rows high
    /// and 500,000 pixels wide once held 128 MiB for a 32-row chunk it did not have;
    /// the png fuzz target found it).</summary>
    public static long WorkingBytes(PngHeader header, long fileLength)
    {
        long rowBytes = (long)header.Width * header.BitDepth / 8 * header.Channels;
        return Pooled(fileLength) + Pooled(ChunkRowsOf(header) * (rowBytes + 1)) + Pooled(rowBytes)
            + Pooled(header.Width) + Pooled(2L * header.Width) + 64 * 1024;
    }

    /// <summary>Rows inflated at a time: <see cref="ChunkRows"/>, or fewer when the image has fewer.</summary>
    private static int ChunkRowsOf(PngHeader header) => Math.Min(ChunkRows, header.Height);

    private static long Pooled(long bytes) => bytes <= 16 ? 16 : (long)BitOperations.RoundUpToPowerOf2((ulong)bytes);

    /// <summary>Decodes the whole image (tests and callers that want the samples):
    /// <see cref="Stream"/> into a buffer.</summary>
    /// <param name="notes">Receives what colour conversion did (see <see cref="GreyConversion"/>).</param>
    public static GreyBuffer Decode(ReadOnlySpan<byte> file, PngHeader header, string path,
        ICollection<string>? notes = null)
    {
        var collector = new GreyBufferCollector();
        try
        {
            Stream(file, header, path, collector, notes ?? []);
            return collector.Image!;
        }
        catch
        {
            collector.Image?.Dispose();
            throw;
        }
    }

    /// <summary>Decodes row by row into <paramref name="sink"/> (8-bit rows for 8-bit PNGs,
    /// 16-bit rows of max 65535 for 16-bit ones).</summary>
    public static unsafe void Stream(ReadOnlySpan<byte> file, PngHeader header, string path, IGreyRowSink sink,
        ICollection<string> notes)
    {
        if (!Supports(header)) throw new ArgumentException("not a PNG the fast path decodes", nameof(header));
        int bpp = header.BitDepth / 8 * header.Channels;
        int width = header.Width, rowBytes = checked(width * bpp), stride = rowBytes + 1;
        bool sixteen = header.BitDepth == 16;

        byte[] idat = ArrayPool<byte>.Shared.Rent(file.Length);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(checked(ChunkRowsOf(header) * stride));
        byte[] prior = ArrayPool<byte>.Shared.Rent(rowBytes);
        byte[] grey8 = ArrayPool<byte>.Shared.Rent(width);
        ushort[] grey16 = ArrayPool<ushort>.Shared.Rent(width);
        try
        {
            int idatLength = JoinIdat(file, idat, path);
            sink.Begin(width, header.Height, sixteen ? ushort.MaxValue : byte.MaxValue, eightBit: !sixteen);
            bool colour = false, translucent = false;
            fixed (byte* p = idat)
            {
                using var source = new UnmanagedMemoryStream(p, idatLength);
                using var zlib = new ZLibStream(source, CompressionMode.Decompress);
                long inflated = 0, expected = (long)header.Height * stride;
                for (int y0 = 0; y0 < header.Height; y0 += ChunkRows)
                {
                    int rows = Math.Min(ChunkRows, header.Height - y0);
                    Span<byte> buffer = chunk.AsSpan(0, rows * stride);
                    ReadInflated(zlib, buffer, ref inflated, expected, path);
                    for (int k = 0; k < rows; k++)
                    {
                        int y = y0 + k;
                        Span<byte> row = buffer.Slice(k * stride + 1, rowBytes);
                        ReadOnlySpan<byte> above = y == 0 ? default : k == 0 ? prior.AsSpan(0, rowBytes)
                            : buffer.Slice((k - 1) * stride + 1, rowBytes);
                        if (bpp == 1 && y > 0 && k + 1 < rows
                            && PngUnfilter.TryApplyPair(buffer[k * stride], buffer[(k + 1) * stride], row,
                                buffer.Slice((k + 1) * stride + 1, rowBytes), above))
                        {
                            sink.Row(row);
                            k++;
                            sink.Row(buffer.Slice(k * stride + 1, rowBytes));
                            continue;
                        }
                        UnfilterRow(buffer[k * stride], row, above, bpp, y, path);
                        (bool c, bool t) = EmitRow(row, header, sink, grey8.AsSpan(0, width), grey16.AsSpan(0, width));
                        colour |= c;
                        translucent |= t;
                    }
                    buffer.Slice((rows - 1) * stride + 1, rowBytes).CopyTo(prior);
                }
                EndOfImageData(zlib, path);
            }
            if (colour) notes.Add(GreyConversion.LumaNote);
            if (translucent) notes.Add(GreyConversion.AlphaNote);
        }
        catch (InvalidDataException e)
        {
            throw ChestDxException.ForFile(path, $"corrupt PNG: image data does not inflate ({e.Message})", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(idat);
            ArrayPool<byte>.Shared.Return(chunk);
            ArrayPool<byte>.Shared.Return(prior);
            ArrayPool<byte>.Shared.Return(grey8);
            ArrayPool<ushort>.Shared.Return(grey16);
        }
    }

    /// <summary>One reconstructed scanline to grey, sent to the sink. 16-bit samples are big endian (§7.1).</summary>
    private static (bool Colour, bool Translucent) EmitRow(ReadOnlySpan<byte> row, PngHeader header, IGreyRowSink sink,
        Span<byte> grey8, Span<ushort> grey16)
    {
        if (header.BitDepth == 8)
        {
            if (header.Channels == 1)
            {
                sink.Row(row);
                return (false, false);
            }
            (bool c, bool t) = GreyConversion.RowToGrey(row, header.ColourType, grey8);
            sink.Row(grey8);
            return (c, t);
        }
        if (header.Channels == 1)
        {
            for (int x = 0; x < grey16.Length; x++) grey16[x] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * x)..]);
            sink.Row(grey16);
            return (false, false);
        }
        (bool colour, bool translucent) = GreyConversion.RowToGrey16(row, header.ColourType, grey16);
        sink.Row(grey16);
        return (colour, translucent);
    }

    private static void ReadInflated(ZLibStream zlib, Span<byte> destination, ref long inflated, long expected,
        string path)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = zlib.Read(destination[total..]);
            if (n == 0)
                throw ChestDxException.ForFile(
                    path, $"truncated PNG: image data ends after {inflated + total} of {expected} bytes");
            total += n;
        }
        inflated += total;
    }

    /// <summary>Reading on to the end of the zlib stream is what makes the inflater verify the
    /// Adler-32 trailer.</summary>
    private static void EndOfImageData(ZLibStream zlib, string path)
    {
        Span<byte> probe = stackalloc byte[1];
        if (zlib.Read(probe) != 0)
            throw ChestDxException.ForFile(path, "invalid PNG: more image data than the IHDR size needs");
    }

    /// <summary>Copies the IDAT payloads, in order, into <paramref name="destination"/>;
    /// checks structure and CRCs.</summary>
    private static int JoinIdat(ReadOnlySpan<byte> file, Span<byte> destination, string path)
    {
        int offset = PngHeader.Signature.Length, written = 0;
        bool sawIdat = false, idatEnded = false;
        while (true)
        {
            if (offset + 12 > file.Length)
                throw ChestDxException.ForFile(
                    path, $"truncated PNG: file ends at byte {file.Length} before the IEND chunk");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file[offset..]);
            ReadOnlySpan<byte> type = file.Slice(offset + 4, 4);
            if (length > int.MaxValue || offset + 12L + length > file.Length)
                throw ChestDxException.ForFile(path, $"truncated PNG: chunk '{ChunkName(type)}' at byte {offset} needs "
                    + $"{length} bytes, the file ends at {file.Length}");
            ReadOnlySpan<byte> data = file.Slice(offset + 8, (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(file[(offset + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(file.Slice(offset + 4, 4 + (int)length)) != crc)
                throw ChestDxException.ForFile(
                    path, $"corrupt PNG: CRC mismatch in chunk '{ChunkName(type)}' at byte {offset}");
            if (type.SequenceEqual("IDAT"u8))
            {
                // §5.6: IDAT chunks must be consecutive.
                if (idatEnded)
                    throw ChestDxException.ForFile(
                        path, $"invalid PNG: IDAT chunks are not consecutive (byte {offset})");
                sawIdat = true;
                data.CopyTo(destination[written..]);
                written += data.Length;
            }
            else
            {
                idatEnded |= sawIdat;
                if (type.SequenceEqual("IEND"u8)) break;
                // §5.4: an unknown critical chunk (upper-case first letter) means the image cannot be shown correctly.
                if (type[0] is >= (byte)'A' and <= (byte)'Z' && !type.SequenceEqual("IHDR"u8)
                    && !type.SequenceEqual("PLTE"u8))
                    throw ChestDxException.ForFile(
                        path, $"unsupported PNG: unknown critical chunk '{ChunkName(type)}'");
            }
            offset += 12 + (int)length;
        }
        if (!sawIdat) throw ChestDxException.ForFile(path, "invalid PNG: no IDAT chunk");
        return written;
    }

    /// <summary>An empty <paramref name="prior"/> stands for the all-zero row before the first one (§9.2).</summary>
    private static void UnfilterRow(byte filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp, int y, string path)
    {
        if (prior.IsEmpty)
        {
            // With a zero prior row, Up is None, Average halves only the left neighbour and
            // Paeth predicts from the left.
            filter =
                filter switch { PngUnfilter.Up => PngUnfilter.None, PngUnfilter.Paeth => PngUnfilter.Sub, _ => filter };
            if (filter == PngUnfilter.Average)
            {
                for (int i = bpp; i < row.Length; i++) row[i] += (byte)(row[i - bpp] >> 1);
                return;
            }
            prior = row; // not read by None or Sub
        }
        if (!PngUnfilter.Apply(filter, row, prior, bpp))
            throw ChestDxException.ForFile(path, $"corrupt PNG: scanline {y} has filter type {filter} (0–4 allowed)");
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> name = stackalloc char[4];
        for (int i = 0; i < 4; i++) name[i] = type[i] is >= 32 and < 127 ? (char)type[i] : '?';
        return new string(name);
    }
}
