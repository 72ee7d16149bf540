using ChestDx.Dicom.Codecs.Jpeg;
using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Dicom.Tests.Codecs.Support;

namespace ChestDx.Dicom.Tests.Codecs;

/// <summary>
/// <see cref="ScanHeaderCheck"/> refuses the scan headers libjpeg-turbo refuses (get_sos), and the unedited stream
/// passes. Each edited stream is also given to Debian's libjpeg-turbo, an independent implementation of the same
/// rules: its jpeg_read_header (run by <see cref="TurboJpegDecoder.ReadHeader"/>) stops after the first SOS, so it
/// judges the same segment.
/// </summary>
public sealed class JpegScanHeaderCheckTests
{
    // dcmtk's 3-component baseline JPEG of pydicom's conformance set (component ids 1, 2, 3; one interleaved scan).
    private static byte[] ColourStream() =>
        EncapsulatedFixture.Load(CodecFixtures.Conformance("pydicom/SC_rgb_jpeg_dcmtk.dcm")).FrameBytes(0);

    [Fact]
    public void Fixture_scan_names_its_three_frame_components()
    {
        byte[] stream = ColourStream();
        int sos = FirstSos(stream);

        Assert.Equal(3, stream[sos + 4]);
        Assert.Equal([1, 2, 3], new[] { stream[sos + 5], stream[sos + 7], stream[sos + 9] });
        MarkerSegmentCheck.ThrowIfInvalid(stream); // the unedited stream passes
    }

    [Fact]
    public void Scan_selecting_a_component_the_frame_lacks_is_refused_as_libjpeg_refuses_it()
    {
        byte[] stream = ColourStream();
        int sos = FirstSos(stream);
        stream[sos + 7] = 9; // second selector: component 9, not in the frame

        AssertRefusedByBoth(stream, $"scan header (SOS) at byte {sos} selects component 9");
    }

    [Fact]
    public void Scan_with_no_components_is_refused_as_libjpeg_refuses_it()
    {
        byte[] stream = ColourStream();
        int sos = FirstSos(stream);
        // Ns = 0 with the matching length 6: get_sos still refuses (n < 1).
        byte[] edited = [.. stream[..(sos + 2)], 0, 6, 0, 0, 63, 0, .. stream[(sos + 2 + 12)..]];

        AssertRefusedByBoth(edited, "has 0 components (T.81 B.2.3 allows 1–4)");
    }

    [Fact]
    public void Scan_whose_length_disagrees_with_its_component_count_is_refused_as_libjpeg_refuses_it()
    {
        byte[] stream = ColourStream();
        int sos = FirstSos(stream);
        stream[sos + 4] = 2; // Ns 2, length still 12 (6 + 2 × 3)

        AssertRefusedByBoth(stream, "is 12 bytes long; with 2 components it must be 10");
    }

    [Fact]
    public void Scan_before_any_frame_header_is_refused_as_libjpeg_refuses_it()
    {
        byte[] stream = ColourStream();
        int sof = FindMarker(stream, 0xC0);
        stream[sof + 1] = 0xC8; // SOF0 → JPG (reserved, skipped by both): no frame header precedes the scan

        AssertRefusedByBoth(stream, "comes before any frame header (SOF)");
    }

    [Fact]
    public void Scan_naming_a_component_twice_is_refused_as_libjpeg_turbo_refuses_it()
    {
        byte[] stream = ColourStream();
        int sos = FirstSos(stream);
        stream[sos + 7] = 1; // selectors 1, 1, 3

        AssertRefusedByBoth(stream, "selects component 1 twice");
    }

    /// <summary>ChestDx refuses the stream with <paramref name="message"/>, and so does libjpeg-turbo.</summary>
    private static void AssertRefusedByBoth(byte[] stream, string message)
    {
        var error = Assert.Throws<DicomException>(() => MarkerSegmentCheck.ThrowIfInvalid(stream));
        Assert.Contains(message, error.Message);
        AssertLibjpegTurboRefuses(stream);
    }

    private static void AssertLibjpegTurboRefuses(byte[] stream)
    {
        // CI installs libturbojpeg0 (.ci/run); without it the cross-check cannot run, and the ChestDx assertion above
        // still holds on its own.
        if (!TurboJpegDecoder.IsAvailable) return;
        var error = Assert.Throws<DicomException>(
            () => TurboJpegDecoder.ReadHeader(stream, "edited SC_rgb_jpeg_dcmtk"));
        Assert.Contains("not a JPEG libjpeg-turbo reads", error.Message);
    }

    private static int FirstSos(byte[] stream) => FindMarker(stream, 0xDA);

    private static int FindMarker(byte[] stream, byte marker)
    {
        for (int i = 0; i + 1 < stream.Length; i++)
        {
            if (stream[i] == 0xFF && stream[i + 1] == marker) return i;
        }
        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }
}
