using ChestDx.Core;

namespace ChestDx.Evaluation.Inputs;

internal static class IdChecks
{
    /// <summary>How many ids an error message lists before "and N more".</summary>
    public const int Listed = 5;

    public static void RequireUnique(string path, IReadOnlyList<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (string id in ids)
            if (!seen.Add(id) && !duplicates.Contains(id)) duplicates.Add(id);
        if (duplicates.Count > 0)
            throw ChestDxException.ForFile(path, $"{duplicates.Count} duplicate id(s): {Few(duplicates)}");
    }

    public static string Few(IReadOnlyCollection<string> ids) =>
        string.Join(", ", ids.Take(Listed)) + (ids.Count > Listed ? $" and {ids.Count - Listed} more" : "");
}
