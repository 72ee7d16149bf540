namespace ChestDx.Dicom.Parsing;

/// <summary>
/// The two properties of a transfer syntax that decide how element headers are laid out (PS3.5 §7.1): explicit or
/// implicit VR, and byte order. Passed explicitly to every decode, the way System.Formats.Asn1 passes its rule set.
/// </summary>
public readonly record struct DicomEncoding(bool ExplicitVR, bool BigEndian)
{
    /// <summary>
    /// PS3.5 §A.1: the default transfer syntax; also the encoding inside undefined-length UN (CP-246).
    /// </summary>
    public static readonly DicomEncoding ImplicitLittleEndian = new(false, false);

    /// <summary>PS3.5 §A.2; the file meta group is always in this encoding (PS3.10 §7.1).</summary>
    public static readonly DicomEncoding ExplicitLittleEndian = new(true, false);

    public override string ToString() =>
        (ExplicitVR ? "explicit VR " : "implicit VR ") + (BigEndian ? "big endian" : "little endian");
}
