using Spectre.Console.Testing;

namespace ChestDx.Cli.Tests.Bench;

public sealed class DicomBenchCommandTests
{
    [Fact]
    public void Prints_chestdx_medians_for_each_operation()
    {
        // A smoke test of the command's shape, not a timing: speed claims come from running it, see its help.
        string file = Path.Combine(AppContext.BaseDirectory, "data", "dicom", "generated", "u12_rle.dcm");
        var console = new TestConsole().Width(250);
        var error = new StringWriter();
        int exit = ChestDxApp.Run(["bench", "dicom", "--no-large", "--iterations", "1", file], console, error);
        Assert.Equal(0, exit);
        Assert.Contains("u12_rle", console.Output);
        foreach (string op in new[] { "decode", "render 8-bit", "header scan" }) Assert.Contains(op, console.Output);
        Assert.DoesNotContain("decoder not available", console.Output);
    }
}
