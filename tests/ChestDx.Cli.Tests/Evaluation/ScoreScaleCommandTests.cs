using System.Text.Json;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>Issue 11 item 7 through the real CLI: `evaluate` refuses scores outside [0, 1] unless told they are logits.</summary>
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

    private string Labels() => Write("labels.csv", "IMAGE_ID,Effusion\n" + string.Join("", Cases.Select(c => $"{c.Id},{c.Label}\n")));

    private string Logits() => Write("logits.csv", "image_id,prob_Effusion\n" + string.Join("", Cases.Select(c => $"{c.Id},{c.Logit:R}\n")));

    [Fact]
    public void Logits_given_as_probabilities_are_a_one_line_error_naming_file_line_column_and_value()
    {
        string predictions = Logits();
        string outDir = Path.Combine(_dir, "out");
        (int code, _, string error) = CliRunner.Run(["evaluate", "--predictions", predictions, "--labels", Labels(), "--out", outDir, "--bootstrap", "0"]);
        Assert.Equal(1, code);
        Assert.Equal($"chestdx evaluate: error: {predictions}: line 2: column \"prob_Effusion\": score -3 is outside [0, 1]; " +
                     "if the file holds logits, pass --scores logits (the sigmoid is then applied)", error.TrimEnd());
        Assert.False(File.Exists(Path.Combine(outDir, "metrics.json")));
    }

    [Fact]
    public void With_scores_logits_the_sigmoid_is_applied_and_a_0_5_threshold_means_logit_0()
    {
        string outDir = Path.Combine(_dir, "out");
        (int code, _, string error) = CliRunner.Run(["evaluate", "--predictions", Logits(), "--labels", Labels(), "--out", outDir, "--bootstrap", "0", "--scores", "logits"]);
        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        JsonElement effusion = doc.RootElement.GetProperty("classes")[0];
        Assert.Equal(8.0 / 9.0, effusion.GetProperty("auroc").GetDouble(), 1e-12);
        // At 0.5 on sigmoid(x), i.e. x > 0: called positive c, d, e, f; true positives d, e, f of 3; false positives c of 3.
        string perClass = File.ReadAllText(Path.Combine(outDir, "per_class.csv"));
        Assert.Contains("Effusion", perClass);
        Assert.Equal(1.0, effusion.GetProperty("sensitivity").GetDouble(), 1e-12);
        Assert.Equal(2.0 / 3.0, effusion.GetProperty("specificity").GetDouble(), 1e-12);
    }

    [Fact]
    public void An_unknown_scores_value_is_refused()
    {
        (int code, _, string error) = CliRunner.Run(["evaluate", "--predictions", Logits(), "--labels", Labels(), "--out", Path.Combine(_dir, "o"), "--scores", "percent"]);
        Assert.NotEqual(0, code);
        Assert.Contains("percent", error);
    }
}
