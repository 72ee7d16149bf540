using JpegLibrary;

namespace ChestDx.Dicom.Codecs.Jpeg;

/// <summary>
/// JpegLibrary's decoder, refusing a second frame header (SOF) while decoding. Identify refuses one, but Decode reads
/// the marker segments again and lets a later SOF replace the frame header, and the two passes can split the bytes
/// after a scan differently, so Decode may meet an SOF Identify never saw. JpegDctDecoder's checks (size, components,
/// precision, sampling factors) hold only for the header Identify returned: a replaced one divided by a zero sampling
/// factor or made JpegLibrary allocate for a frame the data set does not declare (found by fuzzing).
/// T.81 B.2.1: a non-hierarchical image is one frame.
/// </summary>
internal sealed class SingleFrameJpegDecoder : JpegDecoder
{
    private int _framesInDecode;

    protected override bool ProcessMarkerForDecode(JpegMarker marker, ref JpegReader reader)
    {
        bool frameHeader = marker is JpegMarker.StartOfFrame0 or JpegMarker.StartOfFrame1 or JpegMarker.StartOfFrame2
            or JpegMarker.StartOfFrame3 or JpegMarker.StartOfFrame9 or JpegMarker.StartOfFrame10;
        if (frameHeader && ++_framesInDecode > 1)
        {
            throw new DicomException($"JPEG codestream: a second frame header ({marker}"
                + $"); a non-hierarchical JPEG image has one frame (T.81 B.2.1)");
        }
        return base.ProcessMarkerForDecode(marker, ref reader);
    }
}
