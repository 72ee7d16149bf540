using System.Text;
using System.Text.Json;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>`chestdx evaluate --subgroups`: options parsed, files written, a summary printed, bad input refused in
/// one line.</summary>
public sealed class SubgroupCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-subgroups-").FullName;
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>model_a's scores for the four classes with positives (Hernia has none, so no threshold).</summary>
    private string Predictions()
    {
        string[] classes = ["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia"];
        string[] lines = File.ReadAllLines(Data("cases.csv"));
        string[] header = lines[0].Split(',');
        var sb = new StringBuilder("image_id," + string.Join(",", classes) + "\n");
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            sb.AppendLine(f[0] + "," + string.Join(",", classes.Select(c => f[Array.IndexOf(header, $"model_a.{c}")])));
        }
        string path = Path.Combine(_dir, "predictions.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void Subgroups_by_sex_and_site_write_the_subgroup_files_and_print_the_underdiagnosis_table()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, output, err) = CliRunner.Run(["evaluate", "--predictions", Predictions(), "--labels",
            Data("cases.csv"), "--out", outDir, "--bootstrap", "100", "--threshold-policy", "youden",
            "--subgroups", "sex,site", "--subgroup-file", Data("subgroups/metadata.csv")]);
        Assert.True(code == 0, err);
        foreach (string f in new[] { "subgroups.json", "subgroups.csv", "underdiagnosis.csv" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("Underdiagnosis", output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "subgroups.json")));
        Assert.Equal(["sex", "site"], doc.RootElement.GetProperty("attributes").EnumerateArray()
            .Select(e => e.GetString()));
        Assert.Equal(100, doc.RootElement.GetProperty("bootstrap").GetProperty("resamples").GetInt32());
        Assert.Equal("patient", doc.RootElement.GetProperty("bootstrap").GetProperty("unit").GetString());
    }

    [Fact]
    public void An_unknown_attribute_is_refused_by_name()
    {
        var (code, _, err) = CliRunner.Run(["evaluate", "--predictions", Predictions(), "--labels", Data("cases.csv"),
            "--out", Path.Combine(_dir, "out"), "--subgroups", "sex,race"]);
        Assert.NotEqual(0, code);
        Assert.Contains("--subgroups 'race' is not sex, age, view or site", err);
    }

    [Fact]
    public void Subgroups_without_metadata_are_refused_in_one_line()
    {
        var (code, _, err) = CliRunner.Run(["evaluate", "--predictions", Predictions(), "--labels", Data("cases.csv"),
            "--out", Path.Combine(_dir, "out"), "--bootstrap", "0", "--subgroups", "sex"]);
        Assert.NotEqual(0, code);
        Assert.Contains("--subgroups needs image metadata", err);
        Assert.Single(err.Trim().Split('\n'));
    }
}
