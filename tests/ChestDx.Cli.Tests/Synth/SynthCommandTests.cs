
namespace ChestDx.Cli.Tests.Synth;

/// <summary>`chestdx synth` end to end: files, summary table, resume, and one-line errors.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-synth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Synth_writes_images_labels_and_manifest_and_prints_the_prevalence_table()
    {
        string output = Path.Combine(_dir, "phantoms");
        var (code, stdout, stderr) = Run("synth", "--out", output, "--count", "4", "--size", "48", "--seed", "3",
            "--findings", "Nodule=1,Effusion=0", "--images-per-patient", "2", "--bits", "16");

        Assert.True(code == 0, stderr);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "images"), "*.png").Length);
        Assert.True(File.Exists(Path.Combine(output, "phantoms.json")));
        string[] labels = File.ReadAllLines(Path.Combine(output, "labels.csv"));
        Assert.Equal(5, labels.Length);
        Assert.All(labels.Skip(1), l => Assert.Equal("1", l.Split(',')[5 + 5])); // Nodule is CheXNet column 5
        Assert.Equal(["ph000000", "ph000000", "ph000001", "ph000001"], labels.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Contains("Nodule", stdout);
        Assert.Contains("4 images of 2 patients", stdout);
        Assert.Contains("Wrote 4 images (0 already there)", stdout);
    }

    [Fact]
    public void A_second_run_with_the_same_settings_resumes_instead_of_rewriting()
    {
        string output = Path.Combine(_dir, "resume");
        string[] args = ["synth", "--out", output, "--count", "3", "--size", "40"];
        Assert.Equal(0, Run(args).Code);
        File.Delete(Path.Combine(output, "images", "ph000002_000.png"));
        var (code, stdout, stderr) = Run(args);
        Assert.True(code == 0, stderr);
        Assert.Contains("Wrote 1 images (2 already there)", stdout);
    }

    [Theory]
    [InlineData("--bits", "12", "--bits: must be 8 or 16, not 12")]
    [InlineData("--size", "8", "--size: must be 32–2048 pixels, not 8")]
    [InlineData("--findings", "Hernia", "--findings: 'Hernia' cannot be planted")]
    public void Bad_options_give_one_line_errors_and_exit_code_1(string option, string value, string message)
    {
        var (code, _, stderr) = Run("synth", "--out", Path.Combine(_dir, "bad"), "--count", "2", option, value);
        Assert.Equal(1, code);
        Assert.StartsWith("chestdx synth: error: " + message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Settings_that_differ_from_the_folders_are_refused_naming_phantoms_json()
    {
        string output = Path.Combine(_dir, "mismatch");
        Assert.Equal(0, Run("synth", "--out", output, "--count", "2", "--size", "40", "--seed", "1").Code);
        var (code, _, stderr) = Run("synth", "--out", output, "--count", "2", "--size", "40", "--seed", "2");
        Assert.Equal(1, code);
        Assert.StartsWith($"chestdx synth: error: {Path.Combine(output, "phantoms.json")}: ", stderr);
    }
}
