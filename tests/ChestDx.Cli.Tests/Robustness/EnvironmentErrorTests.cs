using ChestDx.Training.Tests;

namespace ChestDx.Cli.Tests.Robustness;

/// <summary>
/// A read-only or full output disk is a one-line error naming the path and the cause, with exit code 1 and no stack
/// trace, for every command that writes; --verbose adds the trace. The disks are real file systems (ScratchMount).
/// </summary>
public sealed class EnvironmentErrorTests : IDisposable
{
    private static readonly string Images = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "images");
    private static readonly string Labels =
        Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "Data_Entry_sample.csv");
    private static readonly string Dicom =
        Path.Combine(AppContext.BaseDirectory, "data", "dicom", "generated", "base_u12_ele.dcm");

    private static readonly string[] TinyModel =
    [
        "--device", "cpu", "--input-size", "32", "--batch-size", "16", "--seed", "3",
        "--set", "model.growth_rate=8", "--set", "model.block_config=2,2,2,2", "--set", "model.num_init_features=16",
        "--set", "model.bn_size=2", "--set", "model.num_classes=2", "--set", "threads=1",
        "--set", "early_stopping_patience=0",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-env-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>The command line of <paramref name="verb"/> writing under <paramref name="root"/>. Predict and
    /// evaluate get inputs that do not exist: the error must still be about the output, which they check before
    /// reading.</summary>
    private string[] CommandLine(string verb, string root) => verb switch
    {
        "ingest" => ["ingest", "--source", Images, "--labels", Labels, "--out", Path.Combine(root, "pack"),
            "--no-pseudonym", "--workers", "1"],
        "train" => ["train", "--data", TinyPack.Create(P("pack"), train: 32, val: 16),
            "--out", Path.Combine(root, "run"), "--epochs", "1", .. TinyModel],
        "predict" => ["predict", "--model", P("no-such-run"), "--data", P("no-such-pack"),
            "--out", Path.Combine(root, "p.csv"), "--device", "cpu"],
        "evaluate" => ["evaluate", "--predictions", P("no-such.csv"), "--labels", P("no-such-labels.csv"),
            "--out", Path.Combine(root, "eval")],
        "synth" => ["synth", "--out", Path.Combine(root, "phantoms"), "--count", "2", "--size", "64", "--workers", "1"],
        "dicom export" => ["dicom", "export", Dicom, "--out", Path.Combine(root, "frame.png")],
        _ => throw new ArgumentException(verb),
    };

    public static TheoryData<string> Verbs => ["ingest", "train", "predict", "evaluate", "synth", "dicom export"];

    [SkippableTheory]
    [MemberData(nameof(Verbs))]
    public void A_read_only_output_is_one_line_naming_the_path_and_exit_1(string verb)
    {
        using ScratchMount? mount = ScratchMount.TryCreate(1024, "ro", out string reason);
        Skip.If(mount is null, reason);
        (int exit, _, string err) = CliRunner.Run(CommandLine(verb, mount.Path));
        AssertOneLine(verb, exit, err, mount.Path, "read-only file system");
    }

    [SkippableTheory]
    [MemberData(nameof(Verbs))]
    public void A_full_output_disk_is_one_line_naming_the_path_and_exit_1(string verb)
    {
        using ScratchMount? mount = ScratchMount.TryCreate(512, null, out string reason);
        Skip.If(mount is null, reason);
        mount.Fill();
        (int exit, _, string err) = CliRunner.Run(CommandLine(verb, mount.Path));
        AssertOneLine(verb, exit, err, mount.Path, "no space left on device");
    }

    /// <summary>The disk fills in the middle of the work, not at the first byte:
    /// still one line, and no temporary left.</summary>
    [SkippableFact]
    public void A_disk_that_fills_during_ingest_is_one_line_and_leaves_no_temporaries()
    {
        using ScratchMount? mount = ScratchMount.TryCreate(1024, null, out string reason);
        Skip.If(mount is null, reason);
        mount.Fill(leaveKib: 256); // room for a few of the eleven 64 KiB images
        (int exit, _, string err) = CliRunner.Run(CommandLine("ingest", mount.Path));
        AssertOneLine("ingest", exit, err, mount.Path, "no space left on device");
        Assert.Empty(Directory.GetFiles(mount.Path, "*.tmp-*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// The disk fills while the first checkpoint is written: one line; then, with space again, --resume has a way
    /// forward (it restarts from config.json) and the finished run holds no temporaries.
    /// </summary>
    [SkippableFact]
    public void A_disk_full_at_the_first_checkpoint_then_resume_finishes_the_run()
    {
        using ScratchMount? mount = ScratchMount.TryCreate(2048, null, out string reason);
        Skip.If(mount is null, reason);
        mount.Fill(leaveKib: 48); // config.json and metrics.csv fit, the checkpoint (model + Adam state) does not
        string[] train = CommandLine("train", mount.Path);
        (int exit, _, string err) = CliRunner.Run(train);
        AssertOneLine("train", exit, err, mount.Path, "no space left on device");
        string run = Path.Combine(mount.Path, "run");
        Assert.True(File.Exists(Path.Combine(run, "config.json")),
            "the test needs the config written before the disk filled");
        Assert.False(File.Exists(Path.Combine(run, "checkpoints", "last.ckpt")));

        File.Delete(Path.Combine(mount.Path, "filler"));
        var resumed = CliRunner.Run(["train", "--out", run, "--resume"]);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("stopped before its first checkpoint", resumed.Err);
        Assert.True(File.Exists(Path.Combine(run, "model.safetensors")));
        Assert.Empty(Directory.GetFiles(run, "*.tmp-*", SearchOption.AllDirectories));
    }

    /// <summary>Outputs the file system refuses without any mount: a name longer than NAME_MAX (255 bytes on Linux
    /// file systems) and a file standing where a folder must be created.</summary>
    [Theory]
    [InlineData("synth", "long", "path too long for this file system")]
    [InlineData("evaluate", "under-a-file", "a folder on the path does not exist or is a file")]
    [InlineData("dicom export", "under-a-file", "a folder on the path does not exist or is a file")]
    [InlineData("dicom export", "a-file", "is a file where a folder is needed")]
    [InlineData("ingest", "under-a-file", "a folder on the path does not exist or is a file")]
    public void A_path_the_file_system_refuses_is_one_line(string verb, string kind, string what)
    {
        File.WriteAllText(P("a-file"), "");
        string root = kind switch
        {
            "long" => P(new string('x', 300)), "a-file" => P("a-file"), _ => Path.Combine(P("a-file"), "sub"),
        };
        string[] args = CommandLine(verb, root);
        if (verb == "synth" || verb == "evaluate") args[Array.IndexOf(args, "--out") + 1] = root;
        (int exit, _, string err) = CliRunner.Run(args);
        AssertOneLine(verb, exit, err, root, what);
    }

    [SkippableFact]
    public void Verbose_adds_the_stack_trace()
    {
        using ScratchMount? mount = ScratchMount.TryCreate(1024, "ro", out string reason);
        Skip.If(mount is null, reason);
        (int exit, _, string err) = CliRunner.Run([.. CommandLine("synth", mount.Path), "--verbose"]);
        Assert.Equal(1, exit);
        Assert.StartsWith($"chestdx synth: error: {mount.Path}", err);
        Assert.Contains("System.IO.IOException", err);
        Assert.Contains("   at ", err);
    }

    /// <summary>Exit 1, one error line (after any progress lines the run printed before it failed), no trace.</summary>
    private static void AssertOneLine(string verb, int exit, string err, string root, string what)
    {
        Assert.True(exit == 1, $"exit {exit}: {err}");
        string[] errors = err.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1, err);
        Assert.StartsWith($"chestdx {verb}: error: {root}", errors[0]);
        Assert.Contains(": " + what, errors[0]);
        Assert.Equal(errors[0], err.TrimEnd().Split('\n')[^1]);
        Assert.DoesNotContain("   at ", err);
    }
}
