namespace ChestDx.Core.Labels;

/// <summary>
/// `chestdx ingest --views PA,AP`: the views kept, as <see cref="Demographics.Views"/> terms (PS3.3 View Position plus
/// LATERAL), the groups <c>frontal</c> (PA, AP) and <c>lateral</c> (LL, RL, LATERAL), and <c>unknown</c> for images
/// whose labels row states no view. An image of another view is not lost: it is an input rejected with the reason,
/// counted in the summary and listed in rejected.csv. The filter reads the view of the labels row (the adapters give
/// every dataset's view there), so it is decided before decoding.
/// </summary>
public sealed record ViewFilter
{
    public const string Unknown = "UNKNOWN";

    private ViewFilter(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>The kept terms in <see cref="Demographics.Views"/> order, then UNKNOWN (what pack.json
    /// records).</summary>
    public IReadOnlyList<string> Terms { get; }

    public static ViewFilter Parse(string text)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in text.Split(','))
        {
            string term = raw.Trim().ToUpperInvariant();
            string[] terms = term switch
            {
                "FRONTAL" => ["PA", "AP"],
                "LATERAL" or "LATERALS" => ["LL", "RL", "LATERAL"],
                Unknown => [Unknown],
                _ when Demographics.Views.Contains(term) => [term],
                _ => throw new ChestDxException($"--views \"{text}\": '{raw.Trim()}' is not a view: expected "
                    + $"{string.Join(", ", Demographics.Views)}, frontal, lateral or unknown"),
            };
            kept.UnionWith(terms);
        }
        return new ViewFilter([.. Demographics.Views.Where(kept.Contains), .. kept.Where(t => t == Unknown)]);
    }

    /// <summary>Whether an image of <paramref name="view"/> (null: not stated) is kept.</summary>
    public bool Keeps(string? view) => Terms.Contains(view ?? Unknown);

    /// <summary>The rejection reason of an image the filter drops.</summary>
    /// <summary>The rejection reason when the filter drops <paramref name="view"/>, else null.</summary>
    public string? Drops(string? view) => Keeps(view) ? null : Reason(view);

    public string Reason(string? view) =>
        $"view {view ?? "not stated"} not in --views {string.Join(",", Terms)}";

    public override string ToString() => string.Join(",", Terms);
}
