namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// generated/*.dcm decode bit-exactly to generated/refs/*.raw (dcmtk's decoded stored values): every native
/// encoding and RLE. The JPEG-family fixtures are in <see cref="GeneratedCompressedFixtureTests"/>.
/// </summary>
public sealed class GeneratedFixtureDecodeTests
{
    public static TheoryData<string> NativeAndRle() =>
    [
        "base_u12_ele", "base_u16_ele", "base_s16_ele", "base_u8_ele", "base_u12_mono1_ele", "base_u12_rescale_ele",
        "u12_hibits_ele", "s12_nosignext_ele", "u12_ile", "u12_ebe", "u12_defl", "u12_gl", "u12_nometa_ile.raw",
        "u12_seq_undef_ile", "u12_seq_undef_ele", "sc_bmp", "u12_rle", "s16_rle", "u8_rle",
    ];

    [Theory]
    [MemberData(nameof(NativeAndRle))]
    public void Raw_frame_equals_the_dcmtk_reference(string name)
    {
        DicomFile file = DicomReader.ReadFile(TestFiles.Generated(name + ".dcm"));
        byte[] raw = file.GetPixelData().DecodeRawFrame(0);
        Assert.Equal(TestFiles.GeneratedRef(name + ".raw"), raw);
    }

    [Fact]
    public void Samples_are_masked_below_high_bit()
    {
        // u12_hibits_ele has garbage in bits 12-15 (0xA000); dcmtk masks it, pydicom 2.3 does not (PS3.5 §8.1.1: only
        // the bits up to High Bit are the value).
        int[] masked = DicomReader.ReadFile(TestFiles.Generated("u12_hibits_ele.dcm")).GetPixelData().DecodeSamples(0);
        int[] clean = DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")).GetPixelData().DecodeSamples(0);
        Assert.Equal(clean, masked);
        Assert.Equal(4095, masked.Max());
    }

    [Fact]
    public void Signed_12_bit_values_are_sign_extended()
    {
        // s12_nosignext_ele stores (v - 2048) & 0x0FFF; the true values are imgs16 = v - 2048.
        int[] samples =
            DicomReader.ReadFile(TestFiles.Generated("s12_nosignext_ele.dcm")).GetPixelData().DecodeSamples(0);
        short[] expected = ReadInt16(File.ReadAllBytes(TestFiles.Generated("imgs16.raw")));
        Assert.Equal(expected.Select(v => (int)v), samples);
        Assert.Equal(-2048, samples.Min());
    }

    [Fact]
    public void Big_endian_samples_equal_little_endian_ones()
    {
        int[] be = DicomReader.ReadFile(TestFiles.Generated("u12_ebe.dcm")).GetPixelData().DecodeSamples(0);
        int[] le = DicomReader.ReadFile(TestFiles.Generated("base_u12_ele.dcm")).GetPixelData().DecodeSamples(0);
        Assert.Equal(le, be);
    }

    private static short[] ReadInt16(byte[] bytes)
    {
        var values = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
