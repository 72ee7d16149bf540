using ChestDx.Core;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>Which ids are evaluated when predictions and labels do not list the same images.</summary>
public enum IdMatch
{
    /// <summary>Both files must list the same ids. Default for a plain labels CSV.</summary>
    Exact,
    /// <summary>Every predicted id is evaluated and must have labels; extra label rows are ignored (counted). Default for NIH Data_Entry, which lists all 112,120 images.</summary>
    Predictions,
    /// <summary>Every labelled id is evaluated and must have a prediction; extra predictions are ignored (counted). Default for reference subsets (Google expert labels, BBox list).</summary>
    Labels,
}

/// <summary>How a prediction file and a label file were put together; reported so nothing is dropped silently.</summary>
public sealed record JoinSummary(
    IdMatch Match, int IgnoredPredictionIds, int IgnoredLabelIds,
    IReadOnlyList<string> ClassesOnlyInPredictions, IReadOnlyList<string> ClassesOnlyInLabels,
    IReadOnlyList<string> PrefixedColumns);

/// <summary>
/// Predictions joined to labels: rows by id, classes by column name (never by position; any case, spaces and '_'
/// ignored, see <see cref="ColumnNames"/>), named as the predictions (or --classes) spell them. Scores[c][row], Labels[c][row].
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
    public static EvaluationSet Join(PredictionTable predictions, LabelTable labels, IdMatch? match = null, IReadOnlyList<string>? classes = null)
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
                $"{unlabelled.Count} of {predictions.Ids.Count} id(s) have no row in {labels.Path}: {IdChecks.Few(unlabelled)}");
        if (how != IdMatch.Predictions && unpredicted.Count > 0)
            throw ChestDxException.ForFile(labels.Path,
                $"{unpredicted.Count} of {labels.Ids.Count} id(s) have no prediction in {predictions.Path}: {IdChecks.Few(unpredicted)}"
                + (how == IdMatch.Exact ? " (to evaluate only the predicted images, match ids by predictions)" : ""));

        // Rows in the order of the side that defines the evaluated set.
        List<(int P, int L)> rows = how == IdMatch.Labels
            ? labels.Ids.Select((id, l) => (predictionRow[id], l)).ToList()
            : predictions.Ids.Select((id, p) => (p, labelRow[id])).ToList();

        var scores = new double[chosen.Length][];
        var values = new sbyte[chosen.Length][];
        for (int c = 0; c < chosen.Length; c++)
        {
            double[] ps = predictions.Scores[predictions.IndexOfClass(chosen[c])];
            sbyte[] ls = labels.Values[labels.IndexOfClass(chosen[c])];
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
                predictions.Classes.Where(c => !chosen.Any(x => ColumnNames.Same(x, c))).ToArray(),
                labels.Classes.Where(c => !chosen.Any(x => ColumnNames.Same(x, c))).ToArray(),
                predictions.PrefixedColumns),
        };
    }

    private static string[] ChooseClasses(PredictionTable predictions, LabelTable labels, IReadOnlyList<string>? requested)
    {
        if (requested is { Count: > 0 })
        {
            foreach (string c in requested)
            {
                if (predictions.IndexOfClass(c) < 0)
                    throw ChestDxException.ForFile(predictions.Path, $"no column for class \"{c}\" (classes: {string.Join(", ", predictions.Classes)})");
                if (labels.WhyIgnored(c) is { } why)
                    throw ChestDxException.ForFile(labels.Path, $"column \"{c}\": {why}");
                if (labels.IndexOfClass(c) < 0)
                    throw ChestDxException.ForFile(labels.Path, $"no labels for class \"{c}\" (classes: {string.Join(", ", labels.Classes)})");
            }
            if (requested.Select(ColumnNames.Key).Distinct().Count() != requested.Count) throw new ChestDxException("--classes lists a class twice");
            return [.. requested];
        }
        foreach (string c in predictions.Classes)
            if (labels.WhyIgnored(c) is { } why)
                throw ChestDxException.ForFile(labels.Path, $"column \"{c}\": {why}");
        string[] common = predictions.Classes.Where(c => labels.IndexOfClass(c) >= 0).ToArray();
        if (common.Length == 0)
            throw ChestDxException.ForFile(labels.Path,
                $"no class has a column in both files (predictions: {string.Join(", ", predictions.Classes)}; labels: {string.Join(", ", labels.Classes)})");
        return common;
    }
}
