using System.Globalization;
using ChestDx.Core;
using ChestDx.Phantoms.Findings;

namespace ChestDx.Phantoms;

/// <summary>A finding to plant and the probability that a phantom carries it.</summary>
public readonly record struct FindingPrevalence(FindingKind Kind, double Prevalence)
{
    /// <summary>Every plantable finding at its default prevalence (<see cref="FindingCatalog.All"/>).</summary>
    public static IReadOnlyList<FindingPrevalence> Defaults { get; } =
        FindingCatalog.All.Select(f => new FindingPrevalence(f.Kind, f.DefaultPrevalence)).ToArray();

    /// <summary>
    /// Parses a finding selection: "all" (every kind at its default prevalence), "none" (normal phantoms only), or a
    /// comma-separated list of CheXNet class names, each optionally with "=P" for its prevalence, e.g.
    /// "Nodule,Effusion=0.3". Names are case-insensitive; unknown or unplantable names are errors.
    /// </summary>
    public static IReadOnlyList<FindingPrevalence> Parse(string spec)
    {
        string trimmed = spec.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase)) return Defaults;
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        var result = new List<FindingPrevalence>();
        foreach (string part in trimmed.Split(
            ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string name = eq < 0 ? part : part[..eq].Trim();
            if (!FindingCatalog.TryParse(name, out FindingKind kind))
                throw new ChestDxException(
                    $"--findings: '{name}' cannot be planted; choose from "
                        + $"{string.Join(", ", FindingCatalog.All.Select(f => f.ClassName))}, 'all' or 'none'");
            double prevalence = FindingCatalog.Get(kind).DefaultPrevalence;
            if (eq >= 0
                && (!double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out prevalence)
                            || !(prevalence >= 0 && prevalence <= 1)))
                throw new ChestDxException($"--findings: prevalence of {name} must be a number between 0 and 1, "
                    + $"not '{part[(eq + 1)..]}'");
            if (result.Any(r => r.Kind == kind)) throw new ChestDxException($"--findings: {name} is listed twice");
            result.Add(new FindingPrevalence(kind, prevalence));
        }
        if (result.Count == 0)
            throw new ChestDxException("--findings: empty list (use 'none' for normal phantoms only)");
        return result.OrderBy(r => r.Kind).ToArray();
    }
}
