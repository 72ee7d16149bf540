namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>Marker codes of ITU-T T.81 Table B.1 that a lossless (process 14) decoder meets or must refuse.</summary>
internal static class JpegMarker
{
    public const byte Sof0 = 0xC0, Sof1 = 0xC1, Sof2 = 0xC2, Sof3 = 0xC3;
    public const byte Dht = 0xC4;
    public const byte Sof5 = 0xC5, Sof6 = 0xC6, Sof7 = 0xC7, Jpg = 0xC8, Sof9 = 0xC9, Sof10 = 0xCA, Sof11 = 0xCB;
    public const byte Dac = 0xCC;
    public const byte Sof13 = 0xCD, Sof14 = 0xCE, Sof15 = 0xCF;
    public const byte Rst0 = 0xD0, Rst7 = 0xD7;
    public const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, Dnl = 0xDC, Dri = 0xDD, Dhp = 0xDE, Exp = 0xDF;

    /// <summary>Every start-of-frame marker (T.81 B.1.1.3: C0–CF except DHT C4, JPG C8 and DAC CC).</summary>
    public static bool IsStartOfFrame(byte marker) =>
        marker is >= Sof0 and <= Sof15 and not Dht and not Jpg and not Dac;

    /// <summary>Human-readable name of a start-of-frame marker, for "this is not lossless JPEG" errors.</summary>
    public static string FrameName(byte marker) => marker switch
    {
        Sof0 => "SOF0 baseline DCT",
        Sof1 => "SOF1 extended sequential DCT",
        Sof2 => "SOF2 progressive DCT",
        Sof3 => "SOF3 lossless",
        Sof5 => "SOF5 differential sequential DCT (hierarchical)",
        Sof6 => "SOF6 differential progressive DCT (hierarchical)",
        Sof7 => "SOF7 differential lossless (hierarchical)",
        Sof9 => "SOF9 arithmetic-coded sequential DCT",
        Sof10 => "SOF10 arithmetic-coded progressive DCT",
        Sof11 => "SOF11 arithmetic-coded lossless",
        Sof13 => "SOF13 arithmetic-coded differential sequential DCT",
        Sof14 => "SOF14 arithmetic-coded differential progressive DCT",
        Sof15 => "SOF15 arithmetic-coded differential lossless",
        _ => $"marker 0xFF{marker:X2}",
    };
}
