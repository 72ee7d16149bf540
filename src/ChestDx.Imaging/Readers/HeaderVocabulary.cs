using ChestDx.Core.Labels;
using ChestDx.Dicom.Attributes;

namespace ChestDx.Imaging.Readers;

/// <summary>
/// Closed vocabularies for the DICOM header values that reach the manifest. Header text is typed by people and
/// devices: a View Position of "SMITH JOHN" or a Manufacturer holding a site's name would otherwise be copied into
/// every output. Each value is mapped to a fixed term or left blank with a note that names no value.
/// </summary>
public static class HeaderVocabulary
{
    /// <summary>The view terms, shared with labels files (<see cref="Demographics.Views"/>).</summary>
    public static IReadOnlyList<string> Views => Demographics.Views;

    public const string ViewNote = Demographics.ViewNote;
    public const string ManufacturerNote = "manufacturer not a known vendor: left blank";
    public const string ColourNote = "photometric interpretation not a PS3.3 defined term: recorded as OTHER";

    /// <summary>The view term, or null (with <paramref name="note"/> when the header said something that is not
    /// a defined term).</summary>
    public static string? View(ResolvedView view, out string? note)
    {
        note = null;
        string? term = view.View switch
        {
            ChestView.PA => "PA",
            ChestView.AP => "AP",
            ChestView.LeftLateral => "LL",
            ChestView.RightLateral => "RL",
            ChestView.Lateral => "LATERAL",
            ChestView.Other => view.Raw?.Trim().ToUpperInvariant() is { } raw && Views.Contains(raw) ? raw : null,
            _ => null,
        };
        if (term is null && view.View == ChestView.Other) note = ViewNote;
        return term;
    }

    /// <summary>
    /// Manufacturer (0008,0070) reduced to a vendor name, matched on its first word ("GE MEDICAL SYSTEMS" → GE,
    /// "SIEMENS" → Siemens); anything else is blank with a note. The audit compares packs by vendor, which is all
    /// this column is for.
    /// </summary>
    public static string? Manufacturer(string? text, out string? note)
    {
        note = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] words = text.ToUpperInvariant()
            .Split((char[])[' ', ',', '.', '-', '_', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        string? vendor = words.Length == 0 ? null : words[0] switch
        {
            "GE" or "GEMS" => "GE",
            "GENERAL" when words.Length > 1 && words[1] == "ELECTRIC" => "GE",
            "SIEMENS" => "Siemens",
            "PHILIPS" => "Philips",
            "CANON" => "Canon",
            "TOSHIBA" => "Toshiba",
            "FUJIFILM" or "FUJI" => "Fujifilm",
            "CARESTREAM" => "Carestream",
            "KODAK" => "Kodak",
            "AGFA" => "Agfa",
            "KONICA" => "Konica Minolta",
            "SAMSUNG" => "Samsung",
            "SHIMADZU" => "Shimadzu",
            "HOLOGIC" => "Hologic",
            "HITACHI" => "Hitachi",
            "DRGEM" => "DRGEM",
            "RAYENCE" => "Rayence",
            "VIEWORKS" => "Vieworks",
            "SWISSRAY" => "Swissray",
            "VAREX" => "Varex",
            "ICRCO" => "iCRco",
            "MINDRAY" => "Mindray",
            _ => null,
        };
        if (vendor is null) note = ManufacturerNote;
        return vendor;
    }

    /// <summary>PS3.3 C.7.6.3.1.2 Photometric Interpretation defined terms (retired ones included);
    /// anything else becomes OTHER.</summary>
    public static string Colour(string? text, out string? note)
    {
        note = null;
        string value = (text ?? "").Trim().ToUpperInvariant();
        if (value is "" or "MONOCHROME1" or "MONOCHROME2" or "PALETTE COLOR" or "RGB" or "YBR_FULL" or "YBR_FULL_422"
            or "YBR_PARTIAL_422" or "YBR_PARTIAL_420" or "YBR_ICT" or "YBR_RCT" or "HSV" or "ARGB" or "CMYK" or "XYB")
            return value;
        note = ColourNote;
        return "OTHER";
    }
}
