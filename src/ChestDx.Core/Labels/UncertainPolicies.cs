using ChestDx.Core.Choices;
using ChestDx.Core.Classes;

namespace ChestDx.Core.Labels;

/// <summary>
/// `--uncertain`: what CheXpert's and MIMIC-CXR's uncertain label (−1) becomes, per class. The text is a comma list of
/// a default (<c>ignore</c>, <c>zeros</c>, <c>ones</c> or the preset <c>chexpert_paper</c>) and CLASS=POLICY pairs:
/// "ignore", "zeros,Atelectasis=ones", "Atelectasis=ones,Edema=ones" (other classes ignore). Classes are matched to
/// the dataset's set by name or synonym when the labels file is read (<see cref="Resolve"/>).
/// </summary>
public sealed record UncertainPolicies
{
    public const string PaperPreset = "chexpert_paper";

    /// <summary>
    /// Irvin et al. 2019 (CheXpert, section 4 and table 2) chose per competition class the policy that did best on
    /// validation: U-Ones for Atelectasis and Edema, U-MultiClass for Cardiomegaly and Pleural Effusion, U-SelfTrained
    /// for Consolidation. Only U-Ones is a relabelling; U-MultiClass (a third output) and U-SelfTrained (relabel by a
    /// trained model) are training methods, which start from masked labels, so the preset maps those classes, and
    /// every other, to ignore. Documented in data-manifests/LABEL_SCHEMA.md.
    /// </summary>
    public static IReadOnlyDictionary<string, UncertainPolicy> Paper { get; } =
        new Dictionary<string, UncertainPolicy>
        {
            ["Atelectasis"] = UncertainPolicy.Ones,
            ["Edema"] = UncertainPolicy.Ones,
        };

    public UncertainPolicy Default { get; init; } = UncertainPolicy.Ignore;

    /// <summary>CLASS=POLICY pairs as written (names resolved against the set when the file is read).</summary>
    public IReadOnlyList<KeyValuePair<string, UncertainPolicy>> PerClass { get; init; } = [];

    /// <summary>The text it was parsed from ("ignore" when not given).</summary>
    public string Text { get; init; } = "ignore";

    public static UncertainPolicies IgnoreAll { get; } = new();

    public static UncertainPolicies Parse(string? text)
    {
        string t = text?.Trim() ?? "";
        if (t.Length == 0) return IgnoreAll;
        UncertainPolicy fallback = UncertainPolicy.Ignore;
        bool fallbackGiven = false;
        var pairs = new List<KeyValuePair<string, UncertainPolicy>>();
        foreach (string raw in t.Split(','))
        {
            string part = raw.Trim();
            int eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (fallbackGiven)
                    throw new ChestDxException($"--uncertain \"{text}\": two defaults ('{part}'); "
                        + "give one of ignore, zeros, ones or chexpert_paper, then CLASS=POLICY pairs");
                fallbackGiven = true;
                if (part == PaperPreset) pairs.AddRange(Paper);
                else fallback = Choice<UncertainPolicy>.Parse(part, $"--uncertain \"{text}\":");
                continue;
            }
            string name = part[..eq].Trim();
            if (name.Length == 0) throw new ChestDxException($"--uncertain \"{text}\": '{part}' names no class");
            pairs.Add(new(name, Choice<UncertainPolicy>.Parse(part[(eq + 1)..].Trim(), $"--uncertain {name}=")));
        }
        return new UncertainPolicies { Default = fallback, PerClass = pairs, Text = t };
    }

    /// <summary>
    /// One policy per class of <paramref name="classes"/>, in its order; a pair naming no class of the set is an
    /// error naming the set, and a class named twice with two policies too.
    /// </summary>
    public UncertainPolicy[] Resolve(ClassSet classes, string path)
    {
        var result = new UncertainPolicy[classes.Count];
        Array.Fill(result, Default);
        var given = new Dictionary<int, UncertainPolicy>();
        foreach ((string name, UncertainPolicy policy) in PerClass)
        {
            int c = classes.Find(name);
            if (c < 0)
                throw ChestDxException.ForFile(path, $"--uncertain {name}=: not a class of {classes}: "
                    + string.Join(", ", classes.Names));
            if (given.TryGetValue(c, out UncertainPolicy earlier) && earlier != policy)
                throw ChestDxException.ForFile(path, $"--uncertain: {classes[c]} given twice "
                    + $"({Choice<UncertainPolicy>.Name(earlier)} and {Choice<UncertainPolicy>.Name(policy)})");
            given[c] = policy;
            result[c] = policy;
        }
        return result;
    }

    /// <summary>The label an uncertain cell becomes under <paramref name="policy"/>.</summary>
    public static sbyte Apply(UncertainPolicy policy) => policy switch
    {
        UncertainPolicy.Zeros => LabelValue.Negative,
        UncertainPolicy.Ones => LabelValue.Positive,
        _ => LabelValue.Unknown,
    };

    public override string ToString() => Text;
}
