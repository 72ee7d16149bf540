using ChestDx.Core.Classes;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// Per image, whether it has a finding (the truth) and whether the model calls it healthy, as Seyyed-Kalantari et al.
/// (2021) define underdiagnosis: an image with a finding that the model calls "No Finding".
/// <list type="bullet">
/// <item>When "No Finding" (<see cref="Findings.NoFinding"/>) is an evaluated class, its label is the truth (0: has a
/// finding) and a No Finding score at or above its threshold is the healthy call, as in the paper.</item>
/// <item>Otherwise (a ChestX-ray14 model has no No Finding output) an image has a finding when any evaluated class is
/// labelled positive, has none when every evaluated class is labelled negative, and is left out when it has no
/// positive but an unknown label; the model calls it healthy when no evaluated class scores at or above its
/// threshold. Both then depend on which classes are evaluated, which the report states.</item>
/// </list>
/// </summary>
public sealed class CalledHealthy
{
    private CalledHealthy(bool?[] withFinding, bool[] healthy, UnderdiagnosisDefinition definition)
    {
        WithFinding = withFinding;
        Healthy = healthy;
        Definition = definition;
    }

    /// <summary>Per evaluated image: true with a finding, false without, null unknown.</summary>
    public bool?[] WithFinding { get; }

    /// <summary>Per evaluated image: whether the model calls it healthy (all false when undefined).</summary>
    public bool[] Healthy { get; }

    public UnderdiagnosisDefinition Definition { get; }

    public static CalledHealthy Of(EvaluationResult result)
    {
        EvaluationSet set = result.Data;
        int images = set.Ids.Count;
        var withFinding = new bool?[images];
        var healthy = new bool[images];
        int nf = -1;
        for (int c = 0; c < set.Classes.Count; c++)
            if (Findings.Same(set.Classes[c], Findings.NoFinding)) nf = c;

        if (nf >= 0)
        {
            ClassEvaluation k = result.Classes[nf];
            string truth = $"the {set.Classes[nf]} label is 0 (images with it unknown are left out)";
            string call = $"the {set.Classes[nf]} score is at or above its threshold";
            if (k.Threshold is not { } t)
                return Undefined(images, truth, call,
                    $"{set.Classes[nf]} has no threshold ({k.ThresholdUndefinedReason})");
            for (int i = 0; i < images; i++)
            {
                sbyte label = set.Labels[nf][i];
                withFinding[i] = label == ReferenceLabels.Unknown ? null : label == 0;
                healthy[i] = set.Scores[nf][i] >= t;
            }
            return new CalledHealthy(withFinding, healthy, new UnderdiagnosisDefinition(truth, call, null));
        }

        string names = string.Join(", ", set.Classes);
        string truthAny = $"any evaluated class ({names}) is labelled positive; none positive and every label known: "
            + "no finding; otherwise left out";
        string callNone = "no evaluated class scores at or above its threshold (the model has no No Finding output)";
        if (result.Classes.FirstOrDefault(k => k.Threshold is null) is { } missing)
            return Undefined(images, truthAny, callNone,
                $"{missing.Name} has no threshold ({missing.ThresholdUndefinedReason})");
        for (int i = 0; i < images; i++)
        {
            bool any = false, unknown = false, called = false;
            for (int c = 0; c < set.Classes.Count; c++)
            {
                sbyte label = set.Labels[c][i];
                if (label == 1) any = true;
                else if (label == ReferenceLabels.Unknown) unknown = true;
                if (set.Scores[c][i] >= result.Classes[c].Threshold!.Value) called = true;
            }
            withFinding[i] = any ? true : unknown ? null : false;
            healthy[i] = !called;
        }
        return new CalledHealthy(withFinding, healthy, new UnderdiagnosisDefinition(truthAny, callNone, null));
    }

    private static CalledHealthy Undefined(int images, string truth, string call, string why) =>
        new(new bool?[images], new bool[images], new UnderdiagnosisDefinition(truth, call, why));
}
