using System.Text.Json;
using ChestDx.Core.Packs;

namespace ChestDx.Cli.Tests.Demo;

/// <summary>
/// `chestdx demo` end to end on the bundled 11 NIH images: ingest → train (full DenseNet-121, CPU) → predict →
/// evaluate.
/// About 10 s of CPU here; marked Slow so it can be filtered locally, but CI runs it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args, 250);

    [Fact]
    public void Demo_runs_the_whole_pipeline_on_the_bundled_sample()
    {
        string outDir = Path.Combine(_dir, "demo");
        var (exit, output, err) = Run("demo", "--out", outDir, "--epochs", "2", "--threads", "1");
        Assert.True(exit == 0, err + output);

        // Every verb ran, in order, and was shown as the command a user would type.
        int at = 0;
        foreach (string verb in
                 new[] { "$ chestdx ingest", "$ chestdx train", "$ chestdx predict", "$ chestdx evaluate" })
        {
            at = output.IndexOf(verb, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{verb} missing or out of order:\n{output}");
        }

        // The pack follows NIH's official split: 6 of the 11 images are on test_list.txt.
        PackInfo pack = DatasetPack.ReadInfo(Path.Combine(outDir, "pack"));
        Assert.Equal(11, pack.Count);
        Assert.Equal(0, pack.Rejected);
        Assert.Equal(6, pack.Splits["test"].Images);
        Assert.Equal(5, pack.Splits["train"].Images + pack.Splits["val"].Images);

        // A DenseNet-121 was trained and exported, and its predictions cover the test split.
        // 7.0 M fp32 parameters
        Assert.True(new FileInfo(Path.Combine(outDir, "run", "model.safetensors")).Length > 25_000_000);
        string[] predictions = File.ReadAllLines(Path.Combine(outDir, "predictions.csv"));
        Assert.Equal(7, predictions.Length);
        Assert.StartsWith("image_id,Atelectasis,Cardiomegaly,", predictions[0]);

        // The report exists in every format; classes without positives in the 6 test images are undefined, not NaN.
        string report = Path.Combine(outDir, "report");
        foreach (string file in new[] { "report.html", "report.md", "metrics.json", "per_class.csv" })
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")));
        JsonElement classes = metrics.RootElement.GetProperty("classes");
        Assert.Equal(14, classes.GetArrayLength());
        JsonElement hernia = classes.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Hernia");
        Assert.Equal(JsonValueKind.Null, hernia.GetProperty("auroc").ValueKind);
        double mean = metrics.RootElement.GetProperty("mean_auroc").GetDouble();
        Assert.InRange(mean, 0, 1);

        Assert.Contains("report: " + Path.Combine(report, "report.html"), output);
        Assert.Contains("pipeline check, not a diagnostic model", output);
    }

    [Fact]
    public void Refuses_to_overwrite_an_earlier_demo_or_a_foreign_folder()
    {
        string outDir = Path.Combine(_dir, "used");
        Directory.CreateDirectory(Path.Combine(outDir, "pack"));
        var (exit, _, err) = Run("demo", "--out", outDir);
        Assert.Equal(1, exit);
        Assert.Contains("earlier demo; pass --overwrite", err);

        File.WriteAllText(Path.Combine(outDir, "thesis.docx"), "precious");
        (exit, _, err) = Run("demo", "--out", outDir, "--overwrite");
        Assert.Equal(1, exit);
        Assert.Contains("not empty and not an earlier demo (has thesis.docx)", err);
        Assert.True(File.Exists(Path.Combine(outDir, "thesis.docx")));
    }
}
