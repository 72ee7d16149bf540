using System.Globalization;
using System.Text.Json;

namespace ChestDx.Evaluation.Tests;

/// <summary>
/// tests/data/eval-reference: a synthetic 600-image, 5-class case with two models' scores (many ties; Hernia has no
/// positives) and three readers, with reference values from scikit-learn 1.2 and R pROC 1.18 (see PROVENANCE.md).
/// </summary>
internal sealed class ReferenceCase
{
    public static string DataDir => Path.Combine(AppContext.BaseDirectory, "data", "eval-reference");
    public static ReferenceCase Instance { get; } = Load();

    public required string[] Classes { get; init; }
    public required string[] Ids { get; init; }
    public required Dictionary<string, bool[]> Truth { get; init; }
    public required Dictionary<string, double[]> ModelA { get; init; }
    public required Dictionary<string, double[]> ModelB { get; init; }

    public double[] Scores(string model, string cls) => model == "model_a" ? ModelA[cls] : ModelB[cls];

    public static JsonElement Sklearn { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, "sklearn_reference.json"))).RootElement;
    public static JsonElement Proc { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, "proc_reference.json"))).RootElement;

    private static ReferenceCase Load()
    {
        string[] lines = File.ReadAllLines(Path.Combine(DataDir, "cases.csv"));
        string[] header = lines[0].Split(',');
        string[] classes = header.Skip(1).Where(h => !h.Contains('.')).ToArray();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        bool[] Bools(string c) => rows.Select(r => r[Array.IndexOf(header, c)] == "1").ToArray();
        double[] Doubles(string c) =>
            rows.Select(r => double.Parse(r[Array.IndexOf(header, c)], CultureInfo.InvariantCulture)).ToArray();
        return new ReferenceCase
        {
            Classes = classes,
            Ids = rows.Select(r => r[0]).ToArray(),
            Truth = classes.ToDictionary(c => c, Bools),
            ModelA = classes.ToDictionary(c => c, c => Doubles($"model_a.{c}")),
            ModelB = classes.ToDictionary(c => c, c => Doubles($"model_b.{c}")),
        };
    }
}
