using System.Globalization;

namespace ChestDx.Core.Labels;

/// <summary>Parsing of view, sex and age values as labels files write them.</summary>
public static class Demographics
{
    /// <summary>Oldest plausible age. Data_Entry_2017.csv has ages up to 414 (typos);
    /// they are blanked and noted, never guessed.</summary>
    public const int MaxAge = 120;

    /// <summary>PS3.3 C.8.11.5.1.1 View Position defined terms,
    /// plus LATERAL for a lateral whose side is not stated.</summary>
    public static IReadOnlyList<string> Views { get; } =
        ["PA", "AP", "LL", "RL", "RLD", "LLD", "RLO", "LLO", "LATERAL"];

    /// <summary>The note for a view that is not one of <see cref="Views"/>; it names no value.</summary>
    public const string ViewNote = "view not a PS3.3 View Position defined term: left blank";

    /// <summary>
    /// A labels file's view as one of <see cref="Views"/> (any case, trimmed); null when blank. Anything else is
    /// typed text that may name a person or a place, so it is left blank and <see cref="ViewNote"/> is added to
    /// <paramref name="notes"/>.
    /// </summary>
    public static string? View(string? text, List<string> notes)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string term = text.Trim().ToUpperInvariant();
        if (Views.Contains(term)) return term;
        notes.Add(ViewNote);
        return null;
    }

    /// <summary>M, F or O; null when blank. Returns false for anything else.</summary>
    public static bool TrySex(string? text, out string? sex)
    {
        sex = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        sex = text.Trim().ToUpperInvariant() switch
        {
            "M" or "MALE" => "M",
            "F" or "FEMALE" => "F",
            "O" or "OTHER" => "O",
            _ => null,
        };
        return sex is not null;
    }

    /// <summary>
    /// Whole years from "58", "058Y" (DICOM AS and the first ChestX-ray8 release), "006M", "020W",
    /// "100D" (under a year: 0). An age over <see cref="MaxAge"/> gives null and a note.
    /// Returns false when the text is not an age at all.
    /// </summary>
    public static bool TryAge(string? text, out int? age, out string? note)
    {
        age = null;
        note = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        char unit = 'Y';
        if (s[^1] is 'Y' or 'y' or 'M' or 'm' or 'W' or 'w' or 'D' or 'd')
        {
            unit = char.ToUpperInvariant(s[^1]);
            s = s[..^1];
        }
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int value)) return false;
        int years = unit switch { 'Y' => value, 'M' => value / 12, 'W' => value / 52, _ => value / 365 };
        if (years > MaxAge)
        {
            note = $"age {years} over {MaxAge} blanked";
            return true;
        }
        age = years;
        return true;
    }
}
