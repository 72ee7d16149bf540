using System.Text.Json;

namespace ChestDx.Cli.Tests.Evaluation;

/// <summary>
/// `chestdx readers --ties` is a closed choice (issue 13 item 4): parsed by Choice&lt;MajorityTie&gt; like every other
/// one, so it takes exactly negative or positive and refuses anything else with one line before the study runs.
/// </summary>
public sealed class ReadersTiesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-ties-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Readers => Path.Combine(AppContext.BaseDirectory, "data", "eval-reference", "readers.csv");

    private string[] Args(string outDir, params string[] extra) =>
        ["readers", "--readers", Readers, "--reference", "majority", "--bootstrap", "0", "--out",
         Path.Combine(_dir, outDir), .. extra];

    private JsonElement Study(string outDir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, outDir, "readers.json"))).RootElement;

    [Fact]
    public void Negative_and_positive_are_accepted_recorded_and_applied()
    {
        (int code, _, string error) = CliRunner.Run(Args("default"));
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run(Args("negative", "--ties", "negative"));
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run(Args("positive", "--ties", "positive"));
        Assert.True(code == 0, error);

        Assert.Equal("negative", Study("default").GetProperty("majority_ties").GetString());
        Assert.Equal("negative", Study("negative").GetProperty("majority_ties").GetString());
        Assert.Equal("positive", Study("positive").GetProperty("majority_ties").GetString());
        // The three readers of readers.csv split 1–1 on some images in the CheXNet protocol (two other readers), so
        // the rule changes the protocol's references and with them the readers' F1.
        string F1s(string outDir) => string.Join(";", Study(outDir).GetProperty("classes").EnumerateArray()
            .Select(c => c.GetProperty("chexnet_protocol").GetProperty("readers").GetRawText()));
        Assert.Equal(F1s("default"), F1s("negative"));
        Assert.NotEqual(F1s("negative"), F1s("positive"));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("Negative")] // names are exact, as for every closed choice
    [InlineData("pos")]
    public void Any_other_value_is_a_one_line_error_naming_the_allowed_names(string value)
    {
        (int code, _, string error) = CliRunner.Run(Args("bad", "--ties", value));
        Assert.Equal(2, code); // a usage error (docs/cli.md)
        Assert.Equal($"chestdx readers: error: --ties '{value}' is not negative or positive "
            + "(see chestdx readers --help)", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "bad")));
    }
}
