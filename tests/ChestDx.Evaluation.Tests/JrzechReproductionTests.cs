using System.Globalization;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Tests;

/// <summary>
/// A published CheXNet reproduction (jrzech/reproduce-chexnet): its 22,433 test predictions with labels from NIH's
/// Data_Entry_2017_v2020 must give its 14 published AUROCs within 1e-9, through the path `chestdx evaluate` takes
/// (predictions CSV with prob_ columns → Data_Entry reader → join by name and id → Evaluator).
/// </summary>
public sealed class JrzechReproductionTests
{
    private static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    [Fact]
    public void Published_aurocs_are_reproduced_within_1e9()
    {
        PredictionTable predictions = PredictionTable.Read(Data("nih-reference-eval", "jrzech_preds.csv"));
        ReferenceLabels labels = LabelReader.Read(Data("nih", "Data_Entry_2017_v2020.csv.gz"));
        EvaluationSet set = EvaluationSet.Join(predictions, labels);

        Assert.Equal(LabelSourceKind.NihDataEntry, labels.Kind);
        Assert.Equal(IdMatch.Predictions, set.JoinSummary.Match);
        Assert.Equal(22_433, set.Ids.Count);
        Assert.Equal(112_120 - 22_433, set.JoinSummary.IgnoredLabelIds);
        Assert.Equal(14, set.JoinSummary.PrefixedColumns.Count);

        EvaluationResult result = Evaluator.Run(set, new EvaluationOptions { Bootstrap = new() { Resamples = 0 } });

        var published = File.ReadAllLines(Data("nih-reference-eval", "jrzech_aucs.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        Assert.Equal(14, published.Count);
        foreach (ClassEvaluation c in result.Classes)
            Assert.Equal(published[c.Name], c.Auroc!.Value, 1e-9);
        Assert.Equal(published.Values.Average(), result.MeanAuroc.Value!.Value, 1e-9);
    }
}
