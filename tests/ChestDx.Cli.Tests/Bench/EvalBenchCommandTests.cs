using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests.Bench;

public sealed class EvalBenchCommandTests
{
    [Fact]
    public void Prints_chestdx_medians_and_says_when_scikit_learn_is_skipped()
    {
        // A smoke test of the command's shape on a tiny set, not a timing.
        var console = new TestConsole().Width(250);
        var error = new StringWriter();
        string python = Path.Combine(Path.GetTempPath(), "chestdx-no-such-python");
        int exit = ChestDxApp.Run(
            ["bench", "eval", "--images", "300", "--resamples", "2", "--repeats", "1", "--python", python],
            console, error);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("Synthetic set: 300 images × 14 classes (seed 0)", console.Output);
        Assert.Contains($"{python} not found: scikit-learn column skipped.", console.Output);
        foreach (string row in new[] { "AUROC, 14 classes", "AUROC + DeLong CI, 14 classes", "2 bootstrap resamples" })
            Assert.Contains(row, console.Output);
    }

    [Fact]
    public void Too_few_images_for_a_rare_class_is_a_one_line_error()
    {
        // Seed 0 draws no Hernia case (prevalence 227 / 112,120) among the first 200 images.
        var console = new TestConsole().Width(250);
        var error = new StringWriter();
        int exit = ChestDxApp.Run(
            ["bench", "eval", "--images", "200", "--resamples", "2", "--repeats", "1", "--python", "none"],
            console, error);
        Assert.Equal(1, exit);
        Assert.Contains(
            "bench eval: 200 synthetic images have no positive 'Hernia' case; use more --images", error.ToString());
    }
}
