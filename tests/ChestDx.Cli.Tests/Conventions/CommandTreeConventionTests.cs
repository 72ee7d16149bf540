using System.CommandLine;
using System.Text.RegularExpressions;

namespace ChestDx.Cli.Tests.Conventions;

/// <summary>
/// docs/cli.md, checked on every command of the tree (walked, so a new command is covered without touching this
/// file): help exits 0; a usage error (unknown option, missing argument or required option, a group without its
/// subcommand) exits 2 with one stderr line "chestdx PATH: error: …" and no stack trace; every default is shown as
/// "[default: …]" and none in prose; the commands that compute take --threads and --device. That last check is the
/// one a new command needs a line for: which commands compute is listed below, not discovered.
/// </summary>
public sealed partial class CommandTreeConventionTests
{
    /// <summary>The commands that compute with libtorch or ONNX Runtime (docs/cli.md's table).</summary>
    private static readonly string[] Computes = ["train", "predict", "demo", "bench train", "bench predict"];

    /// <summary>bench predict measures the CPU engines side by side: it takes --threads, and no --device.</summary>
    private static readonly string[] CpuOnly = ["bench predict"];

    public static TheoryData<string> Paths() => CommandTree.Paths();

    [Fact]
    public void The_walk_finds_every_verb_and_subcommand()
    {
        string[] paths = CommandTree.All().Select(c => c.Path).ToArray();
        Assert.Contains("pack merge", paths);
        Assert.Contains("bench predict", paths);
        Assert.Contains("dicom info", paths);
        Assert.True(paths.Length >= 24, string.Join(", ", paths)); // 24 when this test was written
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Help_exits_0_and_writes_nothing_to_stderr(string path)
    {
        var (exit, output, error) = CliRunner.Run(CommandTree.Args(path, "--help"));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void An_unknown_option_is_one_line_and_exit_2(string path)
    {
        var (exit, output, error) = CliRunner.Run(CommandTree.Args(path, "--no-such-option"));
        AssertUsageError(path, exit, output, error);
        Assert.Contains("--no-such-option", error);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_missing_argument_or_required_option_is_one_line_and_exit_2(string path)
    {
        Command command = CommandTree.Find(path);
        bool needsSomething = command.Subcommands.Count > 0 || command.Options.Any(o => o.Required)
            || command.Arguments.Any(a => a.Arity.MinimumNumberOfValues > 0);
        if (!needsSomething) return; // runs as it is (doctor, demo, bench …): nothing can be missing
        var (exit, output, error) = CliRunner.Run(CommandTree.Args(path));
        AssertUsageError(path, exit, output, error);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_default_is_shown_as_default_in_brackets_and_none_in_prose(string path)
    {
        Command command = CommandTree.Find(path);
        string help = CliRunner.Run(CommandTree.Args(path, "--help"), width: 400).Out;
        foreach (Option option in command.Options)
        {
            bool hasDefault = option.HasDefaultValue && option.ValueType != typeof(bool)
                || option.GetType().Name.StartsWith("ChoiceOption", StringComparison.Ordinal);
            if (!hasDefault) continue;
            string row = HelpRow(help, option.Name);
            Assert.True(row.Contains("[default:", StringComparison.Ordinal), $"{path} {option.Name}: {row}");
        }
        string prose = Bracketed().Replace(help, "");
        Match m = ProseDefault().Match(prose);
        Assert.False(m.Success, $"{path}: a default in prose: '{m.Value}' (write [default: …])");
    }

    [Fact]
    public void Commands_that_compute_take_threads_and_device_with_the_same_defaults()
    {
        foreach (string path in Computes)
        {
            string help = CliRunner.Run(CommandTree.Args(path, "--help"), width: 400).Out;
            Assert.Contains("[default: 0]", HelpRow(help, "--threads"));
            if (CpuOnly.Contains(path)) continue;
            Assert.Contains("[default: auto]", HelpRow(help, "--device"));
        }
    }

    [Fact]
    public void The_busy_machine_advice_names_an_option_the_computing_commands_have()
    {
        // ComputeSettings' warning ends "--threads 1 avoids it"; every command that can print it has --threads.
        foreach (string path in Computes)
            Assert.Contains(CommandTree.Find(path).Options, o => o.Name == "--threads");
    }

    [Fact]
    public void A_choice_outside_its_set_is_a_usage_error()
    {
        var (exit, output, error) = CliRunner.Run(["bench", "train", "--device", "tpu"]);
        AssertUsageError("bench train", exit, output, error);
        Assert.Contains("--device 'tpu' is not auto, cpu or cuda", error);
    }

    [Fact]
    public void Dash_as_the_out_of_a_folder_output_is_a_usage_error_and_creates_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("chestdx-conv-").FullName;
        try
        {
            var (exit, output, error) = CliRunner.Run(["evaluate", "--predictions", Path.Combine(dir, "p.csv"),
                "--labels", Path.Combine(dir, "l.csv"), "--out", "-"]);
            AssertUsageError("evaluate", exit, output, error);
            Assert.Contains("--out -", error);
            Assert.False(File.Exists("-") || Directory.Exists("-"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertUsageError(string path, int exit, string output, string error)
    {
        Assert.True(exit == 2, $"chestdx {path}: exit {exit}, stderr: {error}");
        string[] lines = error.TrimEnd('\n', '\r').Split('\n');
        Assert.True(lines.Length == 1, $"chestdx {path}: {lines.Length} stderr lines:\n{error}");
        Assert.StartsWith($"chestdx {path}: error: ", lines[0]);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Usage:", output); // no help dump
    }

    /// <summary>The help's text for one option: its row and its wrapped continuation lines.</summary>
    private static string HelpRow(string help, string name)
    {
        string[] lines = help.Split('\n');
        int start = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"^\s+(-\S+, )*{Regex.Escape(name)}\b"));
        Assert.True(start >= 0, $"{name} not in help:\n{help}");
        var row = new List<string> { lines[start] };
        for (int i = start + 1; i < lines.Length && !lines[i].TrimStart().StartsWith('-') && lines[i].Trim() != "";
             i++)
            row.Add(lines[i]);
        return string.Join(' ', row);
    }

    [GeneratedRegex(@"\[default:[^\]]*\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\(default[ :]|\bDefault: ")]
    private static partial Regex ProseDefault();
}
