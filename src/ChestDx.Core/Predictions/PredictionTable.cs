using System.Globalization;
using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Predictions;

/// <summary>What the numbers in a predictions file are (`--scores`).</summary>
public enum ScoreScale
{
    /// <summary>Probabilities in [0, 1]; anything outside is an error (the default:
    /// a 0.5 threshold means something only here).</summary>
    Probabilities,
    /// <summary>Logits (any finite real); each is mapped through the logistic sigmoid
    /// 1 / (1 + e^−x) when read.</summary>
    Logits,
}

/// <summary>
/// The predictions contract, read side (<see cref="PredictionsCsv"/> writes it): one row per image or study, one score
/// column per class. <see cref="Scores"/>[c][row].
/// </summary>
public sealed class PredictionTable
{
    public required string Path { get; init; }
    public required IReadOnlyList<string> Ids { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The classes as a set: a known set when the columns are exactly one
    /// (<see cref="ClassSet.FromNames"/>).</summary>
    public ClassSet ClassSet => ClassSet.FromNames(Classes);

    public required double[][] Scores { get; init; }

    /// <summary>Columns whose names had the <c>prob_</c> prefix removed (jrzech/reproduce-chexnet
    /// writes them so).</summary>
    public required IReadOnlyList<string> PrefixedColumns { get; init; }

    public const string ProbabilityPrefix = "prob_";

    /// <summary>The id column is headed <see cref="PredictionsCsv.CalibratedIdHeader"/>: calibrated
    /// probabilities.</summary>
    public bool Calibrated { get; init; }

    /// <summary>The file's sidecar (<see cref="PredictionsProvenance"/>): which model made it on which data; null when
    /// it has none (older ChestDx, other tools).</summary>
    public PredictionsProvenance? Provenance { get; init; }

    /// <summary>
    /// Reads a predictions CSV (what <see cref="PredictionsCsv.Write"/> and other tools write): the first column is the
    /// id (any header), every other column a class, named after removing a leading <c>prob_</c>; evaluation matches
    /// them to label classes by name and synonym (<see cref="Findings"/>). Two columns for one finding are an error.
    /// Every cell must be a finite number (NaN, ±Inf and blanks are errors naming the line and column:
    /// a missing score is not a score); ids must be unique. Under <see cref="ScoreScale.Probabilities"/> a score
    /// outside [0, 1] is an error naming the file, line, column and value (not the id, which may identify a patient),
    /// because thresholds, calibration and reader comparisons assume probabilities;
    /// logits must be declared (<see cref="ScoreScale.Logits"/>) and are read through the sigmoid.
    /// </summary>
    public static PredictionTable Read(string path, ScoreScale scale = ScoreScale.Probabilities)
    {
        using CsvFile csv = CsvFile.Open(path);
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
            if (classes.FirstOrDefault(c => ColumnNames.Same(c, name) || Findings.Same(c, name)) is { } same)
                throw ChestDxException.ForFile(path, same == name
                    ? $"class \"{name}\" appears in two columns"
                    : ColumnNames.Same(same, name)
                        ? $"columns \"{same}\" and \"{name}\" name the same class (names match in any case, "
                        + $"ignoring spaces and '_')"
                        : $"columns \"{same}\" and \"{name}\" are the same finding (data-manifests/LABEL_SCHEMA.md)");
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
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    || !double.IsFinite(v))
                    throw csv.Error($"column \"{csv.Header[columns[c]]}\": \"{cell}\" is not a finite number");
                if (scale == ScoreScale.Logits) v = Sigmoid(v);
                else if (v is < 0 or > 1)
                    throw csv.Error($"column \"{csv.Header[columns[c]]}\": score {cell} is outside [0, 1]; " +
                                    "if the file holds logits, pass --scores logits (the sigmoid is then applied)");
                values[c].Add(v);
            }
        }
        if (ids.Count == 0) throw ChestDxException.ForFile(path, "no prediction rows after the header");
        RequireUnique(path, ids);
        return new PredictionTable
        {
            Path = path,
            Ids = ids,
            Classes = classes,
            Scores = values.Select(v => v.ToArray()).ToArray(),
            PrefixedColumns = prefixed,
            Calibrated = csv.Header[0].Trim() == PredictionsCsv.CalibratedIdHeader,
            Provenance = PredictionsProvenance.ReadFor(path),
        };
    }

    private static void RequireUnique(string path, List<string> ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (string id in ids)
            if (!seen.Add(id) && !duplicates.Contains(id)) duplicates.Add(id);
        if (duplicates.Count > 0)
            throw ChestDxException.ForFile(path, $"{duplicates.Count} duplicate id(s): "
                + string.Join(", ", duplicates.Take(5))
                + (duplicates.Count > 5 ? $" and {duplicates.Count - 5} more" : ""));
    }

    /// <summary>The logistic sigmoid, written so that neither branch overflows (e^x for x ≤ 0,
    /// e^−x for x &gt; 0).</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>The score column of class <paramref name="name"/> (any case, spaces and '_' ignored), or -1.</summary>
    public int IndexOfClass(string name)
    {
        for (int i = 0; i < Classes.Count; i++)
            if (ColumnNames.Same(Classes[i], name)) return i;
        return -1;
    }
}
