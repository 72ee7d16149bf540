using ChestDx.Core.IO;
using ChestDx.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>
/// Model files as TorchSharp tensors: the container is read and written by Core's <see cref="SafeTensorsFile"/>
/// (the one reader and writer of the format); this class only turns its byte ranges into tensors and back.
/// </summary>
public static class SafeTensors
{
    public static StateDict Read(string path)
    {
        using FileStream stream = SafeTensorsFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <param name="name">What error messages call the stream (its file path).</param>
    public static StateDict Read(Stream stream, string name)
    {
        SafeTensorsHeader header = SafeTensorsFile.ReadHeader(stream, name);
        var dict = new StateDict();
        try
        {
            foreach ((string key, string value) in header.Metadata) dict.Metadata[key] = value;
            foreach (SafeTensorsEntry entry in header.Entries)
            {
                Tensor t = torch.empty(entry.Shape, ScalarTypeOf(entry.DType));
                dict.Add(entry.Name, t);
                if (entry.ElementCount > 0) SafeTensorsFile.ReadData(stream, header, entry, t.bytes);
            }
        }
        catch
        {
            dict.Dispose();
            throw;
        }
        return dict;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in the given order, atomically (temporary file, then rename).
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var entries = tensors.Select(kv => (kv.Key, Tensor: kv.Value.detach().cpu().contiguous())).ToList();
        try
        {
            var header = entries.Select(e => new SafeTensorsEntry(
                e.Key, DTypeOf(e.Tensor.dtype), e.Tensor.shape, 0, 0)).ToList();
            SafeTensorsFile.Write(stream, header, metadata, (s, i) =>
            {
                if (entries[i].Tensor.NumberOfElements > 0) s.Write(entries[i].Tensor.bytes);
            });
        }
        finally
        {
            foreach ((_, Tensor t) in entries) t.Dispose();
        }
    }

    private static ScalarType ScalarTypeOf(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F64 => ScalarType.Float64,
        SafeTensorsDType.F32 => ScalarType.Float32,
        SafeTensorsDType.F16 => ScalarType.Float16,
        SafeTensorsDType.BF16 => ScalarType.BFloat16,
        SafeTensorsDType.I64 => ScalarType.Int64,
        SafeTensorsDType.I32 => ScalarType.Int32,
        SafeTensorsDType.I16 => ScalarType.Int16,
        SafeTensorsDType.I8 => ScalarType.Int8,
        SafeTensorsDType.U8 => ScalarType.Byte,
        SafeTensorsDType.BOOL => ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    private static SafeTensorsDType DTypeOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => SafeTensorsDType.F64,
        ScalarType.Float32 => SafeTensorsDType.F32,
        ScalarType.Float16 => SafeTensorsDType.F16,
        ScalarType.BFloat16 => SafeTensorsDType.BF16,
        ScalarType.Int64 => SafeTensorsDType.I64,
        ScalarType.Int32 => SafeTensorsDType.I32,
        ScalarType.Int16 => SafeTensorsDType.I16,
        ScalarType.Int8 => SafeTensorsDType.I8,
        ScalarType.Byte => SafeTensorsDType.U8,
        ScalarType.Bool => SafeTensorsDType.BOOL,
        _ => throw new NotSupportedException($"safetensors has no dtype for {dtype}"),
    };
}
