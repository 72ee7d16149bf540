using System.Text;
using System.Text.Json;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;
using ChestDx.Evaluation.Thresholds;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>`chestdx evaluate` and `chestdx readers` end to end on the eval-reference case.</summary>
public sealed class EvaluationCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-eval-").FullName;
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    /// <summary>model_a's scores from cases.csv as a predictions file with prob_ columns, rows shuffled.</summary>
    private string Predictions(string model = "model_a")
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
        string path = Path.Combine(_dir, $"{model}.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void Evaluate_writes_every_report_and_prints_the_table()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, output, err) = Run("evaluate", "--predictions", Predictions(), "--labels", Data("cases.csv"),
            "--out", outDir, "--bootstrap", "200", "--threshold-policy", "youden",
            "--compare-predictions", Predictions("model_b"), "--readers", Data("readers.csv"));
        Assert.True(code == 0, err);
        foreach (string f in new[] { "metrics.json", "per_class.csv", "thresholds.csv", "report.md", "report.html" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("Atelectasis", output);
        Assert.Contains("undefined (no positives)", output);
        Assert.Contains("optimistic", err); // youden chosen on test: warned

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        JsonElement root = doc.RootElement;
        JsonElement atelectasis = root.GetProperty("classes")[0];
        Assert.Equal("Atelectasis", atelectasis.GetProperty("name").GetString());
        Assert.Equal(600, atelectasis.GetProperty("n").GetInt32());
        Assert.Equal(120, atelectasis.GetProperty("positives").GetInt32());
        Assert.Equal(0.7750694444444445, atelectasis.GetProperty("auroc").GetDouble(), 1e-12);
        Assert.Equal(0.26, atelectasis.GetProperty("threshold").GetDouble(), 1e-12); // scikit-learn's Youden threshold
        Assert.Equal(2, atelectasis.GetProperty("auroc_ci").GetArrayLength());
        Assert.Equal(0.742897520117402,
            atelectasis.GetProperty("comparison").GetProperty("delong_p").GetDouble(), 1e-6);
        Assert.Equal("youden", root.GetProperty("threshold").GetProperty("policy").GetString());
        Assert.Equal("test", root.GetProperty("threshold").GetProperty("chosen_on").GetString());
        Assert.Equal(4, root.GetProperty("mean_auroc_classes").GetInt32());
        Assert.Equal("Hernia", root.GetProperty("excluded_from_means")[0].GetProperty("name").GetString());
        Assert.Equal(5, root.GetProperty("join").GetProperty("prob_prefix_removed_from").GetArrayLength());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Evaluate_writes_byte_for_byte_what_one_EvaluationRun_call_writes()
    {
        string cliDir = Path.Combine(_dir, "cli"), runDir = Path.Combine(_dir, "run");
        string a = Predictions(), b = Predictions("model_b");
        string[] args = ["evaluate", "--predictions", a, "--labels", Data("cases.csv"), "--out", cliDir,
            "--val-predictions", a, "--val-labels", Data("cases.csv"), "--threshold-policy", "max-f1",
            "--bootstrap", "300", "--seed", "11", "--compare-predictions", b, "--readers", Data("readers.csv")];
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var error = new StringWriter();
        int code = ChestDxApp.Run(args, new Spectre.Console.Testing.TestConsole(), error, clock);
        Assert.True(code == 0, error.ToString());

        EvaluationRun.Run(new EvaluationRequest
        {
            Predictions = a, Labels = Data("cases.csv"), Output = runDir,
            ValidationPredictions = a, ValidationLabels = Data("cases.csv"),
            ComparePredictions = b, Readers = [Data("readers.csv")],
            // What the CLI records: the same command with its paths reduced to file names, and the same clock.
            CommandLine = "chestdx evaluate --predictions model_a.csv --labels cases.csv --out cli "
                + "--val-predictions model_a.csv --val-labels cases.csv --threshold-policy max-f1 --bootstrap 300 "
                + "--seed 11 --compare-predictions model_b.csv --readers readers.csv",
            Clock = clock,
            Options = new EvaluationOptions
            {
                Threshold = ThresholdPolicy.Parse("max-f1"),
                Bootstrap = new BootstrapOptions { Resamples = 300, Seed = 11 },
            },
        }, NullProgressSink.Instance);

        foreach (string f in EvaluationReport.Files)
        {
            byte[] cli = File.ReadAllBytes(Path.Combine(cliDir, f)), run = File.ReadAllBytes(Path.Combine(runDir, f));
            Assert.True(cli.AsSpan().SequenceEqual(run), $"{f}: `chestdx evaluate` and EvaluationRun.Run differ");
        }
    }

    [Fact]
    public void Evaluate_reports_bad_input_as_one_line_and_exit_code_1_and_bad_options_with_2()
    {
        string p = Path.Combine(_dir, "p.csv");
        File.WriteAllText(p, "id,Atelectasis\nimg9999,0.5\n");
        var (code, _, err) = Run("evaluate", "--predictions", p, "--labels", Data("cases.csv"),
            "--out", Path.Combine(_dir, "o"));
        Assert.Equal(1, code);
        Assert.StartsWith($"chestdx evaluate: error: {p}: 1 of 1 id(s) have no row in", err);
        Assert.Single(err.TrimEnd().Split('\n'));

        var (code2, _, err2) = Run("evaluate", "--predictions", p, "--labels", Data("cases.csv"),
            "--out", Path.Combine(_dir, "o"), "--threshold-policy", "best");
        Assert.Equal(2, code2); // a value the option's parser refuses: a usage error (docs/cli.md)
        Assert.Contains("threshold policy \"best\"", err2);
        Assert.Single(err2.TrimEnd().Split('\n'));

        var (code3, _, err3) = Run("evaluate", "--predictions", p, "--labels", Data("cases.csv"),
            "--out", Path.Combine(_dir, "o"), "--id-match", "rows");
        Assert.Equal(2, code3); // a usage error (docs/cli.md)
        Assert.Equal("chestdx evaluate: error: --id-match 'rows' is not exact, predictions or labels "
            + "(see chestdx evaluate --help)", err3.Trim());
    }

    [Fact]
    public void Readers_runs_the_chexnet_protocol_with_the_model()
    {
        string outDir = Path.Combine(_dir, "readers");
        var (code, output, err) = Run("readers", "--readers", Data("readers.csv"), "--reference", "majority",
            "--predictions", Predictions(), "--thresholds", "fixed:0.5", "--bootstrap", "200", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("model − readers", output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "readers.json")));
        JsonElement cls = doc.RootElement.GetProperty("classes")[0];
        Assert.Equal("Atelectasis", cls.GetProperty("name").GetString());
        JsonElement protocol = cls.GetProperty("chexnet_protocol");
        Assert.Equal(0.7206477732793523, protocol.GetProperty("readers")[0].GetProperty("f1").GetDouble(), 1e-9);
        Assert.Equal(3, cls.GetProperty("pairwise_kappa").GetArrayLength());
        Assert.Equal(3, protocol.GetProperty("model").GetArrayLength());
        Assert.Equal(2, protocol.GetProperty("model_minus_readers_ci").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(outDir, "readers.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "readers.md")));
    }

    [Fact]
    public void Readers_against_a_reference_file_and_a_thresholds_file()
    {
        string evalDir = Path.Combine(_dir, "eval");
        Assert.Equal(0, Run("evaluate", "--predictions", Predictions(), "--labels", Data("cases.csv"),
            "--out", evalDir, "--bootstrap", "0").Code);
        var (code, _, err) = Run("readers", "--readers", Data("readers.csv"), "--reference", Data("cases.csv"),
            "--predictions", Predictions(), "--thresholds", Path.Combine(evalDir, "thresholds.csv"),
            "--bootstrap", "0", "--out", Path.Combine(_dir, "r"));
        Assert.True(code == 0, err);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "r", "readers.json")));
        JsonElement r1 = doc.RootElement.GetProperty("classes")[0].GetProperty("versus_reference")[0];
        Assert.Equal(0.8421052631578947, r1.GetProperty("f1").GetDouble(), 1e-9); // scikit-learn: r1 vs truth
        JsonElement model = doc.RootElement.GetProperty("classes")[0].GetProperty("versus_reference")[3];
        Assert.True(model.GetProperty("is_model").GetBoolean());
        Assert.Equal(0.4873096446700507, model.GetProperty("f1").GetDouble(), 1e-9); // model_a at 0.5 vs truth
    }
}
