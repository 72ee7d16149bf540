using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Csv;
using ChestDx.Core.Predictions;

namespace ChestDx.Evaluation.Inputs;

/// <summary>Which ids are evaluated when predictions and labels do not list the same images.</summary>
public enum IdMatch
{
    /// <summary>Both files must list the same ids. Default for a plain labels CSV.</summary>
    Exact,
    /// <summary>
    /// Every predicted id is evaluated and must have labels; extra label rows are ignored (counted). Default for NIH
    /// Data_Entry, which lists all 112,120 images.
    /// </summary>
    Predictions,
    /// <summary>
    /// Every labelled id is evaluated and must have a prediction; extra predictions are ignored (counted). Default for
    /// reference subsets (Google expert labels, BBox list).
    /// </summary>
    Labels,
}

/// <summary>
/// How a prediction file and a label file were put together; reported so nothing is dropped silently. The class
/// lists are the classes of one side that are the same finding as no class of the other (not evaluated).
/// </summary>
public sealed record JoinSummary(
    IdMatch Match, int IgnoredPredictionIds, int IgnoredLabelIds,
    IReadOnlyList<string> ClassesOnlyInPredictions, IReadOnlyList<string> ClassesOnlyInLabels,
    IReadOnlyList<string> PrefixedColumns)
{
    /// <summary>
    /// "X (predictions only), Y (labels only)": the classes not evaluated; null when every class met its other side.
    /// </summary>
    public string? NotEvaluated()
    {
        var parts = ClassesOnlyInPredictions.Select(c => $"{c} (predictions only)")
            .Concat(ClassesOnlyInLabels.Select(c => $"{c} (labels only)")).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}

/// <summary>
/// Predictions joined to labels: rows by id, classes by name and synonym, never by position (<see cref="SameClass"/>:
/// a model's "Effusion" is CheXpert's "Pleural Effusion"), named as the predictions (or --classes) spell them.
/// Classes on one side only are not evaluated and are listed (<see cref="JoinSummary"/>). Scores[c][row],
/// Labels[c][row].
/// </summary>
public sealed class EvaluationSet
{
    public required string PredictionsPath { get; init; }
    public required string LabelsPath { get; init; }
    public required string LabelsDescription { get; init; }
    public required IReadOnlyList<string> Ids { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required double[][] Scores { get; init; }
    public required sbyte[][] Labels { get; init; }
    public required JoinSummary JoinSummary { get; init; }

    public static IdMatch DefaultMatch(LabelSourceKind kind) => kind switch
    {
        LabelSourceKind.LabelsCsv => IdMatch.Exact,
        LabelSourceKind.NihDataEntry or LabelSourceKind.Pack => IdMatch.Predictions,
        _ => IdMatch.Labels,
    };

    /// <param name="classes">Classes to evaluate; null means every class with a column on both sides.</param>
    public static EvaluationSet Join(
        PredictionTable predictions, ReferenceLabels labels, IdMatch? match = null,
        IReadOnlyList<string>? classes = null)
    {
        IdMatch how = match ?? DefaultMatch(labels.Kind);
        string[] chosen = ChooseClasses(predictions, labels, classes);

        var labelRow = new Dictionary<string, int>(labels.Ids.Count, StringComparer.Ordinal);
        for (int i = 0; i < labels.Ids.Count; i++) labelRow[labels.Ids[i]] = i;
        var predictionRow = new Dictionary<string, int>(predictions.Ids.Count, StringComparer.Ordinal);
        for (int i = 0; i < predictions.Ids.Count; i++) predictionRow[predictions.Ids[i]] = i;

        var unlabelled = predictions.Ids.Where(id => !labelRow.ContainsKey(id)).ToList();
        var unpredicted = labels.Ids.Where(id => !predictionRow.ContainsKey(id)).ToList();
        if (how != IdMatch.Labels && unlabelled.Count > 0)
            throw ChestDxException.ForFile(predictions.Path,
                $"{unlabelled.Count} of {predictions.Ids.Count} id(s) have no row in {labels.Path}: "
                + $"{IdChecks.Few(unlabelled)}");
        if (how != IdMatch.Predictions && unpredicted.Count > 0)
            throw ChestDxException.ForFile(labels.Path,
                $"{unpredicted.Count} of {labels.Ids.Count} id(s) have no prediction in {predictions.Path}: "
                + $"{IdChecks.Few(unpredicted)}"
                + (how == IdMatch.Exact ? " (to evaluate only the predicted images, match ids by predictions)" : ""));

        // Rows in the order of the side that defines the evaluated set.
        List<(int P, int L)> rows = how == IdMatch.Labels
            ? labels.Ids.Select((id, l) => (predictionRow[id], l)).ToList()
            : predictions.Ids.Select((id, p) => (p, labelRow[id])).ToList();

        var scores = new double[chosen.Length][];
        var values = new sbyte[chosen.Length][];
        for (int c = 0; c < chosen.Length; c++)
        {
            double[] ps = predictions.Scores[Find(predictions.Classes, chosen[c])];
            sbyte[] ls = labels.Values[Find(labels.Classes, chosen[c])];
            scores[c] = rows.Select(r => ps[r.P]).ToArray();
            values[c] = rows.Select(r => ls[r.L]).ToArray();
        }
        return new EvaluationSet
        {
            PredictionsPath = predictions.Path,
            LabelsPath = labels.Path,
            LabelsDescription = labels.Description,
            Ids = rows.Select(r => predictions.Ids[r.P]).ToArray(),
            Classes = chosen,
            Scores = scores,
            Labels = values,
            JoinSummary = new JoinSummary(how, predictions.Ids.Count - rows.Count, labels.Ids.Count - rows.Count,
                predictions.Classes.Where(c => Find(labels.Classes, c) < 0).ToArray(),
                labels.Classes.Where(c => Find(predictions.Classes, c) < 0).ToArray(),
                predictions.PrefixedColumns),
        };
    }

    private static string[] ChooseClasses(
        PredictionTable predictions, ReferenceLabels labels, IReadOnlyList<string>? requested)
    {
        if (requested is { Count: > 0 })
        {
            foreach (string c in requested)
            {
                if (Find(predictions.Classes, c) < 0)
                    throw ChestDxException.ForFile(predictions.Path,
                        $"no column for class \"{c}\" (classes: {string.Join(", ", predictions.Classes)})");
                if (WhyIgnored(labels, c) is { } why)
                    throw ChestDxException.ForFile(labels.Path, $"column \"{c}\": {why}");
                if (Find(labels.Classes, c) < 0)
                    throw ChestDxException.ForFile(labels.Path,
                        $"no labels for class \"{c}\" (classes: {string.Join(", ", labels.Classes)})");
            }
            for (int i = 0; i < requested.Count; i++)
                for (int j = 0; j < i; j++)
                    if (SameClass(requested[i], requested[j]))
                        throw new ChestDxException("--classes lists a class twice");
            return [.. requested];
        }
        foreach (string c in predictions.Classes)
            if (WhyIgnored(labels, c) is { } why)
                throw ChestDxException.ForFile(labels.Path, $"column \"{c}\": {why}");
        string[] common = predictions.Classes.Where(c => Find(labels.Classes, c) >= 0).ToArray();
        if (common.Length == 0)
            throw ChestDxException.ForFile(labels.Path,
                $"no class has a column in both files (predictions: {string.Join(", ", predictions.Classes)}"
                + $"; labels: {string.Join(", ", labels.Classes)})");
        return common;
    }

    /// <summary>
    /// Whether two class names are one class: the same column name (<see cref="ColumnNames"/>: any case, spaces, '_'
    /// and '-' ignored) or the same finding (<see cref="Findings"/>, the harmonisation table).
    /// </summary>
    public static bool SameClass(string a, string b) => ColumnNames.Same(a, b) || Findings.Same(a, b);

    /// <summary>
    /// The index of the class of <paramref name="classes"/> that is <paramref name="name"/> (<see cref="SameClass"/>;
    /// a same-spelled one first), or -1.
    /// </summary>
    public static int Find(IReadOnlyList<string> classes, string name)
    {
        for (int i = 0; i < classes.Count; i++)
            if (ColumnNames.Same(classes[i], name)) return i;
        for (int i = 0; i < classes.Count; i++)
            if (Findings.Same(classes[i], name)) return i;
        return -1;
    }

    private static string? WhyIgnored(ReferenceLabels labels, string name) =>
        Find(labels.Classes, name) >= 0
            ? null
            : labels.IgnoredColumns.FirstOrDefault(kv => SameClass(kv.Key, name)).Value;
}
