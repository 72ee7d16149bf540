namespace ChestDx.Dicom.Data;

/// <summary>
/// One transfer syntax (PS3.5 §10, PS3.6 Table A-1): how a data set is encoded (VR explicit or implicit, byte order,
/// deflate), whether Pixel Data is native or encapsulated, whether its compression may be lossy, and which ChestDx
/// codec decodes it. Every syntax ChestDx knows is one static member of this type (<c>TransferSyntax.Registry.cs</c>,
/// the only place a transfer syntax UID is spelled); codecs name the members they decode. Modelled on fo-dicom's
/// DicomTransferSyntax. Names follow PS3.6 Table A-1 so error messages say what a user can look up.
/// </summary>
public sealed partial record TransferSyntax
{
    private TransferSyntax(string uid, string name)
    {
        Uid = uid;
        Name = name;
    }

    public string Uid { get; }

    public string Name { get; }

    /// <summary>Data elements carry their VR (PS3.5 §7.1.2); false for Implicit VR Little Endian only.</summary>
    public bool IsExplicitVR { get; private init; } = true;

    /// <summary>Binary values are big endian (PS3.5 §7.3); true for the retired Explicit VR Big Endian only.</summary>
    public bool IsBigEndian { get; private init; }

    /// <summary>The data set after the file meta information is deflated (PS3.5 §A.5).</summary>
    public bool IsDeflated { get; private init; }

    /// <summary>Pixel Data is a sequence of fragments (PS3.5 §A.4), not native values.</summary>
    public bool IsEncapsulated { get; private init; }

    /// <summary>
    /// The syntax allows lossy compression (PS3.5 §8.2): true for lossy-or-lossless syntaxes such as JPEG 2000
    /// (.91) too, false for lossless-only and native ones. What a given file went through is (0028,2110).
    /// </summary>
    public bool IsLossy { get; private init; }

    /// <summary>Retired from the standard (PS3.6 Table A-1) but still met in archives; its name says so.</summary>
    public bool IsRetired { get; private init; }

    /// <summary>The codec that decodes this syntax's Pixel Data; <see cref="PixelCodec.None"/> for native syntaxes
    /// and for those ChestDx has no decoder for.</summary>
    public PixelCodec Codec { get; private init; }

    /// <summary>
    /// The syntax for <paramref name="uid"/>; an unknown UID is assumed to be an encapsulated Explicit VR LE syntax
    /// (PS3.5 §10.1: every syntax defined after the first three is explicit VR little endian), named "unknown".
    /// </summary>
    public static TransferSyntax Lookup(string uid) =>
        ByUid.TryGetValue(uid, out TransferSyntax? ts) ? ts
            : new TransferSyntax(uid, "unknown transfer syntax") { IsEncapsulated = true };

    /// <summary>The syntaxes <paramref name="codec"/> decodes, in registry order (what each codec declares).</summary>
    public static IReadOnlyList<TransferSyntax> DecodedBy(PixelCodec codec) =>
        codec == PixelCodec.None ? [] : [.. All.Where(ts => ts.Codec == codec)];

    /// <summary>
    /// This syntax with the VR encoding and byte order the data set actually has: a file that contradicts its
    /// declared syntax is read as what it is, with a warning (<c>Parsing/DicomReaderCore</c>).
    /// </summary>
    internal TransferSyntax WithEncoding(bool explicitVR, bool bigEndian) =>
        this with { IsExplicitVR = explicitVR, IsBigEndian = bigEndian };

    /// <summary>"UID (Name)", the form every message about a syntax uses.</summary>
    public string Describe() => $"{Uid} ({Name})";

    public override string ToString() => Describe();

    private static TransferSyntax Native(string uid, string name, bool explicitVR = true, bool bigEndian = false,
        bool deflated = false, bool retired = false) =>
        new(uid, name)
        {
            IsExplicitVR = explicitVR, IsBigEndian = bigEndian, IsDeflated = deflated, IsRetired = retired,
        };

    /// <summary>PS3.5 §A.4: every encapsulated syntax is Explicit VR Little Endian.</summary>
    private static TransferSyntax Encapsulated(string uid, string name, bool lossy = false, bool retired = false,
        PixelCodec codec = PixelCodec.None) =>
        new(uid, name) { IsEncapsulated = true, IsLossy = lossy, IsRetired = retired, Codec = codec };
}
