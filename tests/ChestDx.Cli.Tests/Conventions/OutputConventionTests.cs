using System.Text.Json;

namespace ChestDx.Cli.Tests.Conventions;

/// <summary>docs/cli.md's output rules on the commands that are quick to run: results on stdout, JSON snake_case,
/// pack merge's output named by --out.</summary>
public sealed class OutputConventionTests
{
    private static readonly string Generated = Path.Combine(AppContext.BaseDirectory, "data", "dicom", "generated");

    [Fact]
    public void Dicom_info_json_is_all_of_stdout_and_stderr_stays_empty()
    {
        var (exit, output, error) = CliRunner.Run(["dicom", "info", Path.Combine(Generated, "base_u12_ele.dcm"),
            "--json"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using JsonDocument doc = JsonDocument.Parse(output); // throws if anything but one JSON value is on stdout
        Assert.True(doc.RootElement.TryGetProperty("transfer_syntax_uid", out _));
    }

    [Fact]
    public void Pack_merge_takes_its_output_from_out_not_from_the_first_positional()
    {
        string dir = Directory.CreateTempSubdirectory("chestdx-merge-").FullName;
        try
        {
            // The old spelling `pack merge OUT SHARD…` now lacks --out: a usage error, and OUT is not created.
            var (exit, _, error) = CliRunner.Run(["pack", "merge", Path.Combine(dir, "merged"),
                Path.Combine(dir, "shard-0")]);
            Assert.Equal(2, exit);
            Assert.Equal("chestdx pack merge: error: Option '--out' is required. (see chestdx pack merge --help)",
                error.TrimEnd());
            Assert.False(Directory.Exists(Path.Combine(dir, "merged")));

            // An option where a shard is expected is refused, not read as a shard path.
            (exit, _, error) = CliRunner.Run(["pack", "merge", "--out", Path.Combine(dir, "merged"), "--output",
                Path.Combine(dir, "shard-0")]);
            Assert.Equal(2, exit);
            Assert.Contains("'--output'", error);
            Assert.False(Directory.Exists(Path.Combine(dir, "merged")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Doctor_json_keys_are_snake_case()
    {
        var (exit, output, _) = CliRunner.Run(["doctor", "--json", "--no-smoke"]);
        Assert.True(exit is 0 or 1);
        using JsonDocument doc = JsonDocument.Parse(output);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(k), k));
    }
}
