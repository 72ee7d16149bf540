using System.Globalization;
using System.Text;
using ChestDx.Core.IO;

namespace ChestDx.Core.Predictions;

/// <summary>
/// predictions.csv: header <c>image_id,&lt;class&gt;…</c> (the model's class names, CheXNet order for the 14-class
/// model), one row per image, probabilities in the invariant culture with the shortest text that parses back to the
/// same float ("R"), so evaluation sees exactly what the model produced. Written atomically. The predictions
/// contract's write side; <see cref="PredictionTable.Read"/> is its read side (and also accepts other tools' files:
/// any id header, <c>prob_</c>-prefixed columns, logits when declared).
/// </summary>
public static class PredictionsCsv
{
    /// <summary>
    /// The id column's header in a file of calibrated probabilities (<c>predict --calibrated</c>): the one place a
    /// CSV has for saying so that travels with the file, so calibrate and <c>evaluate --calibration</c> refuse it
    /// instead of calibrating twice (<see cref="PredictionTable.Calibrated"/>).
    /// </summary>
    public const string CalibratedIdHeader = "image_id (calibrated)";

    /// <summary>
    /// The id column's header when the scores are torchxrayvision op_norm values (<c>predict --operating-points</c>):
    /// the file itself says they are not probabilities. Readers take any id header.
    /// </summary>
    public const string OperatingPointIdHeader = "image_id [op_norm scores: 0.5 = operating point; not probabilities]";

    /// <summary>
    /// The id header for a prediction run's scores, whichever engine ran it. The two options exclude each other
    /// (<see cref="CheckScoreOptions"/>).
    /// </summary>
    public static string IdHeader(bool operatingPoints, bool calibrated) =>
        operatingPoints ? OperatingPointIdHeader : calibrated ? CalibratedIdHeader : "image_id";

    /// <summary>
    /// Refuses <c>--calibrated</c> with <c>--operating-points</c>, for every engine: op_norm maps each class's
    /// operating point to 0.5, so its scores are not probabilities to calibrate.
    /// </summary>
    public static void CheckScoreOptions(bool operatingPoints, bool calibrated)
    {
        if (calibrated && operatingPoints)
            throw new ChestDxException("--calibrated and --operating-points exclude each other: op_norm scores "
                + "are not probabilities");
    }

    /// <param name="idHeader">The id column's header: "image_id", <see cref="CalibratedIdHeader"/> or
    /// <see cref="OperatingPointIdHeader"/>, so the file says what its scores are.</param>
    /// <param name="provenance">Which model made the file, written beside it as its sidecar; null (tests, tools):
    /// none, and a sidecar left by an earlier run of the same path is removed, so it never names the wrong model.
    /// </param>
    public static void Write(string path, IReadOnlyList<string> classes,
        IEnumerable<(string ImageId, float[] Probabilities)> rows, string idHeader = "image_id",
        PredictionsProvenance? provenance = null)
    {
        // The old sidecar goes first: a run that fails half-way leaves new scores with no sidecar, never a wrong one.
        File.Delete(PredictionsProvenance.PathFor(path));
        var sb = new StringBuilder(idHeader);
        foreach (string c in classes) sb.Append(',').Append(c);
        sb.Append('\n');
        foreach ((string id, float[] p) in rows)
        {
            sb.Append(Quote(id));
            foreach (float v in p) sb.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
        provenance?.Write(path);
    }

    // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
