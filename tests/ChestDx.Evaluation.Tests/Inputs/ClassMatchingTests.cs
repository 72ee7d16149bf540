using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;

namespace ChestDx.Evaluation.Tests.Inputs;

/// <summary>
/// Issue 13: evaluate matches classes by name and synonym (data-manifests/LABEL_SCHEMA.md's harmonisation table),
/// scores those on both sides, and lists the rest on every output.
/// </summary>
public sealed class ClassMatchingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-classmatch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (PredictionTable, ReferenceLabels) XrvPredictionsAndCheXpertLabels()
    {
        // torchxrayvision-style names on the model side, CheXpert's on the labels side.
        string p = Write("p.csv", "image_id,Atelectasis,Effusion,Nodule\n"
                                + "a,0.9,0.8,0.1\nb,0.2,0.3,0.4\nc,0.7,0.1,0.5\nd,0.1,0.9,0.6\n");
        string l = Write("l.csv", "image_id,Pleural Effusion,Atelectasis,Fracture\n"
                                + "a,1,1,0\nb,0,0,0\nc,0,1,1\nd,1,0,0\n");
        return (PredictionTable.Read(p), LabelReader.Read(l));
    }

    [Fact]
    public void A_synonym_pair_is_one_class_scored_under_the_predictions_name()
    {
        (PredictionTable p, ReferenceLabels l) = XrvPredictionsAndCheXpertLabels();
        EvaluationSet set = EvaluationSet.Join(p, l);
        Assert.Equal(["Atelectasis", "Effusion"], set.Classes);
        // "Effusion" scores meet the "Pleural Effusion" labels, not another column.
        Assert.Equal([0.8, 0.3, 0.1, 0.9], set.Scores[1]);
        Assert.Equal([1, 0, 0, 1], set.Labels[1].Select(v => (int)v));
        Assert.Equal(["Nodule"], set.JoinSummary.ClassesOnlyInPredictions);
        Assert.Equal(["Fracture"], set.JoinSummary.ClassesOnlyInLabels);
        Assert.Equal("Nodule (predictions only), Fracture (labels only)", set.JoinSummary.NotEvaluated());
    }

    [Fact]
    public void The_classes_not_evaluated_are_listed_in_metrics_json_and_both_reports()
    {
        (PredictionTable p, ReferenceLabels l) = XrvPredictionsAndCheXpertLabels();
        EvaluationResult r = Evaluator.Run(
            EvaluationSet.Join(p, l), new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = 0 } });
        Assert.Equal(1.0, r.Classes.Single(c => c.Name == "Effusion").Auroc);
        string dir = Path.Combine(_dir, "out");
        EvaluationReport.WriteAll(dir, r);
        string json = File.ReadAllText(Path.Combine(dir, "metrics.json"));
        Assert.Matches("\"classes_only_in_predictions\": \\[\\s*\"Nodule\"\\s*\\]", json);
        Assert.Matches("\"classes_only_in_labels\": \\[\\s*\"Fracture\"\\s*\\]", json);
        Assert.Contains("- Not evaluated: Nodule (predictions only), Fracture (labels only)",
            File.ReadAllText(Path.Combine(dir, "report.md")));
        Assert.Contains("<th>Not evaluated</th><td>Nodule (predictions only), Fracture (labels only)</td>",
            File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void Classes_option_still_selects_and_accepts_the_labels_synonym()
    {
        (PredictionTable p, ReferenceLabels l) = XrvPredictionsAndCheXpertLabels();
        EvaluationSet set = EvaluationSet.Join(p, l, classes: ["Pleural Effusion"]);
        Assert.Equal(["Pleural Effusion"], set.Classes);
        Assert.Equal([0.8, 0.3, 0.1, 0.9], set.Scores[0]);
    }

    [Fact]
    public void With_every_class_on_both_sides_nothing_is_listed()
    {
        string p = Write("p.csv", "id,A,B\n1,0.1,0.9\n2,0.9,0.1\n");
        string l = Write("l.csv", "id,B,A\n1,1,0\n2,0,1\n");
        EvaluationSet set = EvaluationSet.Join(PredictionTable.Read(p), LabelReader.Read(l));
        Assert.Null(set.JoinSummary.NotEvaluated());
    }
}
