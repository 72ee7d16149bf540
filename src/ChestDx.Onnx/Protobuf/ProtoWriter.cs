using System.Buffers.Binary;
using System.Text;

namespace ChestDx.Onnx.Protobuf;

/// <summary>
/// The protocol buffers wire format (protobuf.dev, "Encoding"), the little of it the ONNX messages need: each field is
/// a tag varint (field number · 8 + wire type) and then a varint (type 0), 4 little-endian bytes (type 5) or a length
/// varint and that many bytes (type 2: strings, bytes, nested messages). Repeated scalars are written one tag each
/// (onnx.proto is proto2, where that is the default encoding; readers also accept it for packed fields).
/// </summary>
public sealed class ProtoWriter
{
    private const int Varint = 0, LengthDelimited = 2, Fixed32 = 5;

    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public void WriteInt64(int field, long value)
    {
        Tag(field, Varint);
        RawVarint((ulong)value); // negative int64 values take 10 bytes, as the format specifies
    }

    public void WriteFloat(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A nested message: <paramref name="write"/> fills it, then it is written length-prefixed.</summary>
    public void WriteMessage(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        Tag(field, LengthDelimited);
        RawVarint((ulong)nested._buffer.Length);
        nested._buffer.Position = 0;
        nested._buffer.CopyTo(_buffer);
    }

    public byte[] ToArray() => _buffer.ToArray();

    public void CopyTo(Stream stream)
    {
        _buffer.Position = 0;
        _buffer.CopyTo(stream);
    }

    private void Tag(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
