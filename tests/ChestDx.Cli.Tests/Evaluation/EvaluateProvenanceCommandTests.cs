using System.Text.Json;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>
/// `chestdx evaluate` records its command line in the report's provenance with every path reduced to its file name:
/// the folders typed may carry patient or site names (here a folder named like a DICOM patient name).
/// </summary>
public sealed class EvaluateProvenanceCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-provenance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_recorded_command_line_keeps_options_and_file_names_but_no_folders()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_dir, "Doe^Jane")).FullName;
        string labels = Path.Combine(folder, "labels.csv");
        File.WriteAllText(labels, "image_id,Atelectasis\na,1\nb,0\nc,0\n");
        string predictions = Path.Combine(folder, "predictions.csv");
        File.WriteAllText(predictions, "image_id,Atelectasis\na,0.9\nb,0.2\nc,0.4\n");
        string outDir = Path.Combine(folder, "report");

        var (code, _, err) = CliRunner.Run(["evaluate", "--predictions", predictions, "--labels", labels,
            "--out", outDir, "--bootstrap", "0", "--classes", "Atelectasis"]);

        Assert.True(code == 0, err);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        JsonElement p = doc.RootElement.GetProperty("provenance");
        Assert.Equal("chestdx evaluate --predictions predictions.csv --labels labels.csv --out report "
            + "--bootstrap 0 --classes Atelectasis", p.GetProperty("command_line").GetString());
        Assert.Equal("not recorded in the predictions file", p.GetProperty("model_not_recorded").GetString());
        string block = File.ReadAllText(Path.Combine(outDir, "report.md")).Split("## Provenance\n\n")[1]
            .Split("\n\n")[0];
        Assert.Contains("- Command: chestdx evaluate --predictions predictions.csv --labels labels.csv", block);
        // Every report names its inputs by file name only (Core/IO/FileNames): the folder never appears.
        Assert.Equal("predictions.csv", doc.RootElement.GetProperty("predictions").GetString());
        Assert.Equal("labels.csv", doc.RootElement.GetProperty("labels").GetString());
        foreach (string file in Directory.GetFiles(outDir))
            Assert.DoesNotContain("Doe^Jane", File.ReadAllText(file));
    }
}
