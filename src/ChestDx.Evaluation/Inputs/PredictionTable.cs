using System.Globalization;
using ChestDx.Core;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// Predictions: one row per image or study, one score column per class. <see cref="Scores"/>[c][row].
/// </summary>
public sealed class PredictionTable
{
    public required string Path { get; init; }
    public required IReadOnlyList<string> Ids { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public required double[][] Scores { get; init; }

    /// <summary>Columns whose names had the <c>prob_</c> prefix removed (jrzech/reproduce-chexnet writes them so).</summary>
    public required IReadOnlyList<string> PrefixedColumns { get; init; }

    public const string ProbabilityPrefix = "prob_";

    /// <summary>
    /// Reads a predictions CSV: the first column is the id (any header), every other column a class whose name is
    /// matched to label columns exactly, after removing a leading <c>prob_</c>. Every cell must be a finite number;
    /// ids must be unique.
    /// </summary>
    public static PredictionTable Read(string path)
    {
        using CsvReader csv = CsvReader.Open(path);
        if (csv.Header.Count < 2)
            throw ChestDxException.ForFile(path, "expected an id column followed by one score column per class");
        var classes = new List<string>();
        var prefixed = new List<string>();
        var columns = new List<int>();
        for (int i = 1; i < csv.Header.Count; i++)
        {
            string name = csv.Header[i];
            if (name.Length == 0) continue; // a trailing comma in the header
            if (name.StartsWith(ProbabilityPrefix, StringComparison.Ordinal) && name.Length > ProbabilityPrefix.Length)
            {
                prefixed.Add(name);
                name = name[ProbabilityPrefix.Length..];
            }
            if (classes.Contains(name))
                throw ChestDxException.ForFile(path, $"class \"{name}\" appears in two columns");
            classes.Add(name);
            columns.Add(i);
        }
        var ids = new List<string>();
        var values = classes.Select(_ => new List<double>()).ToArray();
        while (csv.Read())
        {
            ReadOnlySpan<char> id = csv[0].Trim();
            if (id.IsEmpty) throw csv.Error("empty id");
            ids.Add(id.ToString());
            for (int c = 0; c < columns.Count; c++)
            {
                ReadOnlySpan<char> cell = csv[columns[c]].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw csv.Error($"column \"{csv.Header[columns[c]]}\": \"{cell}\" is not a finite number");
                values[c].Add(v);
            }
        }
        if (ids.Count == 0) throw ChestDxException.ForFile(path, "no prediction rows after the header");
        IdChecks.RequireUnique(path, ids);
        return new PredictionTable
        {
            Path = path,
            Ids = ids,
            Classes = classes,
            Scores = values.Select(v => v.ToArray()).ToArray(),
            PrefixedColumns = prefixed,
        };
    }
}
