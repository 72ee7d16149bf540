using System.Text.RegularExpressions;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Attributes;

/// <summary>Radiographic view of a chest image (PS3.3 C.8.11.5 View Position, normalised).</summary>
public enum ChestView
{
    Unknown,
    PA,
    AP,
    LeftLateral,
    RightLateral,

    /// <summary>Lateral with the side not stated ("LATERAL", "LAT", as MIMIC-CXR writes).</summary>
    Lateral,

    /// <summary>Something else (decubitus, oblique, ...): see <see cref="ResolvedView.Raw"/>.</summary>
    Other,
}

/// <summary>Where a view came from, so ingestion can report how many views were inferred.</summary>
public enum ViewSource
{
    None,

    /// <summary>(0018,5101) View Position.</summary>
    ViewPosition,

    /// <summary>(0054,0220) View Code Sequence, when View Position is empty or absent.</summary>
    ViewCodeSequence,

    /// <summary>(0008,103E) Series Description keywords, the last resort.</summary>
    SeriesDescription,
}

/// <param name="Raw">The text the view was read from, for reports.</param>
public sealed record ResolvedView(ChestView View, ViewSource Source, string? Raw)
{
    /// <summary>
    /// View Position, else View Code Sequence, else Series Description (PS3.3 C.8.11.5 for DX; View Position is often
    /// empty and sometimes non-standard, e.g. "LATERAL").
    /// </summary>
    public static ResolvedView FromDataset(DicomDataset ds)
    {
        string? position = ds.GetString(DicomTags.ViewPosition);
        if (position is not null)
        {
            ChestView v = FromViewPosition(position);
            if (v != ChestView.Unknown) return new ResolvedView(v, ViewSource.ViewPosition, position);
        }
        if (ds.GetSequence(DicomTags.ViewCodeSequence) is [var code, ..])
        {
            string? value = code.GetString(DicomTags.CodeValue);
            string? meaning = code.GetString(DicomTags.CodeMeaning);
            ChestView v = FromViewCode(value, meaning);
            if (v != ChestView.Unknown) return new ResolvedView(v, ViewSource.ViewCodeSequence, meaning ?? value);
        }
        string? description = ds.GetString(DicomTags.SeriesDescription);
        if (description is not null)
        {
            ChestView v = FromDescription(description);
            if (v != ChestView.Unknown) return new ResolvedView(v, ViewSource.SeriesDescription, description);
        }
        return new ResolvedView(ChestView.Unknown, ViewSource.None, position);
    }

    /// <summary>PS3.3 C.8.11.5.1.1 defined terms (AP, PA, LL, RL, RLD, LLD, RLO, LLO) plus "LATERAL"/"LAT".</summary>
    internal static ChestView FromViewPosition(string value) => value.Trim().ToUpperInvariant() switch
    {
        "" => ChestView.Unknown,
        "PA" => ChestView.PA,
        "AP" => ChestView.AP,
        "LL" or "LEFT LATERAL" => ChestView.LeftLateral,
        "RL" or "RIGHT LATERAL" => ChestView.RightLateral,
        "LATERAL" or "LAT" or "L" => ChestView.Lateral,
        _ => ChestView.Other,
    };

    /// <summary>
    /// CID 4010 "DX View" codes: SNOMED-RT R-10214 postero-anterior, R-10206 antero-posterior, R-10236 left lateral,
    /// R-10232 right lateral; otherwise the Code Meaning's words, which survive the SNOMED-RT → SNOMED CT recoding.
    /// </summary>
    internal static ChestView FromViewCode(string? value, string? meaning)
    {
        switch (value)
        {
            case "R-10214": return ChestView.PA;
            case "R-10206": return ChestView.AP;
            case "R-10236": return ChestView.LeftLateral;
            case "R-10232": return ChestView.RightLateral;
        }
        if (meaning is null) return ChestView.Unknown;
        string m = meaning.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal);
        if (m.Contains("postero-anterior", StringComparison.Ordinal)
            || m.Contains("posteroanterior", StringComparison.Ordinal))
        {
            return ChestView.PA;
        }
        if (m.Contains("antero-posterior", StringComparison.Ordinal)
            || m.Contains("anteroposterior", StringComparison.Ordinal))
        {
            return ChestView.AP;
        }
        if (m.Contains("left-lateral", StringComparison.Ordinal)) return ChestView.LeftLateral;
        if (m.Contains("right-lateral", StringComparison.Ordinal)) return ChestView.RightLateral;
        if (m.Contains("lateral", StringComparison.Ordinal)) return ChestView.Lateral;
        return ChestView.Unknown;
    }

    internal static ChestView FromDescription(string description)
    {
        string d = description.ToUpperInvariant();
        if (Word(d, "PA")) return ChestView.PA;
        if (Word(d, "AP")) return ChestView.AP;
        if (Word(d, "LL")) return ChestView.LeftLateral;
        if (Word(d, "RL")) return ChestView.RightLateral;
        if (Word(d, "LATERAL") || Word(d, "LAT")) return ChestView.Lateral;
        return ChestView.Unknown;
    }

    private static bool Word(string text, string word) =>
        Regex.IsMatch(text, $@"(^|[^A-Z]){word}([^A-Z]|$)", RegexOptions.CultureInvariant);
}
