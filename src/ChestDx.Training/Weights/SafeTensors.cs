using System.Buffers.Binary;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// The safetensors format (huggingface/safetensors, docs "Format"): an 8-byte little-endian header length N, N bytes
/// of UTF-8 JSON mapping each name to {dtype, shape, data_offsets [begin, end)} relative to the data section (plus an
/// optional "__metadata__" string map), then the raw little-endian tensor bytes. Reading checks every offset against
/// the file, so a truncated download fails with a message instead of loading garbage.
/// </summary>
public static class SafeTensors
{
    private const string MetadataKey = "__metadata__";

    // A header larger than this is not a weight file (the spec caps it at 100 MB).
    private const long MaxHeaderBytes = 100_000_000;

    public static StateDict Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Read(stream, path);
    }

    /// <param name="name">What error messages call the stream (its file path).</param>
    public static StateDict Read(Stream stream, string name)
    {
        long length = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (length < 8 || stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
            throw ChestDxException.ForFile(name, "not a safetensors file: shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > length - 8)
            throw ChestDxException.ForFile(name, $"not a safetensors file: header length {headerLength} does not fit the {length}-byte file");

        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = length - dataStart;

        var dict = new StateDict();
        try
        {
            using JsonDocument doc = ParseHeader(header, name);
            foreach (JsonProperty entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == MetadataKey)
                {
                    foreach (JsonProperty m in entry.Value.EnumerateObject())
                        dict.Metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText();
                    continue;
                }
                (ScalarType dtype, long[] shape, long begin, long end) = ParseEntry(entry, name);
                long elements = shape.Aggregate(1L, (a, b) => a * b);
                long expected = elements * ElementSize(dtype);
                if (begin < 0 || end < begin || end > dataLength)
                    throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': data_offsets [{begin}, {end}) lie outside the {dataLength}-byte data section (truncated file?)");
                if (end - begin != expected)
                    throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': {end - begin} bytes for shape [{string.Join(", ", shape)}] of {DTypeName(dtype)}, expected {expected}");

                Tensor t = torch.empty(shape, dtype);
                if (expected > 0)
                {
                    stream.Position = dataStart + begin;
                    stream.ReadExactly(t.bytes);
                }
                dict.Add(entry.Name, t);
            }
        }
        catch
        {
            dict.Dispose();
            throw;
        }
        return dict;
    }

    /// <summary>Writes <paramref name="tensors"/> in the given order, atomically (temporary file, then rename).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(kv => (kv.Key, Tensor: kv.Value.detach().cpu().contiguous())).ToList();
        try
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
                foreach ((string key, Tensor t) in entries)
                {
                    long bytes = t.NumberOfElements * t.ElementSize;
                    writer.WriteStartObject(key);
                    writer.WriteString("dtype", DTypeName(t.dtype));
                    writer.WriteStartArray("shape");
                    foreach (long d in t.shape) writer.WriteNumberValue(d);
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
            foreach ((_, Tensor t) in entries)
                if (t.NumberOfElements > 0) stream.Write(t.bytes);
        }
        finally
        {
            foreach ((_, Tensor t) in entries) t.Dispose();
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

    private static (ScalarType, long[], long, long) ParseEntry(JsonProperty entry, string name)
    {
        JsonElement v = entry.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out JsonElement dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out JsonElement shapeEl) || shapeEl.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out JsonElement offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': header entry needs dtype, shape and data_offsets [begin, end]");
        string dtypeName = dtypeEl.GetString()!;
        ScalarType dtype = ParseDType(dtypeName)
            ?? throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': unsupported dtype '{dtypeName}'");
        long[] shape = shapeEl.EnumerateArray().Select(d => d.TryGetInt64(out long x) && x >= 0 ? x
            : throw ChestDxException.ForFile(name, $"tensor '{entry.Name}': shape holds '{d.GetRawText()}'")).ToArray();
        long begin = offEl[0].TryGetInt64(out long b) ? b : -1;
        long end = offEl[1].TryGetInt64(out long e) ? e : -1;
        return (dtype, shape, begin, end);
    }

    private static ScalarType? ParseDType(string name) => name switch
    {
        "F64" => ScalarType.Float64,
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    private static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors has no dtype for {dtype}"),
    };

    private static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };
}
