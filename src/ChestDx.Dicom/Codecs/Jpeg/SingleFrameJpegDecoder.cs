using JpegLibrary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// JpegLibrary's decoder, refusing a second frame header (SOF) while decoding. Identify refuses one, but Decode reads
/// the marker segments again and lets a later SOF replace the frame header, and the two passes can split the bytes
/// after a scan differently, so Decode may meet an SOF Identify never saw. JpegDctDecoder's checks (size, components,
/// precision, sampling factors) hold only for the header Identify returned: a replaced one divided by a zero sampling
/// factor or made JpegLibrary allocate for a frame the data set does not declare (found by fuzzing).
/// T.81 B.2.1: a non-hierarchical image is one frame. For the same reason the first SOF Decode meets must be of the
/// kind Identify read (campaign 7: an arithmetic SOF10 where an SOF0 had been checked).
/// </summary>
internal sealed class SingleFrameJpegDecoder : JpegDecoder
{
    private int _framesInDecode;
    private JpegMarker? _identifiedFrame;

    protected override bool ProcessMarkerForIdentification(
        JpegMarker marker, ref JpegReader reader, bool loadQuantizationTables)
    {
        if (IsFrameHeader(marker)) _identifiedFrame ??= marker;
        return base.ProcessMarkerForIdentification(marker, ref reader, loadQuantizationTables);
    }

    protected override bool ProcessMarkerForDecode(JpegMarker marker, ref JpegReader reader)
    {
        if (IsFrameHeader(marker))
        {
            if (++_framesInDecode > 1)
            {
                throw new DicomException($"JPEG codestream: a second frame header ({marker}"
                    + $"); a non-hierarchical JPEG image has one frame (T.81 B.2.1)");
            }
            // The frame Decode meets first must be of the kind that was checked: JpegLibrary allocates the scan
            // decoder's blocks as soon as it reads the header, before JpegDctDecoder could compare them (campaign 7:
            // SOF0 identified, SOF10 met while decoding, up to 537 MB allocated for a 64 × 64 frame).
            if (_identifiedFrame is { } identified && marker != identified)
            {
                throw new DicomException($"JPEG codestream: decoding met frame header {marker}, not the {identified} "
                    + "that was checked (the two passes read the bytes differently)");
            }
        }
        return base.ProcessMarkerForDecode(marker, ref reader);
    }

    private static bool IsFrameHeader(JpegMarker marker) =>
        marker is JpegMarker.StartOfFrame0 or JpegMarker.StartOfFrame1 or JpegMarker.StartOfFrame2
            or JpegMarker.StartOfFrame3 or JpegMarker.StartOfFrame9 or JpegMarker.StartOfFrame10;
}
