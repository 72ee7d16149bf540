using System.Globalization;
using System.Text;
using System.Text.Json;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>
/// The reference case of tests/data/eval-reference/subgroups: model_a of the 600-image case on four classes (Hernia,
/// without positives, has no threshold), thresholds by Youden's J on the case itself, and the image metadata that
/// make_subgroups.py wrote with the scikit-learn reference values (see PROVENANCE.md there).
/// </summary>
internal static class SubgroupCase
{
    public static readonly string[] Classes = ["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia"];

    public static string DataDir => Path.Combine(ReferenceCase.DataDir, "subgroups");
    public static string Metadata => Path.Combine(DataDir, "metadata.csv");

    public static JsonElement Sklearn { get; } =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, "sklearn_subgroups.json"))).RootElement;

    /// <summary>Evaluates model_a on the case with Youden thresholds and <paramref name="resamples"/>.</summary>
    public static EvaluationResult Evaluate(string directory, int resamples, ulong seed = 0)
    {
        var c = ReferenceCase.Instance;
        var sb = new StringBuilder("image_id," + string.Join(",", Classes) + "\n");
        for (int i = 0; i < c.Ids.Length; i++)
            sb.AppendLine(c.Ids[i] + "," + string.Join(",",
                Classes.Select(k => c.ModelA[k][i].ToString("R", CultureInfo.InvariantCulture))));
        string predictions = Path.Combine(directory, "predictions.csv");
        File.WriteAllText(predictions, sb.ToString());
        EvaluationSet set = EvaluationSet.Join(PredictionTable.Read(predictions),
            LabelReader.Read(Path.Combine(ReferenceCase.DataDir, "cases.csv")), classes: Classes);
        return Evaluator.Run(set, new EvaluationOptions
        {
            Threshold = new ThresholdPolicy(ThresholdRule.Youden),
            Bootstrap = new BootstrapOptions { Resamples = resamples, Seed = seed },
        });
    }
}
