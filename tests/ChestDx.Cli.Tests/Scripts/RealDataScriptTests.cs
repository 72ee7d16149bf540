using System.Diagnostics;
using ChestDx.Cli.Tests.Repository;
using ChestDx.Core.Packs;

namespace ChestDx.Cli.Tests.Scripts;

/// <summary>
/// scripts/ingest-nih.sh, train-chexnet.sh and evaluate-nih.sh on the bundled sample, chained only through the
/// "next:" line each prints, run as the shell command it is: a hint that names the wrong variable (train once said
/// PREDICTIONS=… to a script that requires RUN) fails here. The scripts find `chestdx` through CHESTDX, here the
/// apphost built beside this test. The smallest settings: one epoch on 32-pixel crops, 100 bootstrap resamples.
/// About a minute of CPU with the full Data_Entry labels (112,109 rows without an image); Slow.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RealDataScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-scripts-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Runs <paramref name="command"/> with bash in the repository root; returns stdout and stderr.</summary>
    private (string Out, string Err) Bash(string command, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = SourceTree.Root(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach ((string k, string v) in env) start.Environment[k] = v;
        using Process p = Process.Start(start)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"`{command}` exited {p.ExitCode}:\n{err.Result}\n{output}");
        return (output, err.Result);
    }

    private static string Next(string output) =>
        Assert.Single(output.Split('\n'), l => l.StartsWith("next: ", StringComparison.Ordinal))["next: ".Length..];

    [Fact]
    public void Ingest_train_evaluate_scripts_run_on_the_sample_through_their_own_next_hints()
    {
        var env = new Dictionary<string, string>
        {
            ["CHESTDX"] = Path.Combine(AppContext.BaseDirectory, "chestdx"),
            ["NIH"] = "samples/nih-cxr14/images",
            ["PACK"] = Path.Combine(_dir, "nih-pack"),
            ["VAL_FRACTION"] = "0.2",
            ["RUN"] = Path.Combine(_dir, "run"),
            ["WEIGHTS"] = "",
            ["EPOCHS"] = "1",
            ["DEVICE"] = "cpu",
            ["TRAIN_ARGS"] = "--input-size 32 --batch-size 4 --set threads=1 --set early_stopping_patience=0",
            ["BOOTSTRAP"] = "100",
            // Google's reference set needs predictions for its 1,962 test images; the sample has 2 of them.
            ["GOOGLE"] = "no",
        };
        (string ingested, string ingestErr) = Bash("scripts/ingest-nih.sh", env);
        Assert.DoesNotContain("split 'val'", ingestErr);
        PackInfo pack = DatasetPack.ReadInfo(env["PACK"]);
        Assert.Equal(11, pack.Count);
        Assert.Equal(0, pack.Rejected);
        Assert.Equal(112_120 - 11, pack.LabelsWithoutImage);
        Assert.True(pack.Splits["val"].Images > 0);

        // The hints are run as printed, each naming what the step before made; the settings that make them small
        // (and where the run goes) come from the environment.
        env.Remove("PACK");
        (string trained, _) = Bash(Next(ingested), env);
        Assert.True(File.Exists(Path.Combine(_dir, "run", "test-predictions.csv")));
        env.Remove("RUN");
        Bash(Next(trained), env);
        Assert.True(File.Exists(Path.Combine(_dir, "run", "eval", "report.html")));
    }
}
