using ChestDx.Dicom.Parsing;

namespace ChestDx.Dicom;

/// <summary>
/// Reads DICOM Part 10 files and bare data sets. Stateless and thread-safe: each call creates the per-file core
/// that holds the parse state (ImageSharp's decoder/decoder-core split). Only <see cref="DicomException"/> escapes
/// for bad input, with the file, tag and offset in its message.
/// </summary>
public static class DicomReader
{
    /// <summary>
    /// First read size of a header scan; doubled until the header fits. Most CR/DX headers are 2–20 KB.
    /// </summary>
    private const int HeaderScanChunk = 64 * 1024;

    /// <summary>Reads the whole file.</summary>
    public static DicomFile ReadFile(string path, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = ReadAllBytes(path, limit: null, out _);
        return Read(bytes, options, path);
    }

    /// <summary>Reads a file already in memory; <paramref name="sourceName"/> names it in messages.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReaderOptions? options = null,
        string? sourceName = null)
    {
        options ??= DicomReaderOptions.Default;
        try
        {
            return new DicomReaderCore(sourceName, options, bytes, bufferIsWholeFile: true).Read();
        }
        catch (NeedMoreDataException e)
        {
            // Cannot happen with a whole buffer; guard the invariant with a clear error rather than a leak.
            throw new DicomException(
                $"{sourceName ?? "<memory>"}: internal error: partial-buffer signal on a whole file", e)
                { FilePath = sourceName };
        }
    }

    /// <summary>
    /// A fast header scan: stops before Pixel Data (and everything after it) and reads from disk only the prefix
    /// the header needs, so scanning an archive of 30 MB radiographs costs kilobytes per file. Deflated files are
    /// read whole (their header is compressed with the pixels).
    /// </summary>
    public static DicomFile ReadHeader(string path, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options = (options ?? DicomReaderOptions.Default) with { StopBeforePixels = true };
        int chunk = HeaderScanChunk;
        while (true)
        {
            byte[] prefix = ReadAllBytes(path, chunk, out bool whole);
            try
            {
                return new DicomReaderCore(path, options, prefix, whole).Read();
            }
            catch (NeedMoreDataException)
            {
                chunk = chunk >= Array.MaxLength / 4 ? Array.MaxLength : chunk * 4;
            }
        }
    }

    private static byte[] ReadAllBytes(string path, int? limit, out bool whole)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
                FileOptions.SequentialScan);
            long length = stream.Length;
            if (length > Array.MaxLength)
                throw new DicomException(
                    $"{path}: file of {length} bytes is larger than the {Array.MaxLength} bytes a reader buffer holds")
                    { FilePath = path };
            int size = (int)Math.Min(length, limit ?? length);
            whole = size == length;
            byte[] buffer = GC.AllocateUninitializedArray<byte>(size);
            stream.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "file not found"
                : $"cannot read the file: {e.Message}";
            throw new DicomException($"{path}: {problem}", e) { FilePath = path };
        }
    }
}
