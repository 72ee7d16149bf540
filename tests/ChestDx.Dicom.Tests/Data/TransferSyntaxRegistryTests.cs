using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Tests.Data;

/// <summary>
/// The transfer syntax registry (<see cref="TransferSyntax"/>) against PS3.5 / PS3.6 Table A-1, and against the
/// codecs that point to it. UIDs are spelled here on purpose: the test checks the registry's data, not itself.
/// </summary>
public sealed class TransferSyntaxRegistryTests
{
    [Fact]
    public void Every_registered_uid_is_unique_and_looks_up_to_its_own_entry()
    {
        Assert.Equal(TransferSyntax.All.Count, TransferSyntax.All.Select(ts => ts.Uid).Distinct().Count());
        foreach (TransferSyntax ts in TransferSyntax.All)
        {
            Assert.Same(ts, TransferSyntax.Lookup(ts.Uid));
            Assert.StartsWith("1.2.840.10008.1.2", ts.Uid, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// PS3.5 §10: only the first four syntaxes are native; only one is implicit, one big endian, one deflated.
    /// </summary>
    [Fact]
    public void Only_the_four_native_syntaxes_are_native_and_each_differs_as_PS3_5_says()
    {
        Assert.Equal(
            ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"],
            TransferSyntax.All.Where(ts => !ts.IsEncapsulated).Select(ts => ts.Uid));
        Assert.Equal(["1.2.840.10008.1.2"], TransferSyntax.All.Where(ts => !ts.IsExplicitVR).Select(ts => ts.Uid));
        Assert.Equal(["1.2.840.10008.1.2.2"], TransferSyntax.All.Where(ts => ts.IsBigEndian).Select(ts => ts.Uid));
        Assert.Equal(["1.2.840.10008.1.2.1.99"], TransferSyntax.All.Where(ts => ts.IsDeflated).Select(ts => ts.Uid));
        Assert.All(TransferSyntax.All.Where(ts => !ts.IsEncapsulated), ts => Assert.False(ts.IsLossy));
    }

    /// <summary>PS3.5 §8.2 and PS3.6 Table A-1: which compressed syntaxes allow lossy compression.</summary>
    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50", true)]   // JPEG baseline
    [InlineData("1.2.840.10008.1.2.4.51", true)]   // JPEG extended
    [InlineData("1.2.840.10008.1.2.4.57", false)]  // JPEG lossless process 14
    [InlineData("1.2.840.10008.1.2.4.70", false)]  // JPEG lossless SV1
    [InlineData("1.2.840.10008.1.2.4.80", false)]  // JPEG-LS lossless
    [InlineData("1.2.840.10008.1.2.4.81", true)]   // JPEG-LS near-lossless
    [InlineData("1.2.840.10008.1.2.4.90", false)]  // JPEG 2000 lossless only
    [InlineData("1.2.840.10008.1.2.4.91", true)]   // JPEG 2000 lossy or lossless
    [InlineData("1.2.840.10008.1.2.4.201", false)] // HTJ2K lossless
    [InlineData("1.2.840.10008.1.2.4.203", true)]  // HTJ2K
    [InlineData("1.2.840.10008.1.2.5", false)]     // RLE
    public void Lossy_flag_follows_the_standard(string uid, bool lossy) =>
        Assert.Equal(lossy, TransferSyntax.Lookup(uid).IsLossy);

    [Fact]
    public void A_syntax_is_retired_exactly_when_its_name_says_so() =>
        Assert.All(TransferSyntax.All,
            ts => Assert.Equal(ts.IsRetired, ts.Name.EndsWith("(retired)", StringComparison.Ordinal)));

    /// <summary>The registry's Codec column and the shipped decoders say the same thing, in both directions.</summary>
    [Fact]
    public void Default_decoders_decode_exactly_the_syntaxes_whose_codec_is_named()
    {
        foreach (TransferSyntax ts in TransferSyntax.All)
        {
            bool found = FrameDecoders.Default.TryGet(ts.Uid, out IFrameDecoder decoder);
            Assert.True(found == (ts.Codec != PixelCodec.None), $"{ts}: codec {ts.Codec}, decoder found: {found}");
            if (found) Assert.Contains(ts, decoder.TransferSyntaxes);
        }
    }

    [Theory]
    [InlineData(PixelCodec.Rle, new[] { "1.2.840.10008.1.2.5" })]
    [InlineData(PixelCodec.JpegLossless, new[] { "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70" })]
    [InlineData(PixelCodec.JpegDct,
        new[] { "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.55" })]
    [InlineData(PixelCodec.JpegLs, new[] { "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" })]
    [InlineData(PixelCodec.Jpeg2000, new[] { "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" })]
    [InlineData(PixelCodec.None, new string[0])]
    public void Each_codec_decodes_the_syntaxes_it_did_before_the_registry(PixelCodec codec, string[] uids) =>
        Assert.Equal(uids, TransferSyntax.DecodedBy(codec).Select(ts => ts.Uid));

    [Fact]
    public void Unknown_uid_is_an_encapsulated_explicit_little_endian_syntax_without_codec()
    {
        TransferSyntax ts = TransferSyntax.Lookup("1.2.3.4");

        Assert.Equal("1.2.3.4 (unknown transfer syntax)", ts.Describe());
        Assert.True(ts is { IsEncapsulated: true, IsExplicitVR: true, IsBigEndian: false, IsDeflated: false });
        Assert.Equal(PixelCodec.None, ts.Codec);
        Assert.DoesNotContain(ts, TransferSyntax.All);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.201 (High-Throughput JPEG 2000 Lossless)")]
    [InlineData("1.2.840.10008.1.2.4.62", "1.2.840.10008.1.2.4.62 (JPEG Hierarchical (retired))")]
    [InlineData("1.2.840.10008.1.2.2", "1.2.840.10008.1.2.2 (Explicit VR Big Endian (retired))")]
    public void Names_in_messages_are_unchanged(string uid, string described) =>
        Assert.Equal(described, TransferSyntax.Lookup(uid).Describe());
}
