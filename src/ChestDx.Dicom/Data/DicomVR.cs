namespace ChestDx.Dicom.Data;

/// <summary>
/// A value representation: the two ASCII characters PS3.5 §6.2 defines. Unknown pairs are kept as read (a reader
/// meets VRs newer than itself, and broken writers) and report <see cref="IsKnown"/> = false.
/// </summary>
public readonly record struct DicomVR(byte First, byte Second)
{
    public static readonly DicomVR AE = Of("AE"), AS = Of("AS"), AT = Of("AT"), CS = Of("CS"), DA = Of("DA"),
        DS = Of("DS"), DT = Of("DT"), FD = Of("FD"), FL = Of("FL"), IS = Of("IS"), LO = Of("LO"), LT = Of("LT"),
        OB = Of("OB"), OD = Of("OD"), OF = Of("OF"), OL = Of("OL"), OV = Of("OV"), OW = Of("OW"), PN = Of("PN"),
        SH = Of("SH"), SL = Of("SL"), SQ = Of("SQ"), SS = Of("SS"), ST = Of("ST"), SV = Of("SV"), TM = Of("TM"),
        UC = Of("UC"), UI = Of("UI"), UL = Of("UL"), UN = Of("UN"), UR = Of("UR"), US = Of("US"), UT = Of("UT"),
        UV = Of("UV");

    /// <summary>
    /// Placeholder for "no VR on the wire" (items, delimiters) and implicit VR elements the dictionary does not know.
    /// </summary>
    public static readonly DicomVR None = new(0, 0);

    private static readonly HashSet<DicomVR> Known =
    [
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC,
        UI, UL, UN, UR, US, UT, UV,
    ];

    public static DicomVR Of(string code) => new((byte)code[0], (byte)code[1]);

    public bool IsKnown => Known.Contains(this);

    /// <summary>Both bytes are upper-case letters: a plausible VR even if this reader does not know it.</summary>
    public bool LooksLikeVR => First is >= (byte)'A' and <= (byte)'Z' && Second is >= (byte)'A' and <= (byte)'Z';

    /// <summary>
    /// PS3.5 §7.1.2 Table 7.1-1: these VRs have 2 reserved bytes and a 32-bit length in explicit VR; all others a
    /// 16-bit length. Unknown VRs use the 32-bit form too, as PS3.5 §6.2 (Note on future VRs) and dcmtk do.
    /// </summary>
    public bool HasLongExplicitLength =>
        !IsKnown || this == OB || this == OD || this == OF || this == OL || this == OV || this == OW || this == SQ ||
        this == SV || this == UC || this == UN || this == UR || this == UT || this == UV;

    /// <summary>Text VRs whose values are character strings (PS3.5 §6.2), trimmed of padding when read.</summary>
    public bool IsText =>
        this == AE || this == AS || this == CS || this == DA || this == DS || this == DT || this == IS || this == LO ||
        this == LT || this == PN || this == SH || this == ST || this == TM || this == UC || this == UI || this == UR ||
        this == UT;

    public override string ToString() => this == None ? "--" :
        First is >= 0x20 and < 0x7F && Second is >= 0x20 and < 0x7F
            ? $"{(char)First}{(char)Second}"
            : $"0x{First:X2}{Second:X2}";
}
