using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// The label cells of the CheXpert labeler's output, shared by CheXpert's train.csv / valid.csv and MIMIC-CXR-JPG's
/// chexpert.csv / negbio.csv (Irvin et al. 2019; notes in data-manifests/LABEL_SCHEMA.md): "1"/"1.0" positive,
/// "0"/"0.0" negative, "-1"/"-1.0" uncertain (mapped per class by <see cref="UncertainPolicies"/>), blank not
/// mentioned (unknown). The labeler sets No Finding to 1 only when no pathology other than Support Devices is positive
/// or uncertain, so on a No Finding = 1 row a blank pathology is read as negative, and on a row where a pathology is
/// positive a blank No Finding is read as negative. Every such inference is counted.
/// </summary>
internal sealed class CheXpertValues
{
    private readonly int[] _columns;
    private readonly UncertainPolicy[] _policies;
    private readonly int[] _uncertain;
    private readonly int _noFinding;
    private readonly int _supportDevices;

    public CheXpertValues(IReadOnlyList<string> header, string path, UncertainPolicies policies)
    {
        Classes = ClassSet.CheXpert;
        _columns = new int[Classes.Count];
        for (int c = 0; c < Classes.Count; c++)
        {
            _columns[c] = ColumnNames.Find(header, [Classes[c]], path);
            if (_columns[c] < 0)
                throw ChestDxException.ForFile(path, $"no \"{Classes[c]}\" column: a CheXpert-labeler file has all 14 "
                    + $"observations ({string.Join(", ", Classes.Names)})");
        }
        _policies = policies.Resolve(Classes, path);
        _uncertain = new int[Classes.Count];
        _noFinding = Classes.IndexOf(Findings.NoFinding);
        _supportDevices = Classes.IndexOf("Support Devices");
    }

    public ClassSet Classes { get; }

    /// <summary>Blank pathologies read as negative on No Finding = 1 rows.</summary>
    public int BlankNegativeByNoFinding { get; private set; }

    /// <summary>Blank No Finding cells read as negative because a pathology is positive.</summary>
    public int NoFindingNegativeByFinding { get; private set; }

    /// <summary>The labels of one row; <paramref name="problem"/> names a cell that is not a label.</summary>
    public sbyte[] Parse(Func<int, string> field, out string? problem)
    {
        problem = null;
        var labels = new sbyte[Classes.Count];
        var blank = new bool[Classes.Count];
        for (int c = 0; c < labels.Length; c++)
        {
            string v = field(_columns[c]).Trim();
            switch (v)
            {
                case "1" or "1.0":
                    labels[c] = LabelValue.Positive;
                    break;
                case "0" or "0.0":
                    labels[c] = LabelValue.Negative;
                    break;
                case "-1" or "-1.0":
                    _uncertain[c]++;
                    labels[c] = UncertainPolicies.Apply(_policies[c]);
                    break;
                case "":
                    labels[c] = LabelValue.Unknown;
                    blank[c] = true;
                    break;
                default:
                    labels[c] = LabelValue.Unknown;
                    problem ??= $"value '{v}' for {Classes[c]} is not 1, 0, -1 or blank";
                    break;
            }
        }
        if (problem is not null) return labels;
        if (labels[_noFinding] == LabelValue.Positive)
        {
            for (int c = 0; c < labels.Length; c++)
                if (blank[c] && c != _supportDevices)
                {
                    labels[c] = LabelValue.Negative;
                    BlankNegativeByNoFinding++;
                }
        }
        else if (blank[_noFinding])
        {
            // Positive as written in the file: an uncertain cell mapped to 1 by a policy is not a finding the
            // labeler saw.
            for (int c = 0; c < labels.Length; c++)
                if (c != _noFinding && c != _supportDevices && field(_columns[c]).Trim() is "1" or "1.0")
                {
                    labels[_noFinding] = LabelValue.Negative;
                    NoFindingNegativeByFinding++;
                    break;
                }
        }
        return labels;
    }

    /// <summary>The policy per class, for pack.json.</summary>
    public IReadOnlyDictionary<string, UncertainPolicy> Policies =>
        Classes.Names.Select((n, c) => (n, c)).ToDictionary(x => x.n, x => _policies[x.c]);

    /// <summary>Uncertain cells per class.</summary>
    public IReadOnlyDictionary<string, int> UncertainCells =>
        Classes.Names.Select((n, c) => (n, c)).ToDictionary(x => x.n, x => _uncertain[x.c]);

    /// <summary>Classes whose uncertain cells stay unknown (evaluation refuses to score them; see
    /// <see cref="LabelTable.Uncertain"/>).</summary>
    public IReadOnlyDictionary<string, string> Masked(string fileName) =>
        Classes.Names.Select((n, c) => (n, c))
            .Where(x => _uncertain[x.c] > 0 && _policies[x.c] == UncertainPolicy.Ignore)
            .ToDictionary(x => x.n, x => $"{fileName}: {_uncertain[x.c]} uncertain (-1) cells, masked "
                + "(--uncertain ignore)");

    /// <summary>Summary lines: uncertain cells and what they became, and the No Finding inferences.</summary>
    public IEnumerable<string> Summary()
    {
        var parts = Classes.Names.Select((n, c) => (n, c)).Where(x => _uncertain[x.c] > 0)
            .Select(x => $"{x.n} {_uncertain[x.c]:N0} → {Choices.Choice<UncertainPolicy>.Name(_policies[x.c])}");
        yield return "uncertain (-1) cells: " + (parts.Any() ? string.Join(", ", parts) : "none");
        yield return $"blank = not mentioned (unknown); read as negative by the No Finding rule: "
            + $"{BlankNegativeByNoFinding:N0} blank pathology cells on No Finding = 1 rows, "
            + $"{NoFindingNegativeByFinding:N0} blank No Finding cells on rows with a positive pathology";
    }
}
