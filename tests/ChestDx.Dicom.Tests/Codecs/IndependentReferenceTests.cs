using System.Buffers.Binary;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Codecs.JpegLs;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// Lossless JPEG-LS and JPEG 2000 files encoded from known pixel arrays by Debian's command-line encoders (dcmcjpls,
/// opj_compress; tests/data/dicom/independent/README.md): the expected decode is the source array itself, so these
/// check the decoding and not just agreement with another decoder built on the same library. Read through the public
/// reader (DicomReader → DicomPixelData.DecodeSamples), so the frame split, the codec and the sample interpretation
/// (Bits Stored, Pixel Representation) are all under test.
/// </summary>
public sealed class IndependentReferenceTests
{
    [SkippableTheory]
    [InlineData("jls_u8_67x43")]
    [InlineData("jls_u12_67x43")]
    [InlineData("jls_u16_67x43")]
    [InlineData("jls_s12_67x43")]
    [InlineData("jls_rgb8_67x43")]
    public void Jpeg_ls_lossless_decodes_to_the_source_array_encoded_by_dcmcjpls(string name)
    {
        Skip.IfNot(JpegLsDecoder.IsAvailable, "libcharls.so.2 is not installed (apt-get install libcharls2)");

        AssertDecodesToSource(name, TransferSyntax.JpegLsLossless);
    }

    [SkippableTheory]
    [InlineData("j2k_u8_67x43")]
    [InlineData("j2k_u12_67x43")]
    [InlineData("j2k_u16_67x43")]
    [InlineData("j2k_s12_67x43")]
    [InlineData("j2k_s16_67x43")]
    [InlineData("j2k_u12_67x43_tiled")]
    [InlineData("j2k_u12_67x43_2frames")]
    [InlineData("j2k_rgb8_67x43")]
    [InlineData("j2k_ybr_rct8_67x43")]
    public void Jpeg2000_lossless_decodes_to_the_source_array_encoded_by_opj_compress(string name)
    {
        Skip.IfNot(Jpeg2000Decoder.IsAvailable, "libopenjp2.so.7 is not installed (apt-get install libopenjp2-7)");

        AssertDecodesToSource(name, TransferSyntax.Jpeg2000Lossless);
    }

    private static void AssertDecodesToSource(string name, TransferSyntax transferSyntax)
    {
        DicomFile file = DicomReader.ReadFile(Path.Combine(TestFiles.Root, "independent", name + ".dcm"));
        DicomPixelData pixels = file.GetPixelData();
        var layout = pixels.Layout;
        Assert.Equal(transferSyntax.Uid, file.TransferSyntax.Uid);
        Assert.True(pixels.IsEncapsulated, $"{name}: Pixel Data should be encapsulated");

        int[] expected = SourceSamples(name, layout.BitsAllocated, layout.PixelRepresentation == 1);
        int perFrame = layout.Rows * layout.Columns * layout.SamplesPerPixel;
        Assert.Equal(expected.Length, perFrame * pixels.FrameCount);

        for (int f = 0; f < pixels.FrameCount; f++)
        {
            int[] decoded = pixels.DecodeSamples(f);
            Assert.Equal(perFrame, decoded.Length);
            int mismatches = 0, first = -1;
            for (int i = 0; i < perFrame; i++)
            {
                if (decoded[i] == expected[f * perFrame + i]) continue;
                if (first < 0) first = i;
                mismatches++;
            }
            if (mismatches == 0) continue;
            int pixel = first / layout.SamplesPerPixel;
            Assert.Fail($"{name}: frame {f}: {mismatches} of {perFrame}" +
                        $" samples differ from the source array; first at row {pixel / layout.Columns}" +
                        $", column {pixel % layout.Columns}, sample {first % layout.SamplesPerPixel}: " +
                        $"decoded {decoded[first]}, source {expected[f * perFrame + first]}");
        }
    }

    /// <summary>
    /// source/NAME.raw: the encoder's input, little endian in the Bits Allocated container, colour-by-pixel.
    /// </summary>
    private static int[] SourceSamples(string name, int bitsAllocated, bool signed)
    {
        byte[] raw = File.ReadAllBytes(Path.Combine(TestFiles.Root, "independent", "source", name + ".raw"));
        if (bitsAllocated == 8) return raw.Select(b => (int)b).ToArray();
        var samples = new int[raw.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            var bytes = raw.AsSpan(2 * i, 2);
            samples[i] = signed
                ? BinaryPrimitives.ReadInt16LittleEndian(bytes)
                : BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        }
        return samples;
    }
}
