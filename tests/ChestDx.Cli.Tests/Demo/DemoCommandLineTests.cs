using System.Diagnostics;
using ChestDx.Core.Packs;

namespace ChestDx.Cli.Tests.Demo;

/// <summary>
/// What the demo prints is what a user can paste: every step whole on one line however narrow the console (a cut
/// banner once hid --val-fraction 0.2), paths relative to where the user stands, and a printed line, split into
/// words by a real POSIX shell, runs.
/// </summary>
public sealed class DemoCommandLineTests : IDisposable
{
    // Under the current directory, so the printed paths are relative to it.
    private readonly string _dir =
        Path.Combine(Environment.CurrentDirectory, "demo-cmd-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The words /bin/sh makes of <paramref name="line"/> (printf prints one per line).</summary>
    private static string[] ShellSplit(string line)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("printf '%s\\n' " + line);
        using Process sh = Process.Start(start)!;
        string output = sh.StandardOutput.ReadToEnd();
        sh.WaitForExit();
        Assert.Equal(0, sh.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Dry_run_prints_every_step_whole_and_relative_and_the_printed_ingest_runs()
    {
        string outDir = Path.Combine(_dir, "my demo");
        var (exit, output, err) = CliRunner.Run(["demo", "--dry-run", "--out", outDir, "--epochs", "1"], 40);
        Assert.True(exit == 0, err + output);

        string[] steps = output.Split('\n').Where(l => l.StartsWith("$ chestdx ", StringComparison.Ordinal))
            .Select(l => l["$ ".Length..].TrimEnd('\r')).ToArray();
        Assert.Equal(["ingest", "train", "predict", "predict", "evaluate"], steps.Select(s => s.Split(' ')[1]));
        Assert.All(steps, s => Assert.True(s.Length > 40, s)); // wider than the console, not cut
        Assert.Contains("--split official --val-fraction 0.2 --no-pseudonym", steps[0]);
        Assert.EndsWith("--threshold-policy max-f1 --bootstrap 2000", steps[4]);
        string relativeOut = Path.GetRelativePath(Environment.CurrentDirectory, outDir);
        Assert.Contains($"--out '{relativeOut}/pack'", steps[0]); // the space quoted for the shell
        foreach (string word in steps.SelectMany(ShellSplit))
            Assert.False(Path.IsPathRooted(word), $"absolute path {word} in {string.Join('\n', steps)}");
        Assert.False(Directory.Exists(outDir), "a dry run must not create --out");

        string[] ingest = ShellSplit(steps[0]);
        Assert.Equal("chestdx", ingest[0]);
        var run = CliRunner.Run([.. ingest[1..], "--workers", "2"]);
        Assert.True(run.Exit == 0, run.Err + run.Out);
        PackInfo pack = DatasetPack.ReadInfo(Path.Combine(outDir, "pack"));
        Assert.Equal(11, pack.Count);
        Assert.True(pack.Splits.GetValueOrDefault("val")?.Images > 0, "--val-fraction 0.2 gives the demo a val split");
    }
}
