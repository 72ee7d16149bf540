using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ChestDx.Core.Models;

/// <summary>
/// The safetensors format (huggingface/safetensors, docs "Format"): an 8-byte little-endian header length N, N bytes
/// of UTF-8 JSON mapping each name to {dtype, shape, data_offsets [begin, end)} relative to the data section (plus an
/// optional "__metadata__" string map), then the raw little-endian tensor bytes. The one reader and writer of the
/// model file's container; it knows bytes, not tensors, so code without libtorch (ONNX export, calibration) can use
/// it, and Training wraps it with TorchSharp. Reading checks every offset against the file, so a truncated download
/// fails with a message instead of loading garbage.
/// </summary>
public static class SafeTensorsFile
{
    private const string MetadataKey = "__metadata__";

    // A header larger than this is not a weight file (the spec caps it at 100 MB).
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads and checks the header of <paramref name="stream"/>; tensor data stays in the stream.</summary>
    /// <param name="name">What error messages call the stream (its file path).</param>
    public static SafeTensorsHeader ReadHeader(Stream stream, string name)
    {
        long length = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (length < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw ChestDxException.ForFile(name, "not a safetensors file: shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > length - 8)
            throw ChestDxException.ForFile(name,
                $"not a safetensors file: header length {headerLength} does not fit the {length}-byte file");

        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = length - dataStart;

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using JsonDocument doc = ParseHeader(header, name);
        foreach (JsonProperty entry in doc.RootElement.EnumerateObject())
        {
            if (entry.Name == MetadataKey)
            {
                foreach (JsonProperty m in entry.Value.EnumerateObject())
                    metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String
                        ? m.Value.GetString()!
                        : m.Value.GetRawText();
                continue;
            }
            SafeTensorsEntry e = ParseEntry(entry, name);
            if (e.Begin < 0 || e.End < e.Begin || e.End > dataLength)
                throw ChestDxException.ForFile(name, $"tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}) lie "
                    + $"outside the {dataLength}-byte data section (truncated file?)");
            long expected = e.ElementCount * ElementSize(e.DType);
            if (e.End - e.Begin != expected)
                throw ChestDxException.ForFile(name, $"tensor '{e.Name}': {e.End - e.Begin} bytes for shape "
                    + $"[{string.Join(", ", e.Shape)}] of {e.DType}, expected {expected}");
            if (!names.Add(e.Name)) throw ChestDxException.ForFile(name, $"duplicate tensor name '{e.Name}'");
            entries.Add(e);
        }
        return new SafeTensorsHeader(entries, metadata, dataStart);
    }

    /// <summary>Reads the header of the file at <paramref name="path"/>.</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using FileStream stream = OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>
    /// Copies the bytes of <paramref name="entry"/> into <paramref name="destination"/> (its exact size).
    /// </summary>
    public static void ReadData(Stream stream, SafeTensorsHeader header, SafeTensorsEntry entry, Span<byte> destination)
    {
        if (destination.Length != entry.End - entry.Begin)
            throw new ArgumentException($"tensor '{entry.Name}' has {entry.End - entry.Begin} bytes, "
                + $"the destination {destination.Length}");
        if (destination.IsEmpty) return;
        stream.Position = header.DataStart + entry.Begin;
        stream.ReadExactly(destination);
    }

    /// <summary>
    /// The values of a float32 tensor (little-endian in the file, as on every platform .NET runs on here).
    /// </summary>
    public static float[] ReadFloat32(Stream stream, SafeTensorsHeader header, SafeTensorsEntry entry, string name)
    {
        if (entry.DType != SafeTensorsDType.F32)
            throw ChestDxException.ForFile(name, $"tensor '{entry.Name}' is {entry.DType}, expected F32");
        var values = new float[entry.ElementCount];
        ReadData(stream, header, entry, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);

    /// <summary>
    /// Writes a header for <paramref name="entries"/> (their Begin/End are recomputed: contiguous, in order) and then
    /// each entry's bytes through <paramref name="writeData"/>, which must write exactly the entry's byte count.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<SafeTensorsEntry> entries,
        IReadOnlyDictionary<string, string>? metadata, Action<Stream, int> writeData)
    {
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach ((string k, string v) in metadata) writer.WriteString(k, v);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (SafeTensorsEntry e in entries)
            {
                long bytes = e.ElementCount * ElementSize(e.DType);
                writer.WriteStartObject(e.Name);
                writer.WriteString("dtype", e.DType.ToString());
                writer.WriteStartArray("shape");
                foreach (long d in e.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        // Pad the header with spaces to a multiple of 8 so tensor data is aligned (as the reference writer does).
        int pad = (int)((8 - json.Length % 8) % 8);
        for (int i = 0; i < pad; i++) json.WriteByte((byte)' ');

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)json.Length);
        stream.Write(prefix);
        json.Position = 0;
        json.CopyTo(stream);
        for (int i = 0; i < entries.Count; i++)
        {
            long before = stream.CanSeek ? stream.Position : -1;
            writeData(stream, i);
            long expected = entries[i].ElementCount * ElementSize(entries[i].DType);
            if (before >= 0 && stream.Position - before != expected)
                throw new InvalidOperationException(
                    $"tensor '{entries[i].Name}': wrote {stream.Position - before} bytes, expected {expected}");
        }
    }

    /// <summary>
    /// Rewrites the file at <paramref name="path"/> atomically with <paramref name="metadata"/> in place of its
    /// metadata; the tensors are copied byte for byte.
    /// </summary>
    public static void ReplaceMetadata(string path, IReadOnlyDictionary<string, string> metadata) =>
        CopyWithMetadata(path, path, metadata);

    /// <summary>
    /// Writes <paramref name="destination"/> atomically: the tensors of <paramref name="path"/> byte for byte, with
    /// <paramref name="metadata"/> as its metadata. The destination may be the source itself.
    /// </summary>
    public static void CopyWithMetadata(string path, string destination, IReadOnlyDictionary<string, string> metadata)
    {
        // The atomic writer renames its temporary file over the path only when done; reading the old file until then
        // is safe on the platforms ChestDx runs on (the open handle keeps the old inode).
        using FileStream source = OpenRead(path);
        SafeTensorsHeader header = ReadHeader(source, path);
        IO.AtomicFile.Write(destination, target => Write(target, header.Entries, metadata, (s, i) =>
        {
            SafeTensorsEntry e = header.Entries[i];
            source.Position = header.DataStart + e.Begin;
            CopyBytes(source, s, e.End - e.Begin);
        }));
    }

    public static int ElementSize(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F64 or SafeTensorsDType.I64 => 8,
        SafeTensorsDType.F32 or SafeTensorsDType.I32 => 4,
        SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.I16 => 2,
        _ => 1,
    };

    private static void CopyBytes(Stream from, Stream to, long count)
    {
        byte[] buffer = new byte[1 << 20];
        while (count > 0)
        {
            int n = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new EndOfStreamException("safetensors data ended early");
            to.Write(buffer, 0, n);
            count -= n;
        }
    }

    private static JsonDocument ParseHeader(byte[] header, string name)
    {
        try
        {
            JsonDocument doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw ChestDxException.ForFile(name, "safetensors header is not a JSON object");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw ChestDxException.ForFile(name, $"safetensors header is not valid JSON: {e.Message}", e);
        }
    }

    private static SafeTensorsEntry ParseEntry(JsonProperty entry, string name)
    {
        JsonElement v = entry.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out JsonElement dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out JsonElement shapeEl) || shapeEl.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out JsonElement offEl) || offEl.ValueKind != JsonValueKind.Array
            || offEl.GetArrayLength() != 2)
            throw ChestDxException.ForFile(name,
                $"tensor '{entry.Name}': header entry needs dtype, shape and data_offsets [begin, end]");
        string dtypeName = dtypeEl.GetString()!;
        if (!Enum.GetNames<SafeTensorsDType>().Contains(dtypeName, StringComparer.Ordinal))
            throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': unsupported dtype '{dtypeName}'");
        var dtype = Enum.Parse<SafeTensorsDType>(dtypeName);
        long[] shape = shapeEl.EnumerateArray().Select(d => d.TryGetInt64(out long x) && x >= 0 ? x
            : throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': shape holds '{d.GetRawText()}'")).ToArray();
        long begin = offEl[0].TryGetInt64(out long b) ? b : -1;
        long end = offEl[1].TryGetInt64(out long e) ? e : -1;
        return new SafeTensorsEntry(entry.Name, dtype, shape, begin, end);
    }
}

/// <summary>The element types safetensors names (the spec's spelling is the enum member's name).</summary>
public enum SafeTensorsDType
{
    F64,
    F32,
    F16,
    BF16,
    I64,
    I32,
    I16,
    I8,
    U8,
    BOOL,
}

/// <summary>One tensor of a safetensors header: [Begin, End) are byte offsets into the data section.</summary>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>A parsed header: tensors in file order, the string metadata, and where the data section starts.</summary>
public sealed record SafeTensorsHeader(
    IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart)
{
    public SafeTensorsEntry? Find(string name) => Entries.FirstOrDefault(e => e.Name == name);
}
