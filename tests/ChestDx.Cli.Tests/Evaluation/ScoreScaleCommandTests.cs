using System.Text.Json;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>Issue 11 item 7 through the real CLI:
/// `evaluate` refuses scores outside [0, 1] unless told they are logits.</summary>
public sealed class ScoreScaleCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-scores-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // Logits x and the labels: positives have the larger logits except one pair, so AUROC = 8/9 exactly.
    private static readonly (string Id, double Logit, int Label)[] Cases =
    [
        ("a", -3.0, 0), ("b", -1.0, 0), ("c", 0.4, 0), ("d", 0.2, 1), ("e", 2.0, 1), ("f", 5.5, 1),
    ];

    private string Labels() =>
        Write("labels.csv", "IMAGE_ID,Effusion\n" + string.Join("", Cases.Select(c => $"{c.Id},{c.Label}\n")));

    private string Logits() =>
        Write("logits.csv", "image_id,prob_Effusion\n" + string.Join("", Cases.Select(c => $"{c.Id},{c.Logit:R}\n")));

    [Fact]
    public void Logits_given_as_probabilities_are_a_one_line_error_naming_file_line_column_and_value()
    {
        string predictions = Logits();
        string outDir = Path.Combine(_dir, "out");
        (int code, _, string error) = CliRunner.Run(
            ["evaluate", "--predictions", predictions, "--labels", Labels(), "--out", outDir, "--bootstrap", "0"]);
        Assert.Equal(1, code);
        Assert.Equal($"chestdx evaluate: error: {predictions}: line 2: column \"prob_Effusion\": " +
                     "score -3 is outside [0, 1]; " +
                     "if the file holds logits, pass --scores logits (the sigmoid is then applied)", error.TrimEnd());
        Assert.False(File.Exists(Path.Combine(outDir, "metrics.json")));
    }

    [Fact]
    public void With_scores_logits_the_sigmoid_is_applied_and_a_0_5_threshold_means_logit_0()
    {
        string outDir = Path.Combine(_dir, "out");
        (int code, _, string error) = CliRunner.Run(["evaluate", "--predictions", Logits(), "--labels", Labels(),
            "--out", outDir, "--bootstrap", "0", "--scores", "logits"]);
        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        JsonElement effusion = doc.RootElement.GetProperty("classes")[0];
        Assert.Equal(8.0 / 9.0, effusion.GetProperty("auroc").GetDouble(), 1e-12);
        // At 0.5 on sigmoid(x), i.e. x > 0: called positive c, d, e, f;
        // true positives d, e, f of 3; false positives c of 3.
        string perClass = File.ReadAllText(Path.Combine(outDir, "per_class.csv"));
        Assert.Contains("Effusion", perClass);
        Assert.Equal(1.0, effusion.GetProperty("sensitivity").GetDouble(), 1e-12);
        Assert.Equal(2.0 / 3.0, effusion.GetProperty("specificity").GetDouble(), 1e-12);
    }

    /// <summary>model_a's probabilities from the eval-reference cases, as given or as logits ln(p / (1 − p))
    /// (0 for p = 0.5, exactly).</summary>
    private string ModelA(bool logits)
    {
        string[] lines =
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", "cases.csv"));
        string[] header = lines[0].Split(',');
        int[] columns = [.. header.Select((h, i) => (h, i)).Where(x => x.h.StartsWith("model_a.")).Select(x => x.i)];
        var text = new System.Text.StringBuilder(
            "image_id," + string.Join(",", columns.Select(i => header[i]["model_a.".Length..])) + "\n");
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            text.Append(f[0]).Append(',').AppendJoin(',', columns.Select(i =>
            {
                double p = double.Parse(f[i], System.Globalization.CultureInfo.InvariantCulture);
                return !logits ? f[i]
                    : p == 0.5 ? "0"
                    : Math.Log(p / (1 - p)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            })).Append('\n');
        }
        return Write(logits ? "a_logits.csv" : "a_probabilities.csv", text.ToString());
    }

    [Fact]
    public void Readers_refuses_logits_as_probabilities_and_with_scores_logits_makes_the_same_calls_as_probabilities()
    {
        string readers = Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", "readers.csv");
        string logits = ModelA(logits: true);
        string[] Args(string predictions, string outDir, params string[] extra) =>
            ["readers", "--readers", readers, "--reference", "majority", "--predictions", predictions,
             "--thresholds", "fixed:0.5",
             "--bootstrap", "0", "--out", Path.Combine(_dir, outDir), .. extra];

        (int code, _, string error) = CliRunner.Run(Args(logits, "refused"));
        Assert.Equal(1, code);
        Assert.StartsWith($"chestdx readers: error: {logits}: line 2: column \"", error);
        Assert.Contains("is outside [0, 1]; if the file holds logits, pass --scores logits", error);

        (code, _, error) = CliRunner.Run(Args(ModelA(logits: false), "p"));
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run(Args(logits, "l", "--scores", "logits"));
        Assert.True(code == 0, error);
        // sigmoid(logit(p)) = p to within rounding, and no p lies within rounding of 0.5 except 0.5 itself (logit 0,
        // sigmoid exactly 0.5): the model's calls, and so every reader-study number, are the same.
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "p", "readers.json")),
            File.ReadAllText(Path.Combine(_dir, "l", "readers.json")));
    }

    [Fact]
    public void An_unknown_scores_value_is_refused()
    {
        (int code, _, string error) = CliRunner.Run(["evaluate", "--predictions", Logits(), "--labels", Labels(),
            "--out", Path.Combine(_dir, "o"), "--scores", "percent"]);
        Assert.NotEqual(0, code);
        Assert.Contains("percent", error);
    }
}
