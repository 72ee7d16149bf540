using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.Rle;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Pixels;

/// <summary>
/// Row reading (issue 11: bounded memory) gives what whole-frame decoding gives, which the conformance tests check
/// against dcmtk and GDCM: the same samples row by row, and the same rendering.
/// </summary>
public sealed class RowReadingTests
{
    public static TheoryData<string, bool> SampleFiles() => new()
    {
        { "conformance/pydicom/MR_small.dcm", true },            // native 16-bit signed
        { "conformance/pydicom/MR_small_RLE.dcm", true },        // RLE, two byte planes
        { "conformance/pydicom/MR_small_bigendian.dcm", true },  // big-endian words
        { "conformance/pydicom/CT_small.dcm", true },            // rescale slope/intercept
        { "conformance/pydicom-data/emri_small_RLE.dcm", true }, // multi-frame RLE
        { "conformance/pydicom-data/OBXXXX1A_rle.dcm", true },  // 8-bit RLE (PALETTE COLOR: samples only, not rendered)
        { "real-cxr/nih_gcp_1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888.dcm", true },
    };

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Rows_are_the_samples_of_the_whole_frame(string relative, bool streams)
    {
        DicomPixelData pixels = DicomReader.ReadFile(TestFiles.Path_(relative)).GetPixelData();
        for (int f = 0; f < Math.Min(3, pixels.FrameCount); f++)
        {
            int[] whole = pixels.DecodeSamples(f);
            FrameRowReader rows = pixels.OpenRows(f);
            Assert.Equal(streams, rows.StreamsRows);
            var row = new int[pixels.Layout.Columns];
            for (int pass = 0; pass < 2; pass++, rows.Reset())
                for (int y = 0; y < pixels.Layout.Rows; y++)
                {
                    rows.ReadRow(row);
                    Assert.True(whole.AsSpan(y * row.Length, row.Length).SequenceEqual(row),
                        $"frame {f} row {y} (pass {pass + 1})");
                }
        }
    }

    public static TheoryData<string> RenderedFiles() =>
        [.. SampleFiles().Select(row => (string)row[0]).Where(f => !f.Contains("OBXXXX1A", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(RenderedFiles))]
    public void Rendering_by_rows_equals_rendering_the_whole_frame(string relative)
    {
        DicomFile file = DicomReader.ReadFile(TestFiles.Path_(relative));
        foreach (VoiChoice voi in new[]
                 {
                     VoiChoice.FileElse(VoiChoice.Percentile(0.5, 99.5)), VoiChoice.Percentile(1, 99), VoiChoice.MinMax,
                     VoiChoice.FullRange,
                 })
        {
            var options = new GreyscaleRenderOptions { OutputBits = 16, Voi = voi };
            GreyImage whole = GreyscaleRenderer.Render(file, options);
            var rendered = new List<ushort>();
            GreyImage streamed =
                GreyscaleRenderer.RenderRows(file, options, 0, row => rendered.AddRange(row.ToArray()));
            Assert.Equal(whole.Pixels16, rendered.ToArray());
            Assert.Equal(whole.Voi, streamed.Voi);
            Assert.Equal(whole.Notes, streamed.Notes);
            Assert.Equal(whole.InvertedMonochrome1, streamed.InvertedMonochrome1);
        }
    }

    [Fact]
    public void Rle_runs_that_cross_rows_and_a_padded_last_run_decode_as_the_whole_frame_decoder_does()
    {
        // PS3.5 G.3.1 asks encoders to end runs at row ends; this frame does not: 5 × 7 pixels of 16 bits in two
        // planes encoded as long runs and literals crossing rows, the last run padded past the plane.
        var frame = new FrameInfo(5, 7, 1, 16, 16, 0, "MONOCHROME2", 0);
        // 20 + 10 + 128 (35 used)
        byte[] high = [unchecked((byte)-19), 0x12, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, unchecked((byte)-127), 0x34];
        // 16 + no-op + 19
        byte[] low = [15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80, unchecked((byte)-18), 0x56];
        var compressed = new byte[64 + high.Length + low.Length];
        BitConverter.GetBytes(2u).CopyTo(compressed, 0);
        BitConverter.GetBytes(64u).CopyTo(compressed, 4);
        BitConverter.GetBytes((uint)(64 + high.Length)).CopyTo(compressed, 8);
        high.CopyTo(compressed, 64);
        low.CopyTo(compressed, 64 + high.Length);

        var expected = new byte[frame.FrameLength];
        new RleDecoder().Decode(compressed, frame, expected);
        var reader = new RleRowReader(compressed, frame);
        var row = new byte[reader.RowLength];
        for (int y = 0; y < frame.Rows; y++)
        {
            reader.ReadRow(row);
            Assert.Equal(expected.AsSpan(y * row.Length, row.Length).ToArray(), row);
        }
    }

    [Fact]
    public void A_short_rle_segment_is_reported_with_its_decoded_length_when_its_row_is_read()
    {
        var frame = new FrameInfo(4, 4, 1, 8, 8, 0, "MONOCHROME2", 0);
        var compressed = new byte[64 + 2];
        BitConverter.GetBytes(1u).CopyTo(compressed, 0);
        BitConverter.GetBytes(64u).CopyTo(compressed, 4);
        compressed[64] = unchecked((byte)-5); // 6 zeros: a row and a half of the 16 the plane needs
        var reader = new RleRowReader(compressed, frame);
        var row = new byte[4];
        reader.ReadRow(row);
        DicomException e = Assert.Throws<DicomException>(() => reader.ReadRow(row));
        Assert.Contains("RLE segment 0 decodes to 6 bytes; the frame needs 16", e.Message);
    }
}
