using System.Diagnostics;

namespace ChestDx.Cli.Tests.Ingest;

public class IngestCommandTests : IDisposable
{
    private static readonly string Images = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "images");
    private static readonly string Labels =
        Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "Data_Entry_sample.csv");
    private readonly string _dir =
        Path.Combine(Path.GetTempPath(), "chestdx-cli-ingest-" + Guid.NewGuid().ToString("N")[..10]);

    public IngestCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args, 120);

    private string[] IngestArgs(string output) =>
        ["ingest", "--source", Images, "--labels", Labels, "--out", output, "--no-pseudonym", "--workers", "2"];

    [Fact]
    public void Ingest_prints_the_split_table_and_verify_passes()
    {
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = Run(IngestArgs(pack));
        Assert.True(code == 0, error);
        Assert.Contains("11 images of 256×256, 0 rejected", output);
        Assert.Contains("train", output);
        Assert.Contains("test", output);

        (code, output, error) = Run("pack", "verify", pack, "--source", Images);
        Assert.True(code == 0, error);
        Assert.Contains("ok: 11 image hashes", output);
    }

    [Fact]
    public void Verify_reports_a_tampered_image()
    {
        string pack = Path.Combine(_dir, "pack");
        Assert.Equal(0, Run(IngestArgs(pack)).Code);
        using (var f = new FileStream(Path.Combine(pack, "images.u8"), FileMode.Open))
        {
            f.Position = 3 * 65536 + 5;
            f.WriteByte(1);
            f.WriteByte(2);
        }
        (int code, _, string error) = Run("pack", "verify", pack);
        Assert.Equal(1, code);
        Assert.Contains("row 3 (", error);
        Assert.Contains("do not match pixels_sha256", error);
    }

    /// <summary>pack merge holds its output's lock while it runs; the lock file it leaves does not make the output
    /// "not empty" for itself, and the merged pack equals a single run's.</summary>
    [Fact]
    public void Pack_merge_under_its_output_lock_gives_the_single_run_pack()
    {
        string whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run(IngestArgs(whole)).Code);
        string[] shards = [Path.Combine(_dir, "s0"), Path.Combine(_dir, "s1")];
        for (int i = 0; i < 2; i++) Assert.Equal(0, Run([.. IngestArgs(shards[i]), "--shard", $"{i}/2"]).Code);
        string merged = Path.Combine(_dir, "merged");
        (int code, _, string error) = Run("pack", "merge", "--out", merged, shards[1], shards[0]);
        Assert.True(code == 0, error);
        AssertSamePack(whole, merged);
    }

    [Fact]
    public void Verify_reports_a_temporary_left_in_the_pack()
    {
        string pack = Path.Combine(_dir, "pack");
        Assert.Equal(0, Run(IngestArgs(pack)).Code);
        Assert.Equal(0, Run("pack", "verify", pack).Code);
        File.WriteAllText(Path.Combine(pack, ".manifest.csv.tmp-4242-0123456789abcdef0123456789abcdef"), "image_id,");
        (int code, _, string error) = Run("pack", "verify", pack);
        Assert.Equal(1, code);
        Assert.Contains(".manifest.csv.tmp-4242-0123456789abcdef0123456789abcdef: " +
                        "a temporary file of an interrupted write (delete it)", error);
    }

    [Fact]
    public void Labels_without_the_expected_columns_give_a_one_line_error_and_exit_1()
    {
        string bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "name,label\n");
        (int code, _, string error) = Run("ingest", "--source", Images, "--labels", bad,
            "--out", Path.Combine(_dir, "p"), "--no-pseudonym");
        Assert.Equal(1, code);
        Assert.StartsWith($"chestdx ingest: error: {bad}: expected a 'image_id' column", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Under_a_site_key_source_paths_and_image_ids_are_pseudonymised()
    {
        string key = Path.Combine(_dir, "site.key");
        File.WriteAllText(key, "a site key that only this hospital holds");
        string pack = Path.Combine(_dir, "pack");
        (int code, string output, string error) = Run("ingest", "--source", Images, "--labels", Labels, "--out", pack,
            "--key-file", key, "--workers", "2");
        Assert.True(code == 0, error);

        string[] lines = File.ReadAllLines(Path.Combine(pack, "manifest.csv"));
        string[] header = lines[0].Split(',');
        string[] Column(string name) => [.. lines.Skip(1).Select(l => l.Split(',')[Array.IndexOf(header, name)])];
        string[] clearNames = [.. Directory.GetFiles(Images).Select(Path.GetFileName).Order()!];
        Assert.Equal(11, Column("source").Length);
        Assert.Empty(Column("source").Intersect(clearNames));
        Assert.Empty(Column("image_id").Intersect(clearNames));
        Assert.All(Column("image_id"), id => Assert.Matches("^[0-9a-f]{32}$", id));
        // NIH patient id 493 never in clear under a key
        Assert.DoesNotContain(",493,", string.Join('\n', lines), StringComparison.Ordinal);
        foreach (string name in clearNames)
            Assert.DoesNotContain(Path.GetFileNameWithoutExtension(name!), output + error);
    }

    [Fact]
    public void Source_paths_have_no_clear_opt_out_under_a_key()
    {
        File.WriteAllText(Path.Combine(_dir, "site.key"), "a site key that only this hospital holds");
        (int code, _, string error) = Run("ingest", "--source", Images, "--labels", Labels,
            "--out", Path.Combine(_dir, "p"), "--key-file", Path.Combine(_dir, "site.key"), "--source-paths", "clear");
        Assert.NotEqual(0, code);
        Assert.Contains("--source-paths", error);
    }

    [Fact]
    public void Missing_key_is_refused()
    {
        (int code, _, string error) =
            Run("ingest", "--source", Images, "--labels", Labels, "--out", Path.Combine(_dir, "p"));
        Assert.Equal(1, code);
        Assert.Contains("no pseudonym key", error);
    }

    [Theory]
    // Values the option's parser refuses are usage errors (exit 2); those the ingestion stage checks, failures (1).
    [InlineData("--size", "300", "allowed sizes are 224, 256, 512", 1)]
    [InlineData("--shard", "3/3", "expected i/N with 0 ≤ i < N", 1)]
    [InlineData("--split", "bogus", "expected official, random, file:PATH or none", 2)]
    [InlineData("--aspect", "square", "--aspect 'square' is not pad or crop", 2)]
    public void Bad_options_are_one_line_errors(string option, string value, string message, int exit)
    {
        (int code, _, string error) = Run([.. IngestArgs(Path.Combine(_dir, "p")), option, value]);
        Assert.Equal(exit, code);
        Assert.StartsWith("chestdx ingest: error: ", error);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    /// <summary>
    /// The real thing: the CLI runs as a child process (the test harness, KillHarness.cs) and is SIGKILLed after
    /// writing the 6th image's bytes but before journaling it; the same command then finishes the pack, which must
    /// equal an uninterrupted run byte for byte.
    /// </summary>
    [Fact]
    public void Kill_minus_9_mid_run_then_the_same_command_gives_the_identical_pack()
    {
        string whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run(IngestArgs(whole)).Code);

        string pack = Path.Combine(_dir, "killed");
        (int killed, string log) = Child([KillHarness.Option, "journal-line:6", .. IngestArgs(pack)], harness: true);
        Assert.True(killed == 137, $"expected SIGKILL (137), got {killed}: {log}");
        Assert.True(Directory.Exists(Path.Combine(pack, ".partial")));
        Assert.False(File.Exists(Path.Combine(pack, "pack.json")));

        (int code, string output) = Child(IngestArgs(pack));
        Assert.True(code == 0, output);
        Assert.Contains("resuming: 5 of 11 inputs already done (5 images verified)", output);
        AssertSamePack(whole, pack);
    }

    /// <summary>
    /// A kill -9 at each phase of a run (first and last image, each file of the finish) then the same command: the
    /// pack equals an uninterrupted run's, no temporary of the killed writer is left anywhere in it, pack verify
    /// passes, and a finish that was interrupted is not redone from the first image.
    /// </summary>
    [Theory]
    [InlineData("journal-line:1", 0)]
    [InlineData("journal-line:11", 10)]
    [InlineData("manifest", 11)]
    [InlineData("rejected", 11)]
    [InlineData("images-moved", 11)]
    [InlineData("pack-json", 11)]
    public void Kill_minus_9_at_each_phase_leaves_no_temporaries_in_the_resumed_pack(string point, int done)
    {
        string whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Run(IngestArgs(whole)).Code);

        string pack = Path.Combine(_dir, "killed");
        (int killed, string log) = Child([KillHarness.Option, point, .. IngestArgs(pack)], harness: true);
        Assert.True(killed == 137, $"expected SIGKILL (137) at {point}, got {killed}: {log}");
        if (point is "manifest" or "rejected")
            Assert.NotEmpty(Directory.GetFiles(pack, ".*.tmp-*")); // the kill did leave debris for the resume to clear

        (int code, string output) = Child(IngestArgs(pack));
        Assert.True(code == 0, output);
        if (done > 0) Assert.Contains($"resuming: {done} of 11 inputs already done", output);
        AssertSamePack(whole, pack);
        Assert.Empty(Directory.GetFiles(pack, "*.tmp-*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(pack, ".partial")));
        (code, _, string error) = Run("pack", "verify", pack, "--source", Images);
        Assert.True(code == 0, error);
    }

    private static void AssertSamePack(string whole, string pack)
    {
        foreach (string name in new[] { "images.u8", "manifest.csv", "rejected.csv", "pack.json" })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, name)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(pack, name))), $"{name} differs");
    }

    /// <summary>Runs chestdx (or, with <paramref name="harness"/>, the kill harness) as a child process.</summary>
    private static (int Code, string Output) Child(string[] args, bool harness = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(
            Path.Combine(AppContext.BaseDirectory, harness ? "ChestDx.Cli.Tests.dll" : "chestdx.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) process.Kill();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
