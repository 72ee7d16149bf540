using ChestDx.Fuzz.Targets;

namespace ChestDx.Dicom.Tests.Fuzz;

/// <summary>The fuzz invariant itself: each way it can break is reported, so the replay tests can fail.</summary>
public sealed class FuzzInvariantTests
{
    [Fact]
    public void A_foreign_exception_escapes_the_check()
    {
        int[] empty = [];
        Assert.Throws<IndexOutOfRangeException>(() =>
            FuzzInvariant.Check<DicomException>("t", 1 << 20, () => _ = empty[Environment.ProcessorCount]));
    }

    [Fact]
    public void A_library_exception_is_returned_as_the_rejection()
    {
        DicomException? rejected =
            FuzzInvariant.Check<DicomException>("t", 1 << 20, () => throw new DicomException("bad input"));
        Assert.Equal("bad input", rejected?.Message);
    }

    [Fact]
    public void A_chestdx_runtime_error_wrapped_in_the_library_exception_breaks_the_invariant()
    {
        var e = Assert.Throws<FuzzInvariantException>(
            () => FuzzInvariant.Check<DicomException>("t", 1 << 20, WrapsIndexError));
        Assert.IsType<IndexOutOfRangeException>(e.InnerException);
        Assert.Contains("ChestDx.Dicom.Tests.Fuzz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapped_data_format_error_is_accepted()
    {
        DicomException? rejected = FuzzInvariant.Check<DicomException>("t", 1 << 20,
            () => throw new DicomException("deflate failed", new InvalidDataException("bad block")));
        Assert.NotNull(rejected);
    }

    [Fact]
    public void Allocating_past_the_bound_breaks_the_invariant()
    {
        byte[]? kept = null;
        var e = Assert.Throws<FuzzInvariantException>(
            () => FuzzInvariant.Check<DicomException>("t", 1 << 20, () => kept = new byte[4 << 20]));
        Assert.Contains("over the bound of 1048576", e.Message, StringComparison.Ordinal);
        Assert.NotNull(kept);
    }

    [Fact]
    public void Codec_prefix_round_trips_the_frame_description()
    {
        var frame = new ChestDx.Dicom.Codecs.FrameInfo(300, 257, 3, 16, 12, 1, "YBR_FULL_422", 1);
        byte[] input = [.. CodecInput.Encode(frame, dimensionsFromSof: false), 0xFF, 0xD8];
        CodecInput? parsed = CodecInput.Parse(input);
        Assert.Equal(frame, parsed?.Frame);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, parsed?.Codestream.ToArray());
    }

    private static void WrapsIndexError()
    {
        try
        {
            int[] small = new int[2];
            _ = small[Environment.ProcessorCount + 2];
        }
        catch (IndexOutOfRangeException e)
        {
            throw new DicomException("rewrapped", e);
        }
    }
}
