using System.Text;

namespace ChestDx.Dicom.Parsing;

/// <summary>
/// PS3.3 C.12.1.1.2 Specific Character Set → .NET encoding, for the single-byte and UTF-8 sets seen in practice.
/// </summary>
internal static class CharacterSets
{
    public static Encoding Resolve(string[] terms, Action<string> warn)
    {
        string term = terms.FirstOrDefault(t => t.Length > 0) ?? "";
        switch (term)
        {
            case "" or "ISO_IR 6" or "ISO 2022 IR 6" or "ISO_IR 100" or "ISO 2022 IR 100":
                return Encoding.Latin1;
            case "ISO_IR 192":
                return Encoding.UTF8;
            default:
                warn($"Specific Character Set \"{string.Join('\\', terms)}\" is not supported; text read as Latin-1");
                return Encoding.Latin1;
        }
    }
}
