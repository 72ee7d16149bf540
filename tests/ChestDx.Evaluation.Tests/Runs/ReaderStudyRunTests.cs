using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Runs;

namespace ChestDx.Evaluation.Tests.Runs;

/// <summary>The reader study's entry point and the model's thresholds in it, on the eval-reference case.</summary>
public sealed class ReaderStudyRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-readers-run-").FullName;
    private static string Data(string name) => Path.Combine(ReferenceCase.DataDir, name);
    private static JsonElement Sklearn(string cls) =>
        ReferenceCase.Sklearn.GetProperty("per_class").GetProperty(cls).GetProperty("model_a");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ReaderStudyRequest Request(string thresholds) => new()
    {
        Readers = [Data("readers.csv")],
        Reference = Data("cases.csv"),
        Predictions = EvaluationRunTests.WritePredictions(_dir, "model_a"),
        Thresholds = thresholds,
        Options = new ReaderStudyOptions { Bootstrap = new BootstrapOptions { Resamples = 0 } },
        Output = Path.Combine(_dir, "out"),
    };

    private static JsonElement VersusTruth(string output, int rater)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "readers.json")));
        return doc.RootElement.GetProperty("classes")[0].GetProperty("versus_reference")[rater].Clone();
    }

    [Fact]
    public void Run_scores_readers_and_the_model_at_a_fixed_threshold_like_scikit_learn()
    {
        ReaderStudyRequest request = Request("fixed:0.5");
        ReaderStudyOutcome outcome = ReaderStudyRun.Run(request, NullProgressSink.Instance);

        Assert.Equal(ReadersReport.Files, outcome.Files);
        foreach (string f in outcome.Files) Assert.True(File.Exists(Path.Combine(request.Output, f)), f);
        double r1 = ReferenceCase.Sklearn.GetProperty("readers").GetProperty("Atelectasis")
            .GetProperty("f1_vs_truth").GetProperty("r1").GetDouble();
        Assert.Equal(r1, VersusTruth(request.Output, 0).GetProperty("f1").GetDouble(), 1e-12);
        JsonElement model = VersusTruth(request.Output, 3);
        Assert.True(model.GetProperty("is_model").GetBoolean());
        Assert.Equal(Sklearn("Atelectasis").GetProperty("at_0.5").GetProperty("f1").GetDouble(),
            model.GetProperty("f1").GetDouble(), 1e-12);
    }

    [Fact]
    public void Run_calls_the_model_at_the_max_f1_threshold_chosen_on_validation()
    {
        // Validation = the study's own scores, so the chosen threshold is scikit-learn's max-F1 threshold on them.
        ReaderStudyRequest request = Request("max-f1") with
        {
            ValidationPredictions = EvaluationRunTests.WritePredictions(_dir, "model_a"),
            ValidationLabels = Data("cases.csv"),
        };
        ReaderStudyRun.Run(request, NullProgressSink.Instance);
        Assert.Equal(Sklearn("Atelectasis").GetProperty("max_f1").GetProperty("f1").GetDouble(),
            VersusTruth(request.Output, 3).GetProperty("f1").GetDouble(), 1e-12);
    }

    [Fact]
    public void Run_with_a_policy_chosen_on_data_and_no_validation_files_asks_for_them()
    {
        var e = Assert.Throws<ChestDxException>(() => ReaderStudyRun.Run(Request("youden"), NullProgressSink.Instance));
        Assert.Equal("--thresholds youden is chosen on validation data: "
            + "give --val-predictions and --val-labels (or a thresholds.csv)", e.Message);
    }

    [Fact]
    public void Model_thresholds_fixed_gives_every_predicted_class_the_value_and_a_file_is_read_as_written()
    {
        string predictions = EvaluationRunTests.WritePredictions(_dir, "model_a");
        PredictionTable table = PredictionTable.Read(predictions, ScoreScale.Probabilities);
        var (fixedPerClass, fixedText) =
            ModelThresholds.Resolve("fixed:0.3", table, null, null, ScoreScale.Probabilities);
        Assert.Equal(table.Classes, fixedPerClass.Keys);
        Assert.All(fixedPerClass.Values, v => Assert.Equal(0.3, v));
        Assert.Equal("fixed:0.3", fixedText);

        string file = Path.Combine(_dir, "thresholds.csv");
        File.WriteAllText(file, "class,threshold\nAtelectasis,0.25\nHernia,\n");
        var (fromFile, fileText) = ModelThresholds.Resolve(file, table, null, null, ScoreScale.Probabilities);
        Assert.Equal(new Dictionary<string, double> { ["Atelectasis"] = 0.25 }, fromFile);
        Assert.Equal(file, fileText);
    }
}
