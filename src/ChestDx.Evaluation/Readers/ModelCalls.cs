using ChestDx.Core.Predictions;
using ChestDx.Core.Csv;
using System.Globalization;
using ChestDx.Core;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Readers;

/// <summary>
/// Turns a model's probabilities into yes/no calls (score ≥ threshold) so it can sit beside the readers.
/// </summary>
public static class ModelCalls
{
    public static ReaderRatings FromPredictions(PredictionTable predictions, IReadOnlyList<string> ids,
        IReadOnlyDictionary<string, double> thresholds, string name = "model")
    {
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < predictions.Ids.Count; i++) row[predictions.Ids[i]] = i;
        var missing = ids.Where(id => !row.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            throw ChestDxException.ForFile(predictions.Path,
                $"{missing.Count} study image(s) have no prediction: {IdChecks.Few(missing)}");
        var classes = predictions.Classes.Where(thresholds.ContainsKey).ToList();
        var calls = classes.Select(c =>
        {
            double[] s = predictions.Scores[predictions.Classes.ToList().IndexOf(c)];
            double t = thresholds[c];
            return ids.Select(id => s[row[id]] >= t ? (sbyte)1 : (sbyte)0).ToArray();
        }).ToArray();
        return new ReaderRatings(name, classes, calls);
    }

    /// <summary>
    /// Reads thresholds.csv as `chestdx evaluate` writes it: columns <c>class</c> and <c>threshold</c>.
    /// </summary>
    public static Dictionary<string, double> ReadThresholds(string path)
    {
        using CsvFile csv = CsvFile.Open(path);
        int cls = csv.Require("class"), threshold = csv.Require("threshold");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string name = csv[cls].Trim().ToString();
            ReadOnlySpan<char> t = csv[threshold].Trim();
            if (t.IsEmpty) continue; // a class whose threshold could not be chosen
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                || !double.IsFinite(v))
                throw csv.Error($"threshold \"{t}\" is not a number");
            if (!result.TryAdd(name, v)) throw csv.Error($"class \"{name}\" appears twice");
        }
        return result;
    }
}
