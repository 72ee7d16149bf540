using ChestDx.Onnx.Protobuf;

namespace ChestDx.Onnx.Tests.Protobuf;

/// <summary>The wire format against the examples of the protocol buffers encoding guide (protobuf.dev "Encoding").
/// </summary>
public sealed class ProtoWriterTests
{
    [Fact]
    public void Int_field_1_with_value_150_is_08_96_01_as_in_the_encoding_guide()
    {
        var w = new ProtoWriter();
        w.WriteInt64(1, 150);
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, w.ToArray());
    }

    [Fact]
    public void String_field_2_testing_is_12_07_and_the_bytes_as_in_the_encoding_guide()
    {
        var w = new ProtoWriter();
        w.WriteString(2, "testing");
        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67 }, w.ToArray());
    }

    [Fact]
    public void Nested_message_field_3_is_length_prefixed_as_in_the_encoding_guide()
    {
        // The guide's Test3 { Test1 c = 3; } with c.a = 150: 1a 03 08 96 01.
        var w = new ProtoWriter();
        w.WriteMessage(3, inner => inner.WriteInt64(1, 150));
        Assert.Equal(new byte[] { 0x1a, 0x03, 0x08, 0x96, 0x01 }, w.ToArray());
    }

    [Fact]
    public void Negative_int64_takes_ten_bytes_and_float_is_fixed32_little_endian()
    {
        var w = new ProtoWriter();
        w.WriteInt64(1, -1);
        w.WriteFloat(2, 1f);
        Assert.Equal(new byte[]
        {
            0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x15, 0x00, 0x00, 0x80, 0x3f,
        }, w.ToArray());
    }
}
