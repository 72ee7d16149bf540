using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.JpegLossless;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// Broken and mismatched JPEG lossless streams: a clear <see cref="DicomException"/>, never a crash or hang.
/// </summary>
public sealed class JpegLosslessMalformedTests
{
    private readonly JpegLosslessDecoder _decoder = new();
    private readonly EncapsulatedFixture _fixture =
        EncapsulatedFixture.Load(CodecFixtures.Generated("u12_jpeg_p14_sv6"));

    private byte[] Stream => _fixture.FrameBytes(0);

    private DicomException Decode(byte[] stream, FrameInfo? frame = null)
    {
        frame ??= _fixture.Frame;
        return Assert.Throws<DicomException>(() => _decoder.Decode(stream, frame, new byte[frame.FrameLength]));
    }

    [Fact]
    public void Truncated_entropy_data_is_reported_not_padded()
    {
        byte[] stream = Stream;

        var error = Decode(stream[..(stream.Length * 2 / 3)]);

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Stream_cut_inside_the_headers_is_reported()
    {
        var error = Decode(Stream[..30]);

        Assert.Contains("JPEG lossless", error.Message);
    }

    [Fact]
    public void Missing_SOI_is_reported()
    {
        byte[] stream = Stream;
        stream[1] = 0x00;

        var error = Decode(stream);

        Assert.Contains("SOI", error.Message);
    }

    [Fact]
    public void Garbage_is_reported()
    {
        byte[] garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        Decode(garbage);
    }

    [Fact]
    public void Dimensions_that_contradict_the_dataset_are_reported()
    {
        var error = Decode(Stream, _fixture.Frame with { Rows = 65 });

        Assert.Contains("Rows 65", error.Message);
    }

    [Fact]
    public void Component_count_that_contradicts_the_dataset_is_reported()
    {
        var error = Decode(Stream, _fixture.Frame with { SamplesPerPixel = 3, PhotometricInterpretation = "RGB" });

        Assert.Contains("Samples per Pixel 3", error.Message);
    }

    [Fact]
    public void Precision_above_the_container_is_reported()
    {
        // u12 fixture: dcmtk wrote SOF3 P = 16 for 12-bit data (T.81 Annex H allows P up to 16), which cannot fit an
        // 8-bit container.
        var error = Decode(Stream, _fixture.Frame with { BitsAllocated = 8, BitsStored = 8 });

        Assert.Contains("P = 16", error.Message);
    }

    [Fact]
    public void DCT_stream_is_refused_with_its_process_named()
    {
        var baseline = EncapsulatedFixture.Load(CodecFixtures.Generated("u8_jpeg_base"));

        var error = Decode(baseline.FrameBytes(0), baseline.Frame);

        Assert.Contains("SOF0 baseline DCT", error.Message);
    }

    [Fact]
    public void Trailing_pad_after_EOI_and_missing_EOI_both_decode_the_same_pixels()
    {
        byte[] stream = Stream;
        int eoi = stream.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]);
        byte[] reference = CodecFixtures.GeneratedReference("u12_jpeg_p14_sv6");
        var frame = _fixture.Frame;

        byte[] padded = new byte[frame.FrameLength], unterminated = new byte[frame.FrameLength];
        _decoder.Decode([.. stream[..(eoi + 2)], 0x00], frame, padded);
        _decoder.Decode(stream[..eoi], frame, unterminated);

        Assert.Equal(reference, padded);
        Assert.Equal(reference, unterminated);
    }

    [Theory]
    [InlineData("u12_jpeg_p14_sv6", 1)]
    [InlineData("u16_jpeg_sv1", 2)]
    public void Mutated_streams_only_ever_throw_DicomException(string name, int seed)
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Generated(name));

        CodecMutations.AssertOnlyDicomExceptions(
            _decoder, fixture.FrameBytes(0), fixture.Frame, seed, count: 3000, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Mutated_colour_streams_with_restarts_only_ever_throw_DicomException()
    {
        var fixture = EncapsulatedFixture.Load(CodecFixtures.Codec("lossless_rgb_sv5_interleaved_restart3"));

        CodecMutations.AssertOnlyDicomExceptions(
            _decoder, fixture.FrameBytes(0), fixture.Frame, seed: 3, count: 2000, TimeSpan.FromSeconds(60));
    }
}
