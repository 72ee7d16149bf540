using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Parsing;

/// <summary>
/// The VRs implicit VR files do not carry (PS3.5 §7.1.3), for the tags ChestDx interprets and the sequences chest
/// radiographs are known to contain. Deliberately small (the attributes of PS3.6 that the pipeline reads): an
/// element not listed keeps its bytes as UN, and an unlisted defined-length element whose value starts with an Item
/// tag is read as a sequence (dicomParser's heuristic), so an unknown private sequence is still walked correctly.
/// </summary>
internal static class ImplicitVRDictionary
{
    private static readonly Dictionary<uint, DicomVR> Table = Build();

    public static DicomVR Lookup(DicomTag tag)
    {
        if (Table.TryGetValue(tag.Value, out DicomVR vr)) return vr;
        // PS3.5 §7.2: (gggg,0000) group lengths are UL in every group.
        if (tag.IsGroupLength) return DicomVR.UL;
        // PS3.5 §7.8.1: private creator elements (gggg,0010-00FF) are LO.
        if (tag.IsPrivate && tag.Element is >= 0x0010 and <= 0x00FF) return DicomVR.LO;
        return DicomVR.None;
    }

    private static Dictionary<uint, DicomVR> Build()
    {
        var t = new Dictionary<uint, DicomVR>();
        void Add(uint tag, DicomVR vr) => t[tag] = vr;

        Add(0x00020001, DicomVR.OB);
        foreach (uint tag in new uint[] { 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00080016, 0x00080018,
                                          0x0020000D, 0x0020000E, 0x00200052 })
            Add(tag, DicomVR.UI);
        foreach (uint tag in new uint[] { 0x00080005, 0x00080008, 0x00080060, 0x00080068, 0x00180015, 0x00185101,
                                          0x00200060, 0x00200062, 0x00280004, 0x00281056, 0x00282110, 0x00282114,
                                          0x20500020, 0x00100040, 0x00283004 })
            Add(tag, DicomVR.CS);
        foreach (uint tag in new uint[] { 0x00080070, 0x00080080, 0x00081090, 0x0008103E, 0x00081030, 0x00100020,
                                          0x00281054, 0x00281055, 0x00283003, 0x00080104 })
            Add(tag, DicomVR.LO);
        Add(0x00080050, DicomVR.SH); Add(0x00080100, DicomVR.SH); Add(0x00080102, DicomVR.SH);
        Add(0x00100010, DicomVR.PN);
        Add(0x00080020, DicomVR.DA); Add(0x00100030, DicomVR.DA);
        Add(0x00101010, DicomVR.AS);
        foreach (uint tag in new uint[] { 0x00280030, 0x00181164, 0x00281050, 0x00281051, 0x00281052, 0x00281053 })
            Add(tag, DicomVR.DS);
        foreach (uint tag in new uint[] { 0x00280008, 0x00200013 }) Add(tag, DicomVR.IS);
        // (0028,0106/0107/0120/0121) and (0028,3002) are US or SS by Pixel Representation (PS3.3 C.7.6.3.1); they are
        // read as raw 16-bit words and interpreted with the Pixel Representation by the pipeline.
        foreach (uint tag in new uint[] { 0x00280002, 0x00280006, 0x00280010, 0x00280011, 0x00280100, 0x00280101,
                                          0x00280102, 0x00280103, 0x00280106, 0x00280107, 0x00280120, 0x00280121,
                                          0x00283002 })
            Add(tag, DicomVR.US);
        Add(0x00283006, DicomVR.OW);
        Add(0x7FE00010, DicomVR.OW);
        Add(0x7FE00001, DicomVR.OV);
        Add(0x7FE00002, DicomVR.OV);
        Add(0x7FE00008, DicomVR.OF);
        Add(0x7FE00009, DicomVR.OD);
        // Sequences met in CR/DX/SC objects (PS3.3 modules for CR, DX, SC, General Study/Series, VOI/Modality LUT).
        foreach (uint tag in new uint[]
        {
            0x00080082, 0x00081032, 0x00081049, 0x00081052, 0x00081062, 0x00081072, 0x00081084, 0x00081110,
            0x00081111, 0x00081115, 0x00081120, 0x00081140, 0x00081250, 0x00082112, 0x00082218, 0x00082228,
            0x00089215, 0x00100050, 0x00101002, 0x00321064, 0x00400260, 0x00400275, 0x00400555, 0x0040A730,
            0x00283000, 0x00283010, 0x00540220, 0x00540222, 0x00880200, 0x20500010, 0x52009229, 0x52009230,
            0x00189346, 0x00400008, 0x00400100,
        })
            Add(tag, DicomVR.SQ);
        return t;
    }
}
