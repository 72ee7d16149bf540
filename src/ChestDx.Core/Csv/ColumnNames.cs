namespace ChestDx.Core.Csv;

/// <summary>
/// The spellings of labels-file columns that ingestion and evaluation both accept, and how header names are compared:
/// case-insensitively, ignoring spaces, '_' and '-' ("Patient ID", "patient_id", "PatientID" and "PATIENT-ID" are one
/// name). Hospital exports, MIMIC-CXR ("subject_id"), NIH ("Patient ID", "Image Index") and DICOM keywords
/// ("PatientID") spell the same column differently; a column that is not found is not silently treated as absent
/// when it is only spelled differently. Both sides read this one list so they accept the same files.
/// </summary>
public static class ColumnNames
{
    /// <summary>The image id column (the first spelling is the one ChestDx writes).</summary>
    public static IReadOnlyList<string> ImageId { get; } = ["image_id", "Image Index", "image"];

    /// <summary>The patient id column (the first spelling is the one ChestDx writes).</summary>
    public static IReadOnlyList<string> PatientId { get; } =
        ["patient_id", "Patient ID", "PatientID", "patient", "subject_id", "subject"];

    public static IReadOnlyList<string> View { get; } = ["view", "View Position", "ViewPosition"];
    public static IReadOnlyList<string> Sex { get; } = ["sex", "Patient Gender", "PatientSex", "Patient Sex", "gender"];
    public static IReadOnlyList<string> Age { get; } = ["age", "Patient Age", "PatientAge"];

    /// <summary>The comparison key of a header name: lower case, without spaces, '_' or '-'.</summary>
    public static string Key(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        int n = 0;
        foreach (char c in name)
            if (c is not (' ' or '_' or '-' or '\t')) buffer[n++] = char.ToLowerInvariant(c);
        return new string(buffer[..n]);
    }

    /// <summary>Whether two header names are the same column name.</summary>
    public static bool Same(string a, string b) => Key(a) == Key(b);

    /// <summary>Whether <paramref name="name"/> is one of <paramref name="spellings"/>.</summary>
    public static bool IsOneOf(string name, IReadOnlyList<string> spellings)
    {
        string key = Key(name);
        foreach (string s in spellings)
            if (Key(s) == key) return true;
        return false;
    }

    /// <summary>
    /// The index of the column spelled as one of <paramref name="spellings"/>, or -1. Two columns that both match are
    /// an error: which one holds the ids would be a guess.
    /// </summary>
    public static int Find(IReadOnlyList<string> header, IReadOnlyList<string> spellings, string path)
    {
        int found = -1;
        for (int i = 0; i < header.Count; i++)
        {
            if (!IsOneOf(header[i], spellings)) continue;
            if (found >= 0)
                throw ChestDxException.ForFile(
                    path, $"columns '{header[found]}' and '{header[i]}' both name the {spellings[0]} column");
            found = i;
        }
        return found;
    }

    /// <summary>"'a', 'b' or 'c'" for error messages.</summary>
    public static string List(IReadOnlyList<string> spellings) =>
        string.Join(", ", spellings.Take(spellings.Count - 1).Select(s => $"'{s}'")) + $" or '{spellings[^1]}'";
}
