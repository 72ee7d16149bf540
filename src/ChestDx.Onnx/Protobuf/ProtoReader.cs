using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using static ChestDx.Onnx.Protobuf.OnnxFields;

namespace ChestDx.Onnx.Protobuf;

/// <summary>
/// Reads one float32 initializer from an ONNX file (ModelProto.graph.initializer, onnx/onnx.proto): what class
/// activation maps need from an exported graph (the classifier's weights), which ONNX Runtime does not hand out.
/// Walks the wire format (protobuf.dev "Encoding"), skipping every other field.
/// </summary>
public static class ProtoReader
{
    /// <summary>The values and dims of the initializer <paramref name="name"/>, or null when there is none.</summary>
    public static (long[] Dims, float[] Values)? FloatInitializer(byte[] model, string name)
    {
        foreach ((int field, ReadOnlyMemory<byte> graph) in Messages(model))
        {
            if (field != ModelGraph) continue;
            foreach ((int graphField, ReadOnlyMemory<byte> tensor) in Messages(graph))
                if (graphField == GraphInitializer && Tensor(tensor.Span, name) is { } found) return found;
        }
        return null;
    }

    private static (long[] Dims, float[] Values)? Tensor(ReadOnlySpan<byte> tensor, string name)
    {
        var dims = new List<long>();
        string? tensorName = null;
        byte[]? raw = null;
        var floats = new List<float>();
        int dataType = 0, at = 0;
        while (at < tensor.Length)
        {
            (int field, int wire) = Tag(tensor, ref at);
            switch (field, wire)
            {
                case (TensorDims, 0): dims.Add((long)Varint(tensor, ref at)); break;
                case (TensorDataType, 0): dataType = (int)Varint(tensor, ref at); break;
                case (TensorName, 2): tensorName = Encoding.UTF8.GetString(Bytes(tensor, ref at)); break;
                case (TensorRawData, 2): raw = Bytes(tensor, ref at).ToArray(); break;
                case (4, 2): // float_data, packed
                    floats.AddRange(MemoryMarshal.Cast<byte, float>(Bytes(tensor, ref at)).ToArray());
                    break;
                case (4, 5):
                    floats.Add(BinaryPrimitives.ReadSingleLittleEndian(tensor.Slice(at, 4)));
                    at += 4;
                    break;
                default: Skip(tensor, wire, ref at); break;
            }
        }
        if (tensorName != name || dataType != DataTypeFloat) return null;
        float[] values = raw is not null ? MemoryMarshal.Cast<byte, float>(raw).ToArray() : [.. floats];
        return ([.. dims], values);
    }

    private static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Messages(ReadOnlyMemory<byte> message)
    {
        int at = 0;
        while (at < message.Length)
        {
            (int field, int wire) = Tag(message.Span, ref at);
            if (wire == 2)
            {
                int length = (int)Varint(message.Span, ref at);
                yield return (field, message.Slice(at, length));
                at += length;
            }
            else Skip(message.Span, wire, ref at);
        }
    }

    private static (int Field, int Wire) Tag(ReadOnlySpan<byte> data, ref int at)
    {
        ulong tag = Varint(data, ref at);
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> data, ref int at)
    {
        int length = (int)Varint(data, ref at);
        ReadOnlySpan<byte> value = data.Slice(at, length);
        at += length;
        return value;
    }

    private static void Skip(ReadOnlySpan<byte> data, int wire, ref int at)
    {
        switch (wire)
        {
            case 0: Varint(data, ref at); break;
            case 1: at += 8; break;
            case 2: at += (int)Varint(data, ref at); break;
            case 5: at += 4; break;
            default: throw new InvalidDataException($"protobuf wire type {wire} at byte {at}");
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException($"protobuf varint longer than 10 bytes before byte {at}");
    }
}
