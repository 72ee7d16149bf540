using ChestDx.Dicom.Data;
using ChestDx.Dicom.Parsing;

namespace ChestDx.Dicom.Tests.Parsing;

/// <summary>
/// Hex-string theories for the element header decoder, one concern per theory (after System.Formats.Asn1's tests).
/// </summary>
public sealed class DicomElementDecoderTests
{
    private static readonly DicomEncoding Ile = DicomEncoding.ImplicitLittleEndian;
    private static readonly DicomEncoding Ele = DicomEncoding.ExplicitLittleEndian;
    private static readonly DicomEncoding Ebe = new(ExplicitVR: true, BigEndian: true); // PS3.5 §A.3 (retired)

    [Theory]
    // description, encoding, hex, tag, VR, length, header length
    [InlineData("explicit LE short form (PS3.5 §7.1.2)", "ELE", "28001000 5553 0200", 0x00280010u, "US", 2u, 8)]
    [InlineData("explicit LE long form OB (reserved bytes, 32-bit length)", "ELE", "E07F1000 4F42 0000 00040000",
        0x7FE00010u, "OB", 1024u, 12)]
    [InlineData("explicit LE SQ undefined length", "ELE", "08003210 5351 0000 FFFFFFFF",
        0x00081032u, "SQ", 0xFFFFFFFFu, 12)]
    [InlineData("explicit LE UN long form", "ELE", "09000110 554E 0000 04000000", 0x00091001u, "UN", 4u, 12)]
    [InlineData("explicit LE UT/UC/UR/UV/SV/OV are long form (not in dicomParser's list)", "ELE",
        "08001901 5556 0000 08000000", 0x00080119u, "UV", 8u, 12)]
    [InlineData("explicit LE UC long form", "ELE", "08001901 5543 0000 08000000", 0x00080119u, "UC", 8u, 12)]
    [InlineData("explicit LE odd length accepted by the decoder", "ELE", "10001000 504E 0300",
        0x00100010u, "PN", 3u, 8)]
    [InlineData("unknown VR letters use the 32-bit form (PS3.5 §6.2)", "ELE", "09001010 5A5A 0000 02000000",
        0x00091010u, "ZZ", 2u, 12)]
    [InlineData("implicit LE tag + 32-bit length (PS3.5 §7.1.3)", "ILE", "28001000 02000000", 0x00280010u, "--", 2u, 8)]
    [InlineData("implicit LE undefined length", "ILE", "09001010 FFFFFFFF", 0x00091010u, "--", 0xFFFFFFFFu, 8)]
    [InlineData("explicit BE short form", "EBE", "00280010 5553 0002", 0x00280010u, "US", 2u, 8)]
    [InlineData("explicit BE long form", "EBE", "7FE00010 4F57 0000 00002000", 0x7FE00010u, "OW", 8192u, 12)]
    [InlineData("item tag has no VR even in explicit VR (PS3.5 §7.5)", "ELE", "FEFF00E0 0A000000",
        0xFFFEE000u, "--", 10u, 8)]
    [InlineData("item delimiter", "ELE", "FEFF0DE0 00000000", 0xFFFEE00Du, "--", 0u, 8)]
    [InlineData("sequence delimiter in big endian", "EBE", "FFFEE0DD 00000000", 0xFFFEE0DDu, "--", 0u, 8)]
    public void Decodes_header(
        string description, string encoding, string hex, uint tag, string vr, uint length, int headerLength)
    {
        Assert.False(string.IsNullOrEmpty(description));
        HeaderStatus status =
            DicomElementDecoder.TryReadHeader(Bytes(hex), Encoding(encoding), out ElementHeader header);
        Assert.Equal(HeaderStatus.Ok, status);
        Assert.Equal(new DicomTag(tag), header.Tag);
        Assert.Equal(vr, header.VR.ToString());
        Assert.Equal(length, header.Length);
        Assert.Equal(headerLength, header.HeaderLength);
    }

    [Theory]
    [InlineData("fewer than 8 bytes", "ELE", "28001000 5553 02")]
    [InlineData("long form needs 12 bytes", "ELE", "E07F1000 4F42 0000 0004")]
    [InlineData("implicit needs 8 bytes", "ILE", "28001000 0200")]
    [InlineData("empty input", "ILE", "")]
    public void Reports_need_more_data(string description, string encoding, string hex)
    {
        Assert.False(string.IsNullOrEmpty(description));
        Assert.Equal(HeaderStatus.NeedMoreData,
            DicomElementDecoder.TryReadHeader(Bytes(hex), Encoding(encoding), out _));
    }

    [Theory]
    [InlineData("implicit data in an explicit file: length bytes where the VR should be", "ELE", "28001000 02000000")]
    [InlineData("lower-case VR", "ELE", "28001000 7573 0200")]
    public void Reports_invalid_vr(string description, string encoding, string hex)
    {
        Assert.False(string.IsNullOrEmpty(description));
        Assert.Equal(HeaderStatus.InvalidVR, DicomElementDecoder.TryReadHeader(Bytes(hex), Encoding(encoding), out _));
    }

    private static DicomEncoding Encoding(string name) => name switch { "ILE" => Ile, "ELE" => Ele, _ => Ebe };

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
