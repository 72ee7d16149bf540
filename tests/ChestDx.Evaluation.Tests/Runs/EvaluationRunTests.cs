using System.Text;
using System.Text.Json;
using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Evaluation.Tests.Runs;

/// <summary>The evaluation stage's entry point on the eval-reference case, without the CLI.</summary>
public sealed class EvaluationRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-eval-run-").FullName;
    private static string Data(string name) => Path.Combine(ReferenceCase.DataDir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Sklearn(string cls) =>
        ReferenceCase.Sklearn.GetProperty("per_class").GetProperty(cls).GetProperty("model_a");

    /// <summary>One model's scores from cases.csv as a predictions file with prob_ columns, rows reversed.</summary>
    internal static string WritePredictions(string directory, string model)
    {
        string[] lines = File.ReadAllLines(Data("cases.csv"));
        string[] header = lines[0].Split(',');
        string[] classes = header.Skip(1).Where(h => !h.Contains('.')).ToArray();
        var sb = new StringBuilder("image_id," + string.Join(",", classes.Select(c => "prob_" + c)) + "\n");
        foreach (string line in lines.Skip(1).Reverse())
        {
            string[] f = line.Split(',');
            sb.AppendLine(f[0] + "," + string.Join(",", classes.Select(c => f[Array.IndexOf(header, $"{model}.{c}")])));
        }
        string path = Path.Combine(directory, $"{model}.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private EvaluationRequest Request(string output) => new()
    {
        Predictions = WritePredictions(_dir, "model_a"),
        Labels = Data("cases.csv"),
        Output = Path.Combine(_dir, output),
        ValidationPredictions = WritePredictions(_dir, "model_a"),
        ValidationLabels = Data("cases.csv"),
        ComparePredictions = WritePredictions(_dir, "model_b"),
        Readers = [Data("readers.csv")],
        Clock = new FixedClock(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)),
        Options = new EvaluationOptions
        {
            Threshold = ThresholdPolicy.Parse("youden"),
            Bootstrap = new BootstrapOptions { Resamples = 200, Seed = 7 },
        },
    };

    [Fact]
    public void Run_writes_every_report_with_thresholds_chosen_on_validation()
    {
        EvaluationRequest request = Request("out");
        EvaluationOutcome outcome = EvaluationRun.Run(request, NullProgressSink.Instance);

        Assert.Equal(request.Output, outcome.Directory);
        Assert.Equal(EvaluationReport.Files, outcome.Files);
        foreach (string f in outcome.Files) Assert.True(File.Exists(Path.Combine(request.Output, f)), f);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(request.Output, "metrics.json")));
        JsonElement atelectasis = doc.RootElement.GetProperty("classes")[0];
        Assert.Equal("Atelectasis", atelectasis.GetProperty("name").GetString());
        Assert.Equal(Sklearn("Atelectasis").GetProperty("auroc").GetDouble(),
            atelectasis.GetProperty("auroc").GetDouble(), 1e-12);
        // Validation = the test scores here, so the threshold is scikit-learn's Youden threshold on them.
        Assert.Equal(Sklearn("Atelectasis").GetProperty("youden_threshold").GetDouble(),
            atelectasis.GetProperty("threshold").GetDouble(), 1e-12);
        Assert.Equal("validation", doc.RootElement.GetProperty("threshold").GetProperty("chosen_on").GetString());
        Assert.DoesNotContain(outcome.Result.Notes, n => n.Contains("optimistic", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_writes_the_same_files_as_joining_evaluating_and_writing_by_hand()
    {
        EvaluationRequest request = Request("run");
        EvaluationRun.Run(request, NullProgressSink.Instance);

        // The steps `chestdx evaluate` took itself before the stage had an entry point.
        ReferenceLabels labels = LabelReader.Read(request.Labels);
        EvaluationSet test = EvaluationSet.Join(PredictionTable.Read(request.Predictions, request.Scale), labels);
        EvaluationSet validation = EvaluationSet.Join(
            PredictionTable.Read(request.ValidationPredictions!, request.Scale),
            LabelReader.Read(request.ValidationLabels!), null, test.Classes);
        EvaluationSet comparison = EvaluationSet.Join(
            PredictionTable.Read(request.ComparePredictions!, request.Scale), labels, null, test.Classes);
        EvaluationResult result =
            Evaluator.Run(test, request.Options, validation, comparison, NullProgressSink.Instance);
        string byHand = Path.Combine(_dir, "by-hand");
        var additions = new ReportAdditions
        {
            Provenance = ProvenanceCollector.Collect(
                request, PredictionTable.Read(request.Predictions, request.Scale), test),
        };
        EvaluationReport.WriteAll(byHand, result, ReaderPoints.Against(test, request.Readers), additions);

        foreach (string f in EvaluationReport.Files)
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(byHand, f));
            byte[] actual = File.ReadAllBytes(Path.Combine(request.Output, f));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{f} differs between EvaluationRun.Run and by hand");
        }
    }

    [Fact]
    public void Run_refuses_validation_predictions_without_their_labels_before_evaluating()
    {
        EvaluationRequest request = Request("half") with { ValidationLabels = null };
        var e = Assert.Throws<ChestDxException>(() => EvaluationRun.Run(request, NullProgressSink.Instance));
        Assert.Equal("--val-predictions and --val-labels go together", e.Message);
        Assert.False(File.Exists(Path.Combine(request.Output, "metrics.json")));
    }

    [Fact]
    public void Run_refuses_a_negative_bootstrap_count_before_reading_inputs()
    {
        EvaluationRequest request = Request("negative") with
        {
            Predictions = Path.Combine(_dir, "missing.csv"),
            Options = new EvaluationOptions { Bootstrap = new BootstrapOptions { Resamples = -1 } },
        };
        var e = Assert.Throws<ChestDxException>(() => EvaluationRun.Run(request, NullProgressSink.Instance));
        Assert.Equal("--bootstrap cannot be negative", e.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
